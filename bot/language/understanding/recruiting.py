"""Recruiting and offers: people sought to accompany others, mentors sought for an event or a programme, places
offered and learners invited. The asking words in them are the programme's or the offer's, not the poster's."""

from __future__ import annotations

import re

from bot.language.understanding.phrases import PATTERNS

# Mentors sought, in the plural, for an event or a programme one runs: « on cherche des mentors pour notre
# hackathon »; however many (« deux ou trois mentor·es »), whatever their field ("mentors in cycling for our new
# club programme")
_MENTORS_FOR_AN_EVENT = re.compile(
    r"(?<!\w)(?:looking for|seeking|recherche|recherchons|cherche|cherchons|buscamos|busca|suchen|sucht|cerchiamo|"
    r"cerca|procuramos|procura)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:mentors|mentores|mentoras|mentoren|mentorinnen|mentor:innen|mentor\*innen|mentori|mentor[·.]e[·.]?s|coachs|"
    r"coaches|tutors|tuteurs|tutores|tutoren|tutor)\s+(?:(?:en|in|de|d'|di|em|on|im|fur)\s*[\w'-]+(?:\s+[\w'-]+)?\s+)?"
    r"(?:for|pour|para|fur|per)\s+(?:our|notre|nos|nuestro|nuestra|unser\w*|"
    r"il nostro|la nostra|o nosso|a nossa|the|le|la|el|den|die|das|il|lo|o|a|un|une|an?|ein\w*|uno?|uma?)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:hackathon|game jam|jam|event|evenement|evento|veranstaltung|meetup|workshop|atelier|taller|"
    r"laboratorio|oficina|conference|conferencia|konferenz|conferenza|journee|jornada|festival|bootcamp|"
    r"summer school|ecole d'ete|escuela de verano|sommerschule|scuola estiva|escola de verao|challenge|concours|"
    r"wettbewerb|concorso|concurso|sprint|forum|salon|cohort|cohorte|promo|promotion|kohorte|coorte|programme|"
    r"program|programa|programm|programma|dispositif|jeunes|licencie\w*|adherent\w*|eleves|students|youth|members|"
    r"membres|mentees|jovenes|jugendliche\w*|giovani|jovens|alunos|alumnos)(?!\w)")

# Recruiting, by a programme or a group: people sought to accompany others, not oneself: "looking for experienced
# RNs to mentor new grads", « on cherche des mentors pour accompagner… », « Wir suchen Entwicklerinnen, die… begleiten »
# (the German « um … zu », not the Portuguese « um mentor »); « …cherche des infirmier·es pour du tutorat »
_RECRUITING = re.compile(
    r"(?<!\w)(?:looking for|seeking|searching for|recruiting|cherche|recherche|cherchons|recherchons|recrute|recrutons|"
    r"buscamos|busca|buscan|cerchiamo|cerca|cercano|procuramos|procura|procuram|suchen|sucht)\s+"
    r"(?P<who>(?:[\w'-]+,?\s+){0,5}?)(?:to|pour|para|per|um(?!\s+mentor)|die|der|che|que|qui|who|(?:prete?s?|ready|willing|"
    r"dispuest[oa]s|bereit|dispost[ie]|dispost[oa]s|disponibles?)\s+(?:a|to|pour|para|zu))\s+"
    r"(?!(?:me|moi|mich|mir|mi|m|nous|us|uns|ci)(?!\w))(?:\w+\s+)?(?<![\w'])(?:mentor|mentorer|mentorear|mentorare|"
    r"mentorar|accompagner|accompagnent|begleiten|coacher|coach|guide|encadrer|parrainer|acompanhar|acompanar|affiancare|"
    r"support|tutor|tutorat|tutoring|tutoraggio|tutoria|parrainage|betreuung|betreuen)(?!\w)(?!\s+(?:me|moi|mich|mir|my|mon|ma|mes|mi|mis|mein\w*|meu|minha|nous|us|uns|ci)(?!\w))")
_ONE_PERSON = re.compile(r"(?<!\w)(?:un|une|a|an|someone|somebody|quelqu'un|quelqu'une|qqn|alguien|jemand\w*|qualcuno|"
                         r"alguem|uno|una|einen|eine|um|uma)(?!\w)")
_FIRST_PERSON_SEEKER = re.compile(r"(?<!\w)(?:je|i'm|i am|im|ich|yo|io|eu|estou|sto|estoy)\s+(?:\w+\s+)?$")


# A place offered: what follows (« …, qui veut ? », "Reply below") is the offer's call, not an ask
_PLACE_OFFERED = re.compile(
    r"(?<!\w)(?:il me reste (?:encore )?(?:une|deux|trois|quelques|des|de la)?\s*(?:places?|creneaux?|disponibilites?)|"
    r"j'ai (?:encore )?(?:une|deux|trois|de la) places?|tengo (?:hueco|sitio|plaza)|"
    r"ich habe (?:noch )?platz|ho (?:ancora )?posto|tenho vagas?|i have (?:a |one |two )?(?:spot|slot|space|room|place)s?|"
    r"i've got (?:a |one |two )?(?:spot|slot)|me quedan? (?:una|dos|tres) plazas?|tengo (?:una|dos) plazas?|"
    r"ho (?:ancora )?(?:un|due) post[oi]|tenho (?:uma|duas) vagas?|ich habe noch (?:einen|zwei) platz\w*|"
    r"(?:free|open|spare)\s+(?:mentoring\s+|mentorship\s+)?(?:spots?|slots?|places?)|(?:une|a|one|una|uma|einen)\s+"
    r"(?:place|spot|slot|plaza|vaga|posto|platz) (?:de |for |per |fur )?(?:mentorat|mentoring|mentoria|mentorship))(?!\w)")


_MENTEES_TAKEN = re.compile(PATTERNS["mentees_taken"])


def offer_spans(cue_text: str) -> list[tuple[int, int]]:
    """From each place offered to the end of the post, and each question inviting learners: the call that follows
    (or comes with it) belongs to the offer."""
    return [(m.start(), len(cue_text)) for m in _PLACE_OFFERED.finditer(cue_text)] + \
        [m.span() for m in _MENTEES_TAKEN.finditer(cue_text)]


def recruiting_spans(cue_text: str) -> list[tuple[int, int]]:
    """Where the text recruits people to accompany others (many sought: no « un », "someone"), or mentors for an
    event or a programme; not by « je »."""
    found = [m for m in _RECRUITING.finditer(cue_text) if not _ONE_PERSON.search(m["who"])]
    found += _MENTORS_FOR_AN_EVENT.finditer(cue_text)
    return [m.span() for m in found if not _FIRST_PERSON_SEEKER.search(cue_text[max(0, m.start() - 20):m.start()])]
