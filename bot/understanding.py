"""What a status means: a request for guidance, a command, chatter, or talk about mentoring that is not for us.

A request is recognised from several signals weighed together (ask phrases, questions to others, first person
needs, mentoring words as the thing wanted), against the signs of talk: offers, recruiting, announcements,
lessons threads, links, quotes, generalities. Kind words count by their role: negated (« pas un coach »), or
naming a topic (« feedback entre pairs », "become a coach"), they say nothing of the kind wanted.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

from bot.intent import lean
from bot.lexicon import NON_TOPIC_TAGS
from bot.people.roster import Roster
from bot.platform.events import Status, normalize_acct
from bot.topics import clean, hashtag_topics, normalize, topic_key, vocabulary

# --- Phrase tables -------------------------------------------------------------------------------
# Written as people type them; matching is case- and accent-insensitive, on word boundaries, and
# tolerant of inclusive writing ("un·e mentor·e") and of typographic apostrophes.

ASK_CUES = {  # each phrase found counts once: "je cherche un mentor" says it twice
    "fr": (
        "je cherche", "je recherche", "cherche", "recherche", "cherche un mentor", "cherche une mentor",
        "cherche une mentore", "recherche un mentor", "mentor recherché", "mentore recherchée",
        "à la recherche d'un mentor", "à la recherche d'une", "besoin d'un", "besoin d'une", "besoin d'un mentor",
        "besoin d'une mentor", "besoin d'une mentore", "besoin d'un coach", "besoin d'aide", "besoin de conseils",
        "besoin d'être accompagné", "j'ai besoin", "j'aurais besoin", "qui pourrait m'accompagner",
        "qui pourrait m'aider", "qui peut m'aider", "qui peut m'accompagner", "qui voudrait m'accompagner",
        "qui pourrait me mentorer", "qui voudrait me mentorer", "qui serait d'accord pour",
        "quelqu'un pour", "quelqu'un qui pourrait", "quelqu'un pourrait", "quelqu'un peut", "quelqu'un aurait",
        "quelqu'un serait", "quelqu'un veut", "quelqu'un voudrait", "qui veut", "qui serait partant",
        "qui serait partante", "j'aimerais être accompagné", "j'aimerais un mentor", "j'aimerais trouver", "j'aimerais",
        "je voudrais être accompagné", "je voudrais un mentor", "je voudrais", "je souhaite être accompagné",
        "je souhaiterais", "je souhaite", "un coup de main", "un coup de pouce", "de l'aide", "aide pour",
        "des conseils", "me guider", "m'accompagner", "m'aider", "me mentorer", "me coacher", "m'épauler",
        "me conseiller", "m'orienter", "me parrainer", "des pistes", "un regard extérieur", "un avis extérieur",
        "avis aux mentors", "je serais ravi", "je serais ravie", "ça me ferait du bien", "preneur", "preneuse",
        "je suis preneur", "je suis preneuse", "partant pour", "partante pour", "des retours",
        "quelqu'un de", "une personne qui", "une personne pour", "des gens qui", "je suis à la recherche",
        "besoin de", "qui s'y connaît", "quelqu'un s'y connaît", "qui aurait", "sous son aile", "sous ton aile",
        "parrainage", "me faire accompagner", "être mentorée", "être mentoré", "me trouver un mentor",
        "trouver un mentor", "trouver une mentore", "trouver une mentor", "je voudrais bien", "ça me plairait",
        "des pistes ?", "des conseils ?", "un avis ?", "des idées ?",
    ),
    "en": (
        "looking for a mentor", "looking for mentor", "looking for", "seeking a mentor", "seeking",
        "searching for a mentor", "in search of", "need a mentor", "need a coach", "need help",
        "need some help", "need guidance", "need some guidance", "need advice", "i need", "could use",
        "can anyone", "could anyone", "can someone", "could someone", "is there anyone", "is anyone",
        "anyone who could", "anyone able to", "anyone willing", "anyone here", "anyone around", "anybody",
        "would love guidance", "would love some guidance", "would love a mentor", "would love some help",
        "would love", "would appreciate", "i'd appreciate", "i'd really appreciate", "appreciate a mentor",
        "appreciate any help", "mentor me", "i'd like a mentor", "i would like a mentor", "i'd love a mentor",
        "i'd love", "i'd like", "i would like", "i want a mentor", "want a mentor", "i want to find",
        "who could help me", "who can help me", "help me", "guide me", "coach me", "mentor wanted",
        "any mentors out there", "calling all mentors", "anyone want to", "anyone wants to", "anyone up for",
        "who wants to", "hoping to find", "hoping for", "i'm hoping", "open to", "pointers", "someone who",
        "someone to", "somebody who", "somebody to", "any advice", "any tips", "could i get", "can i get",
        "may i get", "willing to mentor me", "be my mentor", "take me on", "looking to", "trying to find",
        "want to find", "hoping someone", "does anyone", "would anyone", "would someone", "anyone know",
        "mentor needed", "in need of", "i'm after", "keen to", "would welcome", "be mentored", "get mentored",
        "find a mentor", "under their wing", "under your wing", "recommend a mentor", "need someone",
    ),
    "es": ("busco", "estoy buscando", "necesito", "alguien puede", "alguien podría", "alguien que", "me gustaría",
           "quisiera", "quién podría", "quien podria", "ayudarme", "orientarme", "acompañarme", "ser mi mentor",
           "ser mi mentora", "me vendría bien", "agradecería", "una mano", "consejos", "ando buscando", "alguien que me", "necesitaría",
           "me vendría genial", "estaría genial", "encontrar un mentor", "encontrar una mentora", "me ayudaría",
           "orientación", "algún mentor", "alguna mentora", "ser mentoreada", "ser mentoreado"),
    "de": ("ich suche", "suche", "brauche", "kann mir jemand", "könnte mir jemand", "wer kann", "wer könnte",
           "wer hätte lust", "wer hat lust", "jemand der", "jemanden der", "jemand, der", "ich hätte gern",
           "ich hätte gerne", "ich würde gern", "ich würde gerne", "ich wünsche mir", "mich zu begleiten",
           "mich begleiten", "mir helfen", "unterstützung", "tipps", "ratschläge", "wäre toll", "gesucht",
           "wer kennt sich", "kennt sich jemand", "hat jemand erfahrung", "wäre froh", "freue mich über",
           "mich unterstützt", "unterstützen könnte", "mag mich jemand", "bräuchte"),
    "it": ("cerco", "sto cercando", "ho bisogno", "mi serve", "mi servirebbe", "qualcuno può", "qualcuno potrebbe",
           "qualcuno che", "chi potrebbe", "chi può", "mi piacerebbe", "vorrei", "aiutarmi", "guidarmi",
           "accompagnarmi", "farmi da mentore", "consigli", "una mano", "avrei bisogno", "cercasi", "vorrei trovare",
           "qualcuno che mi", "mi aiuterebbe", "sarebbe bello", "mi potrebbe", "mi può", "qualcuno disposto"),
    "pt": ("procuro", "estou procurando", "estou à procura", "preciso de", "preciso", "alguém pode", "alguém poderia",
           "alguém que", "quem poderia", "quem pode", "gostaria de", "gostaria", "me ajudar", "ajudar-me",
           "me orientar", "orientar-me", "acompanhar-me", "ser minha mentora", "ser meu mentor", "uma mão",
           "conselhos", "dicas", "precisava", "procura-se", "me ajudaria", "alguém que me", "tô procurando",
           "to procurando", "tô precisando", "quem topa", "alguém topa", "alguém disposto", "alguém disposta"),
}

# Struggling or starting, said in the first person: a need even without an ask phrase.
NEED_CUES = (
    "je galère", "je galere", "galère", "je bloque", "je suis bloqué", "je suis perdu", "je suis perdue",
    "je me sens perdu", "je me sens perdue", "je me sens seul", "je me sens seule", "je débute", "je me lance",
    "je démarre", "je commence", "je patauge", "je rame", "je suis nouveau", "je suis nouvelle", "je ne sais pas par où",
    "je sais pas par où", "je ne sais pas comment", "je sais pas comment", "je doute", "je stresse",
    "i'm struggling", "im struggling", "struggling with", "i feel lost", "feeling lost", "i'm lost", "i'm stuck",
    "stuck on", "i'm new to", "i'm starting", "i just started", "just started", "i'm about to", "i don't know where",
    "i don't know how", "no idea how", "i'm overwhelmed", "overwhelmed",
    "me siento perdida", "me siento perdido", "estoy perdida", "estoy perdido", "estoy empezando", "no sé cómo",
    "ich bin neu", "ich fange an", "ich starte", "ich weiß nicht", "ich komme nicht weiter", "überfordert",
    "mi sento perso", "mi sento persa", "sto iniziando", "non so come", "non so da dove",
    "estou perdido", "estou perdida", "estou começando", "não sei como", "não sei por onde",
)

# Someone else addressed with a question: "anyone?", « quelqu'un ? », « ¿alguien? ».
APPEAL_WORDS = (
    "qui", "quelqu'un", "quelqu'une", "quelqu'un·e", "une personne", "vous", "anyone", "someone", "somebody",
    "anybody", "who", "any", "alguien", "quién", "jemand", "jemanden", "wer", "qualcuno", "chi", "alguém", "quem",
    "qqn", "qlqn", "jmd", "irgendwer", "on pourrait", "we could", "shall we", "alguien más", "alguém mais",
    "anyone else",
)

MENTOR_NOUNS = (  # the person wanted, as an object: "un mentor", "a peer", « eine Mentorin »
    "mentor", "mentore", "mentora", "mentorin", "mentoren", "mentori", "mentores", "mentors", "coach", "coachs",
    "binôme", "binome", "marraine", "parrain", "buddy", "lernpartner", "lernpartnerin", "tutor", "tutora",
    "tutore", "guide", "accompagnement", "mentorat", "mentoring", "mentorship", "mentoría", "mentoria", "coaching",
    "sparringspartner", "sparring partner", "accountability partner",
)
WANT_DETERMINERS = ("un", "une", "a", "an", "my", "mon", "ma", "un·e", "uno", "una", "ein", "eine", "einen",
                    "einer", "um", "uma", "du", "some", "des", "plusieurs", "quelques", "few", "mi", "meu", "minha")

# Talk about mentoring rather than a request: offers, recruiting, lessons, articles, thanks, questions about the bot.
NOT_A_REQUEST_CUES = {
    "fr": (
        "je propose du mentorat", "je propose un mentorat", "je propose de mentorer", "je propose",
        "je peux accompagner", "je peux mentorer", "je peux aider", "je me propose", "j'offre",
        "je suis disponible pour accompagner", "disponible pour accompagner", "si vous cherchez",
        "si tu cherches", "si vous avez besoin", "si tu as besoin", "n'hésitez pas", "n'hésite pas",
        "écrivez-moi", "mes dm sont ouverts", "leçons", "ce que j'ai appris", "retour d'expérience",
        "à lire", "lisez", "billet", "webinaire",
        "merci à", "merci pour", "comment ça marche", "c'est quoi", "qui es-tu", "devenir mentor",
        "devenir mentore", "je veux devenir", "je voudrais devenir", "j'aimerais devenir", "il me reste une place",
        "il me reste deux places", "il me reste des places", "il reste une place", "il reste des places",
        "une place de mentorat", "j'ai de la place", "j'ai une place", "je prends", "j'accompagne", "j'accompagnerai",
        "nous recrutons", "on recrute", "recrutons", "recrute des mentors", "appel à bénévoles", "mentors bénévoles",
        "devenez mentor", "devenez mentore", "inscriptions ouvertes", "inscrivez-vous", "inscris-toi",
        "rejoignez-nous", "rejoignez", "save the date", "programme de mentorat", "notre programme", "ma mentore m'a",
        "mon mentor m'a", "j'ai eu la chance", "mon article", "mon dernier article", "nouvel épisode", "dans cet épisode", "écoutez",
        "conseil du jour", "astuce", "petit rappel", "je partage", "voici mes slides", "voici le lien", "pour les mentors", "aux mentors qui",
        "aux mentorés", "mes mentorés", "mes mentorées", "ma mentorée", "mon mentoré", "je suis mentor",
        "je suis mentore", "en tant que mentor", "en tant que mentore", "ravie d'accompagner", "ravi d'accompagner",
        "qui cherche un mentor", "qui cherchent un mentor", "vous cherchez un mentor",
    ),
    "en": (
        "happy to mentor", "i can mentor", "offering mentoring", "offering mentorship", "i offer",
        "i'm offering", "available to mentor", "glad to mentor", "happy to help", "willing to mentor",
        "if you're looking", "if you are looking", "if you need", "anyone looking for",
        "for anyone looking", "lessons",
        "lessons learned", "what i learned", "article", "blog post", "must read",
        "worth reading", "read this", "webinar", "thanks to", "thank you to", "shoutout",
        "shout-out", "how does this work", "how does it work", "what is this", "who are you", "become a mentor",
        "like to become", "want to become", "i have room", "i have space", "i have one spot", "one spot left",
        "a spot open", "spots open", "taking on mentees", "taking mentees", "accepting mentees", "i mentor",
        "i'm mentoring", "as a mentor", "my mentees", "my mentee", "we're recruiting", "we are recruiting",
        "recruiting", "volunteer mentors", "sign up", "signups", "register", "registration", "join us",
        "save the date", "our program", "our programme", "new episode", "in this episode", "my mentor told me",
        "sharing the slides", "sharing my", "here are my slides", "offer mentoring", "to offer mentoring",
        "my mentor once", "reminder", "hot take", "unpopular opinion", "pro tip", "tip for mentors",
        "to all the mentors", "looking for mentors to join", "mentors wanted for", "we need mentors",
        "we're looking for mentors", "we are looking for mentors", "calling for mentors",
    ),
    "es": ("ofrezco", "puedo mentorear", "puedo acompañar", "buscamos mentores", "buscamos mentoras",
           "inscripciones", "gracias a", "hilo", "mis mentoreados", "soy mentora", "soy mentor"),
    "de": ("ich biete", "biete", "wir suchen mentor", "wir suchen mentorinnen", "anmeldung", "danke an",
           "meine mentees", "ich bin mentorin", "ich bin mentor", "ich begleite"),
    "it": ("offro", "posso fare da mentore", "cerchiamo mentori", "iscrizioni", "grazie a", "i miei mentee",
           "sono mentore", "sono mentora"),
    "pt": ("ofereço", "posso mentorar", "procuramos mentores", "procuramos mentoras", "inscrições",
           "obrigado a", "obrigada a", "meus mentorados", "sou mentora", "sou mentor"),
}

# Generalities: mentoring words as the subject of a sentence, not the thing wanted.
GENERAL_PATTERNS = (
    r"(?<!\w)(?:le|un|du)\s+(?:mentorat|coaching)\s+(?:c'est|est|a|n'est|permet|change)",
    r"(?<!\w)(?:les|des)\s+mentor(?:e)?s\s+(?:ont|sont|doivent|aussi|peuvent)",
    r"(?<!\w)(?:mentoring|mentorship|coaching|a good mentor|good mentors|great mentors|the best mentors)\s+"
    r"(?:is|isn't|was|has|changed|can|should|goes|go|works|work|means|doesn't|don't|are|listen|ask)(?!\w)",
    r"(?<!\w)(?:un bon mentor|une bonne mentore|les bons mentors|le bon mentor)\s+(?:est|c'est|sait|doit|devrait|"
    r"ecoute|pose|n'est)(?!\w)",
    r"(?<!\w)mentors\s+(?:need|are|should|can|have|also|too)(?!\w)",
    r"(?<!\w)(?:j'ai eu|j'avais|i had|i've had|ich hatte|ho avuto|tuve|tive)\s+(?:un|une|deux|trois|a|two|three|"
    r"einen|eine|zwei|un|una|due|dos|um|uma|dois)?\s*(?:\w+\s+)?mentor",
)

KIND_CUES = {  # checked in this order: the first kind with a cue wins, else "mentoring"
    "reverse": (
        "mentorat inversé", "mentorat inverse", "reverse mentoring", "reverse mentor", "reverse-mentoring",
        "mentorat à l'envers", "plus jeune que moi", "plus jeunes que moi", "quelqu'un de plus jeune",
        "une personne plus jeune", "on inverse les rôles", "inverser les rôles", "inverse les rôles",
        "rôles inversés", "younger than me", "someone younger", "a younger", "flip the roles", "flip roles",
        "roles reversed", "reverse the roles", "mentoría inversa", "mentoria inversa", "mentoria reversa",
        "mentoring inverso", "mentoring inversa", "umgekehrtes mentoring", "reverse-mentoring",
        "alguien más joven", "más joven que yo", "jemand jüngeres", "jüngere person", "jünger als ich",
        "qualcuno più giovane", "più giovane di me", "alguém mais jovem", "mais jovem do que eu",
        "mais novo que eu", "mais nova que eu",
    ),
    "peer": (
        "entre pairs", "par les pairs", "pair à pair", "de pair à pair", "binôme", "binome", "en binôme",
        "pair up", "peer mentoring", "peer-to-peer", "peer to peer", "peer", "peers", "a peer", "study buddy",
        "accountability buddy", "accountability partner", "buddy", "de mon niveau", "du même niveau",
        "au même niveau", "même niveau", "same level", "my level", "on apprend ensemble", "apprendre ensemble",
        "qu'on apprenne ensemble", "progresser ensemble", "s'entraider", "learn together", "learning together",
        "grow together", "lernpartner", "lernpartnerin", "auf augenhöhe", "gemeinsam lernen", "entre iguales",
        "de igual a igual", "entre pares", "aprender juntos", "aprender juntas", "compañero de estudio",
        "compañera de estudio", "tra pari", "alla pari", "imparare insieme", "compagno di studio",
        "aprender juntos", "entre iguais", "parceiro de estudo", "parceira de estudo", "mentorat croisé",
        "échange de compétences", "skill swap", "co-mentoring", "comentoring",
    ),
    "coaching": (
        "coaching", "coach", "un coach", "une coach", "coacher", "me coacher", "coach me", "objectif précis",
        "un objectif", "atteindre mon objectif", "préparer un entretien", "préparer mon entretien", "quelques séances",
        "specific goal", "reach my goal", "a goal", "interview prep", "prepare for an interview",
        "a few sessions", "targeted prep", "targeted", "ciblé", "ciblée", "ponctuel", "ponctuelle", "court terme",
        "short-term", "short term", "one-off", "deadline", "échéance", "d'ici vendredi", "avant vendredi",
        "by friday", "before friday", "next week", "la semaine prochaine", "in two weeks", "dans deux semaines",
        "dans trois semaines", "in three weeks", "préparer ma soutenance", "ma soutenance", "mon entretien",
        "my interview", "prep for", "prepare for", "me préparer", "quelques sessions", "une ou deux séances",
        "one or two sessions", "a couple of sessions", "sesiones", "sitzungen", "sessioni", "sessões",
        "vorbereitung", "prepararme", "preparare", "preparar-me", "entrevista", "vorstellungsgespräch",
        "colloquio",
    ),
}
STRONG_COACHING = ("coaching", "coach", "un coach", "une coach", "coacher", "me coacher", "coach me")
# Kind words that name a topic or someone else's role: no kind is asked through them.
KIND_AS_TOPIC = (
    "feedback entre pairs", "retours entre pairs", "évaluation par les pairs", "évaluation entre pairs",
    "apprentissage entre pairs", "apprentissage par les pairs", "relecture par les pairs", "peer review",
    "peer-review", "peer reviewed", "peer-reviewed", "peer feedback", "peer learning", "peer-learning",
    "peer assessment", "peer support programme", "peer support program", "devenir coach", "devenir une coach",
    "devenir un coach", "devenir coach agile", "become a coach", "becoming a coach", "coach agile",
    "agile coach", "formation de coach", "coach sportif", "coach sportive", "my coach", "mon coach", "ma coach",
    "career coach", "coaching de vie", "life coach", "coachs", "coaches", "coaching d'équipe", "team coaching",
    "coaching skills", "compétences de coach", "mentorat entre pairs dans mon", "le binôme", "mon binôme",
    "my peers", "mes pairs", "nos pairs", "our peers", "prepare for my", "entretien annuel",
)
NEGATIONS = ("pas", "non", "ni", "sans", "not", "no", "nor", "never", "don't", "dont", "do not", "nunca", "nie", "mai", "sin", "ni", "nicht", "kein", "keine",
             "keinen", "non", "né", "senza", "não", "nem", "sem", "plutôt que", "rather than", "instead of",
             "pas besoin", "don't need", "don't want", "not looking for", "pas forcément", "más que", "statt",
             "anstatt", "invece di", "em vez de", "au lieu de", "en lugar de", "en vez de")

CIRCLE_CUES = (  # asking for several mentors at once
    "plusieurs mentors", "plusieurs mentores", "quelques mentors", "un cercle de mentors", "cercle de mentorat",
    "mon réseau me sert de mentor", "mentorat collectif", "plusieurs regards", "plusieurs avis",
    "plusieurs points de vue", "plusieurs personnes", "différents regards", "regards croisés", "un petit cercle",
    "petit cercle", "un cercle", "un petit groupe de mentors", "plusieurs accompagnants", "plusieurs profils",
    "several mentors", "a few mentors", "multiple mentors", "some mentors", "a circle of mentors",
    "mentoring circle", "my network mentors me", "a board of mentors", "a small circle", "small circle",
    "a circle", "personal board", "board of advisors", "several people", "a few people", "multiple perspectives",
    "different perspectives", "a couple of mentors", "a few perspectives", "a small group of mentors",
    "varios mentores", "varias mentoras", "varios mentoras", "algunos mentores", "un círculo", "círculo de mentores",
    "varias personas", "mehrere mentoren", "mehrere mentorinnen", "ein paar mentoren", "mentoring-kreis",
    "mehrere perspektiven", "mehrere personen", "più mentori", "alcuni mentori", "diversi mentori",
    "un cerchio", "più persone", "vários mentores", "várias mentoras", "alguns mentores", "um círculo",
    "várias pessoas", "mentors différents", "des mentors", "des mentores", "une équipe de mentors",
    "a team of mentors", "a group of mentors", "un groupe de mentors", "a panel of mentors", "pas un seul mentor",
    "not just one mentor", "not just one", "pas qu'un seul", "non uno solo", "nicht nur eine", "nicht nur einen",
    "no solo uno", "no solo una", "não só um", "não só uma", "more than one person", "plus d'une personne",
)
SINGLE_MENTOR_PLURALS = ("aux mentors", "chers mentors", "les mentors", "any mentors", "dear mentors",
                         "mentors out there", "all mentors")
NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "two": 2, "three": 3, "four": 4, "dos": 2, "tres": 3,
                "zwei": 2, "drei": 3, "due": 2, "tre": 3, "dois": 2, "duas": 2, "três": 3, "couple": 2}

MENTORING_WORDS = (  # a mention to the bot carrying one of these (and nothing against) is a request
    "mentor", "mentore", "mentors", "mentorat", "mentoring", "mentorship", "coach", "coaching",
    "accompagnement", "accompagner", "accompagné", "guidance", "conseil", "conseils", "advice",
    "binôme", "peer", "aide", "help", "mentora", "mentoría", "mentoria", "mentorin", "mentore", "ayuda", "hilfe",
    "aiuto", "ajuda",
)

COMMANDS = {  # a command is the first words of a mention to the bot
    "help": ("aide", "help", "au secours", "mode d'emploi", "comment faire"),
    "status": ("statut", "status", "état", "où en est ma demande", "ou en est ma demande", "what's my status"),
    "cancel": ("annuler", "annule", "annulation", "cancel", "cancel my request"),
    "stop": ("stop", "arrête", "arrêter", "arrêtez", "unsubscribe", "désabonner", "ne plus me contacter"),
    "pause": ("pause", "en pause", "mettre en pause", "pause me"),
    "resume": ("reprendre", "reprise", "je reprends", "resume", "unpause", "fin de pause"),
}
YES = (
    "oui", "d'accord", "ok", "okay", "yes", "accept", "j'accepte", "accepté", "accepted", "i accept", "volontiers",
    "avec plaisir", "sure", "👍", "bien sûr", "pas de souci", "pas de soucis", "pas de problème",
    "sans problème", "carrément", "avec joie", "pourquoi pas", "of course", "with pleasure", "gladly",
    "no problem", "no worries", "yep", "yeah", "yup", "happy to", "count me in", "why not",
)
NO = (
    "non", "pas dispo", "pas disponible", "no", "decline", "je décline", "not available", "sorry, no",
    "nope", "non merci", "no thanks", "pas maintenant", "pas pour le moment", "pas cette fois",
    "je ne peux pas", "i can't", "i cannot", "can't", "not now", "not this time", "malheureusement non",
    "unfortunately no", "unfortunately not", "pas le temps", "no time",
)
SOFT_NO = ("désolé", "désolée", "sorry", "malheureusement", "unfortunately")  # "no" unless a clearer word follows
POLITENESS = (
    "merci", "merci beaucoup", "svp", "stp", "s'il vous plaît", "s'il te plaît", "please", "pls", "thanks",
    "thank you", "bonjour", "salut", "hello", "hi", "cordialement", "bonne journée",
)
PAUSE_DATE_PREFIXES = ("jusqu'au", "jusqu'à", "jusqu'a", "jusqu'en", "jusque", "until", "till", "til",
                       "through", "to", "au", "le", "on", "pour", "for", "dans", "in")

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "novembre": 11, "decembre": 12, "dec": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday")
DURATION_UNITS = {"jour": 1, "jours": 1, "day": 1, "days": 1, "semaine": 7, "semaines": 7, "week": 7,
                  "weeks": 7, "mois": 30, "month": 30, "months": 30}
SMALL_NUMBERS = {"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, **NUMBER_WORDS}

DETECTED_LANGUAGES = ("fr", "en", "de", "es", "it", "pt")
LANGUAGE_OVERRIDE_CHARS = 20  # a declared language is doubted only on a text this long...
LANGUAGE_OVERRIDE_CONFIDENCE = 0.9  # ...when the detection is this sure
REQUEST_THRESHOLD = 1.0
MODEL_WEIGHT = 1.0  # the trained model (bot/intent.py) weighs at most one cue, either way
MODEL_SCALE = 4.0
WEAK_SIGN = 0.5  # a question about oneself, a please: enough on #mentorat when nothing speaks against
NEGATION_SCOPE = 4  # a negation reaches this many words ahead: « je ne cherche pas un coach »

# --- Intents -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    kind: str  # mentoring | coaching | reverse | peer
    language: str
    topics: tuple[str, ...]
    circle_size: int = 1


@dataclass(frozen=True)
class Command:
    name: str  # help | status | cancel | stop | pause | resume | yes | no
    argument: str | None = None  # the words after the command, e.g. the pause date as typed
    until: date | None = None  # pause end; None with an argument means the date could not be read


@dataclass(frozen=True)
class Chatter:
    """Addressed to the bot but neither a request nor a command: answer with the help text."""


@dataclass(frozen=True)
class NotForUs:
    """A hashtag post that talks about mentoring without asking for it: no reply."""


Intent = Request | Command | Chatter | NotForUs


# --- Text normalization --------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F]")
_INCLUSIVE = re.compile(r"(?<=\w)[·•⋅.](?:e|ice|rice|trice)(s?)\b")  # mentor·es -> mentors
_INCLUSIVE_PLURAL = re.compile(r"(?<=\w)[·•⋅.]s\b")  # mentor·e·s -> mentor·s -> mentors
_LEADING_MENTIONS = re.compile(r"^(?:\s*@[\w.\-]+(?:@[\w.\-]+)?[\s,:;]*)+")
_TRAILING_MENTIONS = re.compile(r"(?:[\s,:;]*@[\w.\-]+(?:@[\w.\-]+)?)+\s*$")
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"")
_TRIM = " \t\r\n.,;:!¡¿…-–—\"'«»“”()[]*_~"


def strip_leading_mentions(text: str) -> str:
    """"@bot@host @alice oui" -> "oui"."""
    return _LEADING_MENTIONS.sub("", text, count=1).strip()


def _cue_text(text: str) -> str:
    """Normalized text for phrase matching: no links, no mentions, inclusive endings folded."""
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    return " ".join(_INCLUSIVE_PLURAL.sub("s", _INCLUSIVE.sub(r"\1", normalize(text))).split())


def _phrase_pattern(phrase: str) -> str:
    words = re.split(r"[\s\-,]+", _cue_text(phrase).strip())
    body = r"[\s\-,;:.!]+".join(re.escape(w).replace("'", r"'?\s*") for w in words if w)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


@dataclass(frozen=True)
class _Phrases:
    """A phrase table compiled once; `count` says how many distinct phrases occur in a cue text."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def of(cls, phrases: Iterable[str], label: str = "") -> _Phrases:
        return cls(tuple((re.compile(_phrase_pattern(p)), label) for p in phrases))

    @classmethod
    def by_label(cls, table: dict[str, tuple[str, ...]]) -> _Phrases:
        """Phrases that read the same once folded ("épisode", "episode") count once, under their first label."""
        seen: set[str] = set()
        return cls(tuple(pair for label, phrases in table.items() for pair in cls.of(phrases, label).patterns
                         if not (pair[0].pattern in seen or seen.add(pair[0].pattern))))

    def found(self, text: str) -> list[str]:
        return [label for pattern, label in self.patterns if pattern.search(text)]

    def count(self, text: str) -> int:
        return len(self.found(text))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), label) for pattern, label in self.patterns for m in pattern.finditer(text)]


_ASK = _Phrases.by_label(ASK_CUES)
_NEED = _Phrases.of(NEED_CUES)
_NOT_A_REQUEST = _Phrases.by_label(NOT_A_REQUEST_CUES)
_GENERAL = tuple(re.compile(p) for p in GENERAL_PATTERNS)
_KINDS = _Phrases.by_label(KIND_CUES)
_STRONG_COACHING = _Phrases.of(STRONG_COACHING)
_KIND_AS_TOPIC = _Phrases.of(KIND_AS_TOPIC)
_NEGATION = re.compile(r"(?:" + "|".join(_phrase_pattern(n) for n in sorted(set(NEGATIONS), key=len, reverse=True))
                       + r")")
_CIRCLE = _Phrases.of(CIRCLE_CUES)
_MENTORING_WORDS = _Phrases.of(MENTORING_WORDS)
_THREAD_MARK = re.compile(r"(?<![\w/])\(?1/\d*\)?(?![\w/])|🧵|(?<!\w)(?:thread|fil|hilo|faden)\s*(?:👇|⬇|:|🧵)")
_PLURAL_MENTORS = re.compile(r"(?<!\w)mentor(?:e)?s(?!\w)")
_NUMBERED_MENTORS = re.compile(r"(?<!\w)(\d|" + "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS)))
                               + r")(?:\s+(?:ou|or|o|oder|ou)\s+\w+)?\s+(?:mentor(?:e|a|in)?s|mentoren|mentori|"
                                 r"mentores|mentorinnen|regards|personnes|people|perspectives)(?!\w)")
_SINGLE_PLURALS = _Phrases.of(SINGLE_MENTOR_PLURALS)
_NUMBERS = {normalize(w): n for w, n in NUMBER_WORDS.items()}
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_SENTENCES = re.compile(r"[^.!?¿¡\n]*[.!?\n]+|[^.!?¿¡\n]+$")
_APPEAL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalize(w)) for w in APPEAL_WORDS) + r")(?!\w)")
_WANTED_PERSON = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalize(d)) for d in WANT_DETERMINERS)
                            + r")\s+(?:\w+\s+)?(?:" + "|".join(re.escape(normalize(n)) for n in MENTOR_NOUNS)
                            + r")(?!\w)")
_BEING = re.compile(r"(?<!\w)(?:be|being|am|become|etre|suis|devenir|ser|soy|sein|bin|werden|essere|sono|sou)\s+$")
_PAST_PLURAL = re.compile(r"(?:j'ai eu|j'ai deja eu|j'avais|i had|i've had|i have had|ich hatte|tuve|ho avuto|tive)"
                          r"\s+(?:deja\s+)?(?:\w+\s+)?mentor")

_P = r"(?:qui|quelqu'un|quelqu'une|qqn|quelqu'un\s+ici|anyone|anybody|someone|somebody|who|alguien|quien|jemand|wer|"
_P += r"irgendwer|qualcuno|chi|alguem|quem)"
# A first-person wish or need: « j'aimerais », "I'd love", « me encantaría », « ich würde mir wünschen », « queria ».
_DESIRE = re.compile(r"(?<!\w)(?:j'aimerais|j'aimerai|je voudrais|je souhaite|je souhaiterais|j'ai envie|on aimerait|"
                     r"nous aimerions|on voudrait|nous voudrions|on cherche|nous cherchons|j'ai besoin|j'aurais besoin|"
                     r"je serais (?:ravie?|preneu(?:r|se)|reconnaissante?)|(?:coup de main|coup de pouce|aide|conseils?|"
                     r"avis|retours?|regards?)\s+(?:bienvenue?s?|apprecie(?:e|s|es)?)|(?:ce )?serait (?:top|genial|super|precieux|"
                     r"bienvenue?|d'une grande aide)|would be (?:great|amazing|lovely|awesome|so helpful|a huge help)|"
                     r"i'd love|i would love|i'd like|i would like|i want|i need|we'd love|we need|we'd like|i'd benefit|"
                     r"i could use|^need|need (?:someone|somebody|people|a|an|\d)|i'm hoping|i am hoping|hoping to find|i'd be grateful|i'd appreciate|"
                     r"(?:help|advice|tips|pointers|feedback)\s+(?:welcome|appreciated)|kindly suggest|"
                     r"me encantaria|me gustaria|quiero|quisiera|necesito|busco|agradeceria|me vendria bien|me iria genial|"
                     r"(?:ich )?(?:mochte|moechte)|(?:ich )?(?:wurde|wuerde|hatte|haette) (?:\w+ ){0,4}(?:gern|gerne|freuen|wunschen)|"
                     r"bora|vamos|let's|lass uns|facciamo|on se fait|"
                     r"wurde mich (?:sehr )?freuen|wuerde mich (?:sehr )?freuen|ich wunsche mir|wunschen|wuenschen|"
                     r"ich brauche|brauchte|ich suche|hatte gern|hatte gerne|ware dankbar|"
                     r"vorrei|mi piacerebbe|ho bisogno|mi serve|mi servirebbe|cerco|mi farebbe piacere|sarei grat[oa]|"
                     r"queria|gostaria|gostava|quero|preciso|procuro|adoraria|seria otimo)(?!\w)")
# Help wanted for oneself: « m'aider », "help me", « ayudarme », « mir hilft », « me ajudasse ».
_HELP_ME = re.compile(r"(?<!\w)(?:(?:having|to have|avoir|tener|ter|avere)\s+(?:someone|somebody|quelqu'un|alguien|"
                      r"alguem|qualcuno)|anyone who(?:'s| has| have)|anyone with experience|quelqu'un qui (?:a deja|s'y "
                      r"connait|connait)|alguien que (?:haya|tenga|sepa)|jemanden,? der|qualcuno che (?:abbia|sappia)|"
                      r"alguem que (?:ja|saiba|tenha)|m'aider|m'aide|me guider|m'accompagner|me mentorer|me coacher|m'epauler|me conseiller|"
                      r"m'orienter|me former|me faire (?:repeter|passer|bosser|travailler)|m'expliquer|me montrer|"
                      r"m'apprendre|help me|guide me|mentor me|coach me|show me|teach me|walk me through|"
                      r"ayudarme|me ayude|orientarme|guiarme|acompanarme|ensenarme|mir (?:helfen|hilft|zeigen|erklaren)|"
                      r"mich (?:zu )?(?:begleiten|mentorn|mentoren|unterstutzen|beraten|coachen)|mi aiuti|aiutarmi|guidarmi|"
                      r"farmi da|mi fa da|mi faccia da|mi faresti da|insegnarmi|spiegarmi|me ajudar|me ajude|me ajudasse|me guiar|me orientar|me ensinar|"
                      r"ajudar-me|me mentorar|mentorear(?:me)?)(?!\w)")
_MODAL = re.compile(r"(?<!\w)(?:pourrai[st]?|pourrait|peut|peux|voudrai[st]?|voudrait|serai[st]?|serait|aurai[st]?|"
                    r"aurait|veut|dispo|disponible|partante?|could|can|would|will|willing|up for|available|want|wants|"
                    r"podria|puede|quiere|se anima|konnte|kann|hatte|hat lust|lust|zeit|wurde|ware|wuerde|waere|bereit|"
                    r"potrebbe|puo|vuole|fa|farebbe|"
                    r"poderia|pode|quer|topa|rola)(?!\w)")
_PLEASE = re.compile(r"🙏|(?<!\w)(?:svp|stp|s'il vous plait|s'il te plait|please|pls|plz|por favor|bitte|per favore|"
                     r"help|sos|au secours|aidez-moi|ayuda|hilfe|aiuto|socorro|ajuda)(?!\w)")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:(?:je|me|moi|mon|ma|mes|i|i'm|i'd|my|yo|mi|mis|ich|mir|mich|mein|meine|io|eu|"
                           r"meu|minha|on|we|nous)(?!\w)|[jm]'(?=\w))")
_THREAD_NUMBER = re.compile(r"^\s*\(?\d{1,2}/\d{1,2}\)?(?![\w/])|(?<![\w/])\(?\d{1,2}/\d{1,2}\)?\s*$")
# An offer put as a question: « quelqu'un aurait besoin d'un mentor ? », "anyone need a mentor?"
_OFFER_QUESTION = re.compile(
    r"(?<!\w)(?:est-ce que\s+)?" + _P + r"(?:\s+(?:ici|here|ai|aqui|hier|qui|out there))?\s+(?:aurait besoin|a besoin|"
    r"cherche(?:rait)?|voudrait un|needs?|is looking|looking for|wants a|busca|necesita|sucht|braucht|cerca|"
    r"ha bisogno|precisa|procura)(?!\w)[^.?!]*")
# "Anyone?", « Quelqu'un ? », "¿Alguien?": the appeal alone is the question
_BARE_APPEAL = re.compile(r"\W*" + _P + r"(?:\s+(?:ici|here|out there|aqui|hier|qui))?\s*\?+\W*$")
_CONTRAST = re.compile(r"(?<!\w)(?:but|just|only|mais|juste|seulement|plutot|sino|solo|sondern|nur)(?!\w)")


def _sentence_after(text: str, at: int) -> str:
    return re.split(r"[.!?\n]", text[at:], maxsplit=1)[0]


_AGAINST = tuple((re.compile(p), w) for p, w in (
    (_OFFER_QUESTION.pattern, 3.0),
    (r"(?<!\w)(?:j'ai du temps|j'ai un peu de temps|i have time|i've got time|tengo tiempo|me sobra tiempo|"
     r"ich habe zeit|ho tempo|tenho tempo)(?!\w)", 2.0),
    (r"(?<!\w)(?:le conseiller a|le recommander a|recommend it to|share it with|recomendarlo|recomendarselo|"
     r"empfehlen|segnalarlo|consigliarlo|recomenda-lo|indicar para)(?!\w)", 1.5),
    (r"(?<!\w)(?:me queda|me sobra|tengo (?:un )?hueco|ho un posto|abri|j'ai un creneau|j'ai de la place|"
     r"il me reste|i have (?:a |one |two )?(?:spot|slot|space|room)s?|ich habe (?:noch )?(?:einen )?platz|"
     r"tenho (?:uma )?vaga|ho (?:ancora )?posto|j'anime|i run|je donne)(?!\w)", 2.0),
    # someone else's need: « ma collègue aurait besoin », "my son wants a mentor"
    (r"(?<!\w)(?:ma|mon|my|mi|mein|meine|il mio|la mia|meu|minha)\s+(?:\w+\s+)?(?:collegue|fils|fille|ami|amie|soeur|"
     r"frere|cousin|cousine|niece|neveu|friend|son|daughter|colleague|partner|sister|brother|kid|hijo|hija|amigo|"
     r"amiga|sohn|tochter|freund|freundin|kollegin|kollege|figlio|figlia|amico|amica|collega|filho|filha)(?!\w)"
     r"[^.?!]{0,60}(?:besoin|voudrait|cherche|needs|wants|is looking|necesita|quiere|braucht|sucht|vuole|precisa|quer)",
     2.5),
    # questions about the bot or the programme, not for oneself
    (r"(?<!\w)(?:(?:ce|le|the|this|el|il|o|der|das|este|questo)\s+bot|hashtag|ce compte|this account|"
     r"#?mentorat\s+(?:est|funciona|is|risponde|ist|marche)|(?:can|could) i (?:be|sign up|register) as|"
     r"kann ich mich|dá pra|da pra|sign up as a mentor|register as a mentor|m'inscrire (?:comme|en tant que) mentor|"
     r"(?:als|comme|as)\s+mentor(?:in|e)?\s+(?:eintragen|inscrire|sign up)|what happens if|que se passe-t-il si|comment ca marche|how does (?:it|this) work|"
     r"wie lauft|wie laeuft|come funziona|como funciona|vous faites comment|vous etes combien|how do you (?:all )?)"
     r"(?!\w)", 2.0),
    (r"(?<!\w)(?:je ne cherche plus|i'm not looking|i am not looking|je ne cherche pas|"
     r"i don't want a mentor|don't need a mentor|je n'ai pas besoin d'un)(?!\w)", 2.0),
    (r"(?<!\w)(?:devenir|become|becoming|werden|diventare|convertirme en|tornar-me|me tornar|ser)\s+(?:une?\s+|a\s+)?"
     r"(?:mentor|mentore|mentora|mentorin|coach|mentor·e)(?!\w)", 3.0),
    (r"(?<!\w)(?:vous etes|you are|you're|are you|are there any|y a-t-il des|il y a des)\s+(?:une?\s+|a\s+)?mentors?(?!\w)",
     2.0),
    # polls, surveys and questions about mentoring in general, to the community
    (r"(?<!\w)(?:your favou?rite|vos meilleure?s|vos astuces|vos conseils pour|collecting|je collecte|je rassemble|"
     r"sondage|poll|survey|frage an die runde|question a la communaute|question pour la communaute|question for the|"
     r"pregunta para|domanda per|how long does|combien de temps dure|wie lange dauert|cuanto dura|quanto dura|"
     r"what do you call|vous en pensez quoi|what do you think|qu'en pensez-vous|creat(?:eurs|ors) (?:de|of)|"
     r"qui s'en occupe|who runs|who's behind|qui est derriere)(?!\w)", 1.5),
    # a wish about the world, not for oneself: « j'aimerais qu'il y ait plus de mentors », "I wish there were"
    (r"(?<!\w)(?:j'aimerais (?:bien )?qu'il y ait|je voudrais qu'il y ait|i wish there were|i'd love (?:to see )?more|"
     r"ojala hubiera|ich wunschte,? es gabe|vorrei che ci fossero|queria que houvesse)(?!\w)", 3.0),
    # one's own content and musings: « je fais un thread sur… », « je pose ça là », "as a mentor, I…"
    (r"(?<!\w)(?:(?:je fais|je prepare|je publie|je lance|i'm writing|i'll post|i'm doing|i'm starting|estoy haciendo|"
     r"ich schreibe|sto scrivendo|estou fazendo)\s+(?:un|une|a|mon|my|un|einen|uma)\s+(?:thread|fil|hilo|serie|series|"
     r"article|billet|guide|post)|je pose ca la|just asking|question existentielle|debat du jour)(?!\w)", 1.5),
    # the "me: / also me:" joke, and what one asked in the past
    (r"(?<!\w)(?:also me|moi aussi|tambien yo|ich auch|anche io|eu tambem)\s*:|"
     r"(?<!\w)(?:ho chiesto|j'ai demande|i asked|le pedi|ich habe \w+ gefragt|perguntei)(?!\w)", 1.5),
    # questions about the rules, in the first person: « puis-je être mentor et mentorée ? », "can I say no?"
    (r"(?<!\w)(?:can i|could i|may i|do i|should i|puis-je|est-ce que je (?:peux|dois)|je peux|peut-on|on peut|"
     r"kann ich|darf ich|muss ich|kann man|posso|devo|si puo|puedo|debo|se puede|da pra|posso|devo)\s+(?:\w+\s+)?"
     r"(?:be|etre|sign up|register|m'inscrire|inscrire|change|changer|choose|choisir|leave|quitter|say no|dire non|"
     r"refuse|refuser|volunteer|me proposer|mich (?:eintragen|anmelden)|sein|werden|essere|iscrivermi|ser|"
     r"inscribirme|inscrever-me|me inscrever|cambiar|mudar|wechseln|cambiare)(?!\w)", 1.5),
    # thanks and testimonials: « ma mentore m'a aidée », "my mentor helped me", gratitude
    (r"(?<!\w)(?:grateful|gratitude|reconnaissante?|agradecid[oa]|dankbar|grat[oa] a|huge thanks|big thanks|"
     r"m'a (?:aidee?|appris|accompagnee?|change)|helped me|taught me|me ayudo|hat mir geholfen|mi ha aiutat[oa]|"
     r"me ajudou|me ensinou)(?!\w)", 1.5),
    # announcements and calls: places, registrations, applications
    (r"(?<!\w)(?:places limitees|limited spots|lien d'inscription|registration link|appel a candidatures|"
     r"candidatures ouvertes|applications open|apply now|postulez|convocatoria|ausschreibung|bando|edital|"
     r"evenement|event|rendez-vous le|en direct|live le|live on|atelier gratuit|free workshop|meetup le)(?!\w)", 1.5),
    # listicles and tips: « 5 conseils pour… », "3 things I learned"
    (r"(?<!\w)(?:\d+|trois|cinq|dix|three|five|ten)\s+(?:conseils|astuces|lecons|choses|tips|lessons|things|"
     r"consejos|lecciones|tipps|dinge|consigli|lezioni|dicas|licoes)(?!\w)|(?<!\w)(?:astuce|tip|conseil|rappel)\s*:",
     1.5),
    # a mentor speaking as one, stories of one's mentor, posts to mentors or mentees, one's own writing
    (r"(?<!\w)(?:i've been mentoring|i have been mentoring|been mentoring|as someone who mentors|when i mentor|"
     r"my (?:former|old|first|best) mentor|my mentor (?:said|says|taught|always|used to|gave|helped|once)|"
     r"(?:mon|ma) (?:ancien|ancienne|premier|premiere)? ?mentor(?:e)? (?:m'a|me disait|disait|dit toujours)|"
     r"dear mentees|to all mentees|aux mentore(?:e)?s|if you're a mentor|if you are a mentor|si vous etes mentor|"
     r"si tu es mentor|fellow mentors|i wrote about|i just published|je viens de publier|j'ai ecrit (?:un|une)|"
     r"new post|nouveau billet|what's your|what is your|what would you|quel est votre|quels sont vos|"
     r"what advice would you give|quel conseil donneriez|friendly reminder|psa|til)(?!\w)|"
     r"^\W*(?:mentors|dear mentors|chers mentors|cheres mentores|mentores)\s*[,:]|(?<!\w)(?:petit retour|retour sur|"
     r"mon bilan|je me demande si|question aux|i wonder if|i've been thinking|j'ai ete mentore|i was mentored)(?!\w)",
     1.5),
    (r"😂|🤣|😆|🙃|🤡|i'll see myself out|(?<!\w)(?:lol|mdr|ptdr|haha\w*|jaja\w*|xd)(?!\w)", 1.0),
    # a joke by comparison: « mon imprimante en a plus besoin que moi », "my cat needs one more than I do"
    (r"(?<!\w)(?:plus|more|mas|mehr|piu|mais)\b[^.?!]{0,40}(?:que moi|than me|than i do|que yo|als ich|di me|"
     r"que eu)(?!\w)", 2.0),
    # the "me: … / also me: …" joke, as a whole
    (r"^\W*(?:me|moi|yo|ich|io|eu)\s*:[^\n]*\n?.*(?:also me|moi aussi|moi encore|tambien yo|ich auch|anche io|"
     r"eu tambem)\s*:", 3.0),
    # questions about how the bot works, asked to it: « comment tu choisis… », "does the #mentorat bot work with…"
    (r"(?<!\w)(?:comment|how|como|wie|come)\s+(?:est-ce que\s+)?(?:tu|vous|do you|does it|does the bot|eliges|"
     r"escolhes|escolhe|waehlst|wahlst|scegli)\s+(?:\w+\s+)?(?:choisi\w*|choose|pick\w*|select\w*|match\w*|"
     r"decide\w*|trouve\w*|find|elige\w*|escolh\w*|wahl\w*|waehl\w*|scegli\w*)|"
     r"(?<!\w)(?:(?:the|this|ce|le|el|il|o|der|das|este|questo)\s+\w+\s+bot|au hasard|at random|un algo derriere|"
     r"an algorithm behind)(?!\w)|(?<!\w)(?:other|d'autres|autres|otras|anderen|altre|outras)\s+"
     r"(?:instances?|servers?|serveurs?|servidores|servern?|server|istanze)(?!\w)", 2.0),
    # asking the community's opinion on a debate: "Thoughts?", « vos avis ? »
    (r"(?<!\w)(?:thoughts|any thoughts|your thoughts|des avis|vos avis|votre avis|opiniones|vuestra opinion|"
     r"meinungen|eure meinung|pareri|opinioni|opinioes|opinioes)\s*\?", 2.0),
    # a testimonial to one's mentor: "your mentoring changed…", « il tuo mentoring mi ha cambiato »
    (r"(?<!\w)(?:merci|thanks|thank you|gracias|danke|grazie|obrigad[oa])\b[^.?!]{0,60}(?:your|ton|ta|votre|tu|"
     r"dein|deine|il tuo|la tua|teu|seu|sua)\s+(?:mentoring|mentorship|mentorat|accompagnement|mentoria|coaching)"
     r"(?!\w)", 2.0),
    (r"(?<!\w)(?:changed my|a change ma|ha cambiado mi|mi ha cambiato|hat mein \w+ veraendert|"
     r"hat mein \w+ verandert|mudou (?:a )?minha|mudou o meu)(?!\w)", 1.5),
    # questions about the programme and its waiting list, and a mentor already found
    (r"(?<!\w)(?:liste d'attente|waiting list|waitlist|lista de espera|warteliste|lista d'attesa)(?!\w)", 1.5),
    (r"(?<!\w)(?:j'ai (?:deja |enfin )?trouve|i(?: have|'ve)? (?:already |finally )?found|ya encontre|ja encontrei|"
     r"encontrei|ho (?:gia )?trovato|ich habe (?:schon |bereits )?(?:eine |einen )?(?:mentor\w* )?gefunden)\s+"
     r"(?:une?\s+|a\s+|uma?\s+|una\s+|my\s+)?(?:mentor\w*|coach)", 2.5),
))


# --- Understanding -------------------------------------------------------------------------------

def understand(
    status: Status,
    *,
    bot_acct: str,
    hashtag: str,
    roster: Roster,
    default_language: str = "fr",
    circle_default: int = 1,
    circle_max: int = 3,
) -> Intent:
    """Decide what `status` means; the caller has already filtered out our own posts."""
    if status.is_boost or status.quote_id or re.match(r"\s*RT\s*@", status.text, re.IGNORECASE):
        return NotForUs()
    addressed = _addressed(status, bot_acct)
    if addressed:
        command = parse_command(strip_leading_mentions(status.text), today=status.created_at.date())
        if command is not None:
            return command
    elif not _has_trigger(status, hashtag):
        return NotForUs()

    evidence = weigh(status)
    asks = evidence.asks
    if not addressed and not asks:
        return NotForUs()
    request = read_request(
        status, hashtag=hashtag, roster=roster, default_language=default_language,
        circle_default=circle_default, circle_max=circle_max,
    )
    if asks or (not evidence.talk and _looks_like_a_bare_request(status, request)):
        return request
    return Chatter()


def read_request(
    status: Status,
    *,
    hashtag: str,
    roster: Roster,
    default_language: str = "fr",
    circle_default: int = 1,
    circle_max: int = 3,
) -> Request:
    """The request fields of `status`, whether or not it is a request (the dry run shows them either way)."""
    text = _cue_text(_QUOTED.sub(" ", status.text))
    language = post_language(status, default_language)
    return Request(
        kind=detect_kind(text),
        language=language,
        topics=detect_topics(status, hashtag=hashtag, roster=roster, language=language),
        circle_size=detect_circle_size(text, circle_default, circle_max),
    )


def post_language(status: Status, default: str = "fr") -> str:
    """The declared language, unless a sure detection on a long enough text says otherwise."""
    declared = status.language.lower()[:2] if status.language else None
    if declared is None:
        return detect_language(status.text, default)
    text = _detection_text(status.text)
    if len(text) >= LANGUAGE_OVERRIDE_CHARS:
        detected, confidence = _language_identifier().classify(text)
        if detected != declared and confidence >= LANGUAGE_OVERRIDE_CONFIDENCE:
            return detected
    return declared


def _addressed(status: Status, bot_acct: str) -> bool:
    bot = normalize_acct(bot_acct, "")
    if status.visibility == "direct":
        return True
    if "@" in bot:
        return status.mentions_acct(bot)
    return any(m.acct.split("@", 1)[0] == bot for m in status.mentions)  # no domain given: the name decides


def _has_trigger(status: Status, hashtag: str) -> bool:
    tag = normalize(hashtag.lstrip("#"))
    return tag in (normalize(t) for t in status.tags) or tag in (normalize(t) for t in _HASHTAG.findall(status.text))


@dataclass(frozen=True)
class Evidence:
    """What speaks for and against a status asking for guidance, with the cues found (for the dry run)."""

    ask: float
    against: float
    cues: tuple[str, ...] = ()
    first_person: bool = True  # the post speaks of its author (je, I, mi, ich, eu…)
    talk: float = 0.0  # what is against but the model's leaning: the signs of talk found in the text

    @property
    def asks(self) -> bool:
        """Enough asking and no more talk; with nothing at all against, one weak sign is enough."""
        if not self.against and self.ask < REQUEST_THRESHOLD:
            return self.ask >= WEAK_SIGN and self.first_person
        return self.ask >= REQUEST_THRESHOLD and self.ask >= self.against


def weigh(status: Status) -> Evidence:
    """Asking and not-asking evidence; quoted words are someone else's and do not ask anything."""
    quotes = [q for q in _QUOTED.findall(status.text) if len(q.split()) >= 4]
    text = _cue_text(_QUOTED.sub(" ", status.text))
    cues: list[str] = []
    ask = 0.0
    offered = [m.span() for m in _OFFER_QUESTION.finditer(text)]
    spans = [(s, e) for s, e, _ in _ASK.spans(text) if not any(a <= s < b for a, b in offered)]
    # "not looking for long-term mentoring, just targeted prep": the ask stands, only its object changed
    asked = [s for s, e in spans if not _negated(text, s) or _CONTRAST.search(_sentence_after(text, e))]
    if asked:
        ask += len({s for s in asked})
        cues.append(f"ask phrases: {len(set(asked))}")
    desire = [m for m in _DESIRE.finditer(text) if not _negated(text, m.start())]
    if desire:
        ask += 1.5
        cues.append("a wish in the first person")
    if _HELP_ME.search(text):
        ask += 1.0
        cues.append("help asked for oneself")
    sentences = _SENTENCES.findall(text)
    questions = [s for s in sentences if "?" in s]
    if not offered and any(_APPEAL.search(s) and (_MODAL.search(s) or _BARE_APPEAL.match(s)) for s in questions):
        ask += 1.0
        cues.append("a question to others")
    if _NEED.count(text):
        ask += 0.5
        cues.append("a need in the first person")
    if _PLEASE.search(status.text.casefold()) or _PLEASE.search(text):
        ask += 0.5
        cues.append("please")
    if any(_FIRST_PERSON.search(s) for s in questions):
        ask += 0.5
        cues.append("a question about oneself")
    wanted = [m for m in _WANTED_PERSON.finditer(text) if not _negated(text, m.start())
              and not _BEING.search(text[max(0, m.start() - 16):m.start()])]  # "can I be a mentor?" wants none
    if wanted and not asked and (questions or desire or _NEED.count(text)):
        ask += 1.0
        cues.append("a mentor wanted")
    against = float(_NOT_A_REQUEST.count(text)) + len(quotes)
    against += 1.5 * (len(_THREAD_MARK.findall(status.text)) + bool(_THREAD_NUMBER.search(status.text)))
    against += sum(1 for p in _GENERAL if p.search(text))
    against += sum(weight for pattern, weight in _AGAINST if pattern.search(text))
    against += sum(1 for s, e in spans if _negated(text, s) and not _CONTRAST.search(_sentence_after(text, e)))
    if status.has_card or _URL.search(status.text):
        against += 1
    talk = against
    leaning = lean(status.text)
    nudge = MODEL_WEIGHT * math.tanh(leaning.score / MODEL_SCALE)
    if nudge <= -0.1:
        against -= nudge
        cues.append(f"model: {nudge:+.1f} ({', '.join(leaning.words)})")
    elif nudge >= 0.1 and ask > 0:  # the model weighs the cues found; alone, it asks nothing
        ask += nudge
        cues.append(f"model: {nudge:+.1f} ({', '.join(leaning.words)})")
    if against:
        cues.append(f"talk: {against:g}")
    return Evidence(ask, against, tuple(cues), bool(_FIRST_PERSON.search(text)), talk)


def _looks_like_a_bare_request(status: Status, request: Request) -> bool:
    """"@bot mentor UX ?" asks without an ask phrase; "@bot bonjour" does not."""
    text = _cue_text(status.text)
    return bool(_MENTORING_WORDS.count(text)) or (bool(request.topics) and len(text.split()) <= 8)


def _negated(text: str, at: int) -> bool:
    """A negation just before `at`, in the same clause: « pas un coach », "not looking for long-term mentoring"."""
    return _ends_negated(text[max(0, at - 40):at])


def _ends_negated(before: str) -> bool:
    clause = re.split(r"[.;!?,:()\n]|(?<!\w)(?:mais|but|just|juste|seulement|plutot|aber|pero|sino|sondern)(?!\w)",
                      before)[-1]
    return bool(_NEGATION.search(" ".join(clause.split()[-NEGATION_SCOPE:])))


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


_N = r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|dix|quinze|one|two|three|four|five|ten|dos|tres|cuatro|diez|zwei|drei|"
_N += r"vier|zehn|due|tre|quattro|dieci|dois|duas|tres|quatro|dez)"
_DAY = (r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|"
        r"samstag|sonntag|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica|segunda|terca|quarta|quinta|sexta")
_MONTH_NAMES = (r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|"
                r"february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|"
                r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|marz|juni|juli|"
                r"oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|"
                r"fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|jan|feb|mar|apr|jun|jul|aug|sep|"
                r"sept|oct|nov|dec|janv|fevr|avr|juil")
# A near, precise moment: the mark of a goal-driven, short accompaniment.
_DEADLINE = _pattern(
    _DAY, r"demain|tomorrow|manana|morgen|domani|amanha|ce soir|tonight|heute abend|stasera|esta noche|esta noite",
    r"(?:next|prochaine?|proxima|prossima|nachste|naechste)\s+(?:week|month|semaine|mois|semana|settimana|woche|monat|"
    + _DAY + r")", r"(?:semaine|mois|semana|settimana)\s+(?:prochaine?|que vem|prossima|proxima)",
    r"(?:dans|in|tra|fra|en|em|daqui a|within|sous)\s+" + _N + r"\s+(?:jours?|semaines?|days?|weeks?|dias?|semanas?|"
    r"tagen|wochen|giorni|settimane|mois|months?|meses|mesi|monaten?)", r"(?:dans|in|within)\s+(?:a|un|une)\s+"
    r"(?:month|mois|week|semaine|fortnight|quinzaine)|sous quinzaine|in a fortnight",
    r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])|(?<![\d.])\d{1,2}\.\d{1,2}\.(?!\d)",
    r"(?:le|the|on the|el|am|il|dia|du|au)\s+\d{1,2}(?:er|st|nd|rd|th|o|º)?(?:\s+(?:of\s+)?(?:" + _MONTH_NAMES + r"))?",
    r"\d{1,2}(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?(?:" + _MONTH_NAMES + r")", r"(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2}",

    r"deadline|echeance|date limite|d-day|jour j|due (?:on |by )?(?:\w+day|tonight|tomorrow)|d'ici (?:la|" + _DAY + r"|\w+ prochain)",
    r"before (?:then|the \d+|" + _DAY + r")", r"avant (?:le \d+|" + _DAY + r")", r"by (?:" + _DAY + r")",
    r"cette semaine|this week|esta semana|diese woche|questa settimana|ce week-end|this weekend|"
    r"d'ici la fin du mois|by the end of the month|avant la fin du mois|fin de semaine",
    r"entro|antes del? \d+|bis (?:zum|" + _DAY + r")|ate (?:o dia|" + _DAY + r")",
)
# A vaguer moment, goal-driven only with something to prepare: « en avril », "urgent", "deadline".
_SOON = _pattern(r"(?:en|in|im|a|em|ad)\s+(?:" + _MONTH_NAMES + r")", r"urgent|urgente|asap|dringend|au plus vite",
                 r"(?:avant|before|antes de|vor|prima di|d'ici|by)\s+(?:noel|christmas|navidad|weihnachten|natale|natal|"
                 r"l'ete|summer|la rentree|the holidays|les vacances)")
# An event to prepare or a piece of work to have reviewed.
_PREPARATION = _pattern(
    r"entretiens?|interviews?|soutenance|oral|orale|oral blanc|pitch|talk|presentation|exam|examen|esame|exame|"
    r"concours|defen[cs]es?|defending|viva|mock|role-?play|jeu de role|simulation|simu|ensayar(?:la)?|ensaiar|"
    r"repeter|rehearse|rehearsal|probeinterview|probe|vortrag|konferenzvortrag|vorstellungsgesprach|colloquio|"
    r"charla|apresentacao|apresentar|apresento|dossier|candidature|application|cover letter|essay|negotiation call|"
    r"salary expectations|offre a signer|contrat|relire|review my|look at it|read it|tcc|prove|prova|simulazione|"
    r"simulazioni|business plan|take-home|demos?|premiers jours|first \d+ days|30 premiers jours|onboarding|"
    r"prepare|preparer|me preparer|get ready|vorbereiten|preparar|preparare|prep|entrevista|prufung|pruefung|"
    r"concurso|oposiciones|selectividad|abitur|maturita|vestibular|enem|bac|partiels?|exams?|audition|casting|"
    r"jury|grand oral|demo day|hackathon",
)
_SHORT = _pattern(
    r"juste une|just one|one-off|one off|une seance|une ou deux|one or two|quick|rapide|ponctuel(?:le)?|puntual|kurz|"
    r"einmal|quelques seances|\d-\d fois|une fois|just once|once|two mock|deux seances|cible|ciblee?|targeted|"
    r"court terme|short-term|short term|a couple of sessions|quelques sessions|une ou deux sessions|qualche simulazione|"
    r"una o due|uma ou duas|ein oder zwei|una sesion|una sessione|uma sessao|eine sitzung",
)
_LONG = _pattern(r"pas presse|pas pressee|no rush|no hurry|nothing urgent|sin prisa|keine eile|senza fretta|"
                 r"sem pressa|pas urgent|not urgent|sur la duree|sur le long terme|long terme|long-term|long term|ongoing|plusieurs mois|a few months|"
                 r"several months|a largo plazo|langfristig|a lungo termine|longo prazo|une fois par mois|once a month|"
                 r"every month|chaque mois|toute l'annee|all year")
_LONG_MENTORING = re.compile(r"(?<!\w)(?:mentorat|mentoring|mentorship|mentor|accompagnement|mentoria|mentoría)(?!\w)")
_YOUNG = _pattern(
    r"jeunes?|plus jeunes?|younger|youngest|young|juniors?|students?|etudiante?s?|stagiaires?|interns?|bootcamp grad|"
    r"doctorante?s?|gen z|generation z|20-25 ans|digital natives?|newer in their career|moins de bouteille|"
    r"less experienced|moins experimentee?s?|jungere?s?|junger|referendar\*?innen|referendare?|azubis?|"
    r"studierende|giovani|giovane|specializzando|specializzanda|stagista|tirocinante|jovenes|joven|becarios?|"
    r"becarias?|practicantes?|jovens?|estagiarios?|estagiarias?|novatos?|novatas?|niece|neveu|nephew|kids|"
    r"nouvelle generation|new generation|next generation|generation [yz]|millennials?|young people|"
    r"young professionals|youth|jeunes pousses|junge|jungen|junges|junge leute|ragazz[ie]|chicos|chavales|"
    r"nova geracao|nuova generazione|nueva generacion|neue generation|\d+ ans de moins|half my age|"
    r"la moitie de mon age|petits-enfants|grandkids|grandchildren|nietos|enkel|nipoti|netos",
)
_SENIOR = _pattern(
    r"\d{2} ans|\d{2} years old|i'm \d{2}|i am \d{2}|j'ai \d{2} ans|\d{2} anni|\d{2} anos|\d{2} jahre|"
    r"depuis (?:\d+|longtemps|trente|vingt|quinze) ans|depuis longtemps|for \d+ years|\d+ years (?:as|of|in)|"
    r"(?:fifteen|twenty|thirty) years|senior|soixantaine|cinquantaine|bientot \d+ ans|retired|retraitee?|jubilad[oa]|"
    r"pensioniert|pensionat[oa]|aposentad[oa]|directeur|directrice|director|directora|direktor(?:in)?|direttore|"
    r"diretor|diretora|chef de service|principal|head of|\d+ ans de|\d+ years of|seit \d+ jahren|da \d+ anni|"
    r"hace \d+ anos|ha \d+ anos|schulleiterin|schulleiter|primario|average age \d+|moyenne d'age|board of|"
    r"experienced|veteran|veterane|vieux de la vieille|agee?|older|plus agee?|boomers?|grand-mere|grand-pere|"
    r"grandma|grandpa|decennies|decades|jahrzehnte|decenni|decadas|old school|a l'ancienne|in my [4-7]0s|"
    r"ans de carriere|years in|years of experience|ans d'experience|anos de experiencia|jahre erfahrung|"
    r"anni di esperienza|fin de carriere|end of my career|near retirement|close to retirement|"
    r"bientot a la retraite|retirees?|a la retraite|en retraite|rentner(?:in)?|im ruhestand|in pensione|"
    r"en la jubilacion|na reforma|aposentadoria",
    r"\d{2},|, \d{2}\b",
)
_TEACH_ME = _pattern(
    r"m'apprenne|m'apprendre|m'explique|m'expliquer|me montre|me montrer|m'initie|m'initier|me forme|me former|"
    r"me coache|show me|teach me|explain|walk me through|me ensene|ensenarme|mir (?:zeigen|zeigt|erklaren|erklart|"
    r"beibringen|bringt)|mi insegni|insegnarmi|mi spieghi|spiegarmi|mi mostri|me ensine|me explique|me mostre|"
    r"learn from|apprendre de|apprendre d'une?|apprendre aupres|aprender de|von \w+ lernen|imparare da|aprender com|"
    r"reverse-mentor|reverse mentor|inversant|inversa|renverser|renversons|umgekehrt|invertire|inverter|"
    r"return the favour|return the favor|rendre la pareille|en echange|me mettre a jour|update me|keep up with|"
    r"catch up|rester dans le coup|a la page|me remettre a niveau|ponerme al dia|auf dem laufenden|aggiornarmi|"
    r"me atualizar|show me the ropes|get me up to speed|pour une fois|for once|a l'envers|the other way around|"
    r"l'inverse|al reves|andersherum|al contrario|ao contrario|intergenerationnel|intergenerational|"
    r"cross-generational|apprendre|learn|comprendre|understand|aprender|entender|lernen|verstehen|imparare|capire|"
    r"aprender|entender",
)
_SELF = re.compile(r"(?<!\w)(?:je suis|i'm|i am|im|as a|en tant que|soy|ich bin|sono|sou|we're|we are|nous sommes|"
                   r"on est|bin|final year|mentor|mentorer|accompagner|coacher|guide|help|aider|gerer|manage|managing|"
                   r"gestire|encadrer|former|train|training|lead|leading|supervise|superviser)\s+(?:\w+\s+){0,2}$")
_PEER = _pattern(
    r"des pairs|de pairs|avec des pairs|cercle de pairs|groupe de pairs|study partners?|learning partners?|"
    r"study group|practice group|groupe d'entraide|groupe d'ecriture|groupe de travail|groupe d'apprentissage|"
    r"accountability|tandem|dupla|duo de revision|duo|compi|companer[oa]s?|compagn[oa] di studio|parceir[oa]s?|"
    r"each other|l'un l'autre|mutuellement|on se motive|on se lit|on s'encourage|voneinander|gegenseitig|a vicenda|"
    r"uns aos outros|el uno al otro|nos damos feedback|same stage|meme stade|au meme stade|at our level|at my level|"
    r"a mi nivel|mismo nivel|mismo ritmo|al mismo ritmo|auf augenhohe|gleiches niveau|stesso livello|mesmo nivel|"
    r"de igual (?:pra|para|a) igual|entre iguales|sans hierarchie|aucune hierarchie|sin jerarquia|no hierarchy|"
    r"personne n'est l'expert|nobody is the expert|sans prof|pas de prof|sem professor|senza maestr[oi]|"
    r"anyone else (?:learning|studying|grinding|doing|preparing|working)|d'autres (?:juniors|personnes|etudiant\w*)|"
    r"other (?:new|junior|new-ish)|andere \w+ innen|andere|alguem mais|alguien mas|quelqu'un d'autre qui|"
    r"we could pair|pair once|learn together|learning together|grow together|wir lernen zusammen|"
    r"zusammen lernen|gemeinsam|imparare insieme|aprender juntos|aprender juntas|apprendre ensemble|"
    r"on apprend ensemble|qu'on apprenne ensemble|progresser ensemble|s'entraider|entraide|lernpartner(?:in)?|"
    r"binome|binomes|en binome|peer mentoring|peer-to-peer|peer to peer|a peer|peers|pair up|study buddy|buddies|"
    r"buddy|entre pairs|pair a pair|entre pares|entre iguais|tra pari|alla pari|mentorat croise|skill swap|"
    r"co-mentoring|comentoring|meme niveau|same level|de mon niveau|du meme niveau|avancer ensemble|"
    r"move forward together|support each other|se soutenir|entre debutant(?:e)?s|fellow learners?|"
    r"other beginners|d'autres debutant(?:e)?s|quelqu'un comme moi|people like me|dans la meme situation|"
    r"in the same boat|same situation|meme situation|misma situacion|gleichen situation|stessa situazione|"
    r"mesma situacao|co-apprentissage|colearning|co-learning|study circle|cercle d'etude|groupe d'etude|"
    r"grupo de estudio|lerngruppe|gruppo di studio|grupo de estudos|mastermind|intervision|intervision|"
    r"co-developpement|codeveloppement|peer group",
)


_EITHER = re.compile(r"(?<!\w)mentor\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?coach|"
                    r"(?<!\w)coach\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?mentor")


def _masked(cue_text: str) -> str:
    """`cue_text` with kind words that name a topic blanked out: « feedback entre pairs », "become a coach"."""
    masked = cue_text
    for start, end, _ in _KIND_AS_TOPIC.spans(cue_text):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    if re.search(r"(?<!\w)(?:devenir|become|becoming|werden|diventare|tornar-me|convertirme en)\s+(?:une?\s+|a\s+)?coach",
                 masked):
        masked = re.sub(r"(?<!\w)coach\w*", lambda m: " " * len(m.group()), masked)
    return masked


def _unnegated(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if not _negated(text, m.start())]


def detect_kind(cue_text: str) -> str:
    """Reverse, peer, coaching or (by default) mentoring, from the kind words by their role and from signals."""
    masked = _masked(cue_text)
    found = {label for start, end, label in _KINDS.spans(masked) if not _negated(masked, start)}
    young = [m for m in _unnegated(_YOUNG, masked) if not _SELF.search(masked[max(0, m.start() - 40):m.start()])]
    if "reverse" in found or (young and (_SENIOR.search(masked) or _TEACH_ME.search(masked))):
        return "reverse"
    if "peer" in found or _unnegated(_PEER, masked):
        return "peer"
    strong = any(not _negated(masked, s) for s, _, _ in _STRONG_COACHING.spans(masked)) \
        and not _EITHER.search(masked)  # « un mentor ou un coach »: either will do, nothing short asked
    deadline, preparation, short = (bool(_unnegated(p, masked)) for p in (_DEADLINE, _PREPARATION, _SHORT))
    not_long = any(_negated(masked, m.start()) for m in _LONG_MENTORING.finditer(masked)) \
        or any(_negated(masked, m.start()) for m in _LONG.finditer(masked))
    long_wanted = bool(_unnegated(_LONG, masked))
    soon = bool(_unnegated(_SOON, masked))
    if strong or not_long or (not long_wanted and (deadline or ((preparation or short) and soon)
                                                   or (preparation and short))):
        return "coaching"
    return "mentoring"


_TIME_UNITS = (r"ans|annees|years?|mois|months?|semaines?|weeks?|jours?|days?|fois|times|heures?|hours?|minutes|jahren?|"
               r"anni|anos|meses|mesi|monate|monaten|wochen|settimane|semanas|dias|giorni|tage|tagen|projects?|projets?|"
               r"seasons?|saisons?|enfants|kids|children|hijos|kinder|figli|filhos")
# People, not things: "two or three growers", « deux ou trois regards », « zwei oder drei Leute »
_PEOPLE = (r"\w+(?:ers|eurs|euses|rices|istes|ists|ors|ores|oras|innen|isti|iste|ians|iens|iennes|ants|antes|ents|"
           r"entes|eiros|eiras|ari|arie)|people|persons?|personnes?|personas|persone|pessoas|leute|personen|regards|"
           r"avis|perspectives?|points de vue|viewpoints|opinions|folks|experts?|pros|devs|jeunes|young \w+|youngsters|"
           r"mentor\w*|coachs?|coaches|voices|voix|voces|stimmen|voci|vozes|profils|profiles|perfiles|profili|perfis|"
           r"femmes|women|mujeres|frauen|donne|mulheres|colleagues|collegues|colegas|kollegen|colleghi")
_SEVERAL = re.compile(
    r"(?<!\w)(?:(?P<n1>\d|" + "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS))) + r")\s+(?:ou|or|o|oder|a|to|-)\s+"
    r"(?P<n2>\d|" + "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS))) + r")|a couple of|un par de|ein paar|"
    r"un paio di|um par de|more than one|plus d'une?|mehr als eine?n?|mas de una?|piu di una?|mais de uma?)"
    r"\s+(?:\w+\s+){0,2}?(?:" + _PEOPLE + r")(?!\w)")
_CIRCLE_WORDS = re.compile(r"(?<!\w)(?:petit |small |pequeno |kleinen |kleiner |piccolo |pequeno )?(?:cercle|circle|circulo|"
                           r"kreis|cerchio)(?!\w)(?! vicieux| vicious)")
_MANY_MENTORS = re.compile(r"(?<!\w)(?:mentor(?:e)?s|mentoras|mentores|mentorinnen|mentor\*?:?_?innen|mentori|mentoren|"
                           r"mentor\(e\)s|no plural|au pluriel|in the plural)(?!\w)")
# « un mentor pour le code et un autre pour le business », "one for the code, one for the business"
_ONE_AND_ANOTHER = re.compile(
    r"(?<!\w)(?:(?:un|une|one|uno|una|einen|eine|um|uma)\s+(?:\w+\s+){0,2}(?:pour|for|para|fur|per)\b[^.?!]{1,60}"
    r"(?:un autre|une autre|another|one for|someone else for|otro|otra|einen anderen|eine andere|un altro|un'altra|"
    r"outro|outra|uma para|um para|una para|uno para|eine fur|einen fur|una per|uno per)(?!\w))")
_EXISTENCE = re.compile(r"(?:il y a|y a-t-il|y a t il|are there|there are|hay|gibt es|ci sono|ha|existe|existen)\s+(?:des\s+|any\s+)?$")


def detect_circle_size(cue_text: str, circle_default: int = 1, circle_max: int = 3) -> int:
    """How many mentors are asked for: numbers, « plusieurs », "a few", circles; not mentors had or talked about."""
    if _PAST_PLURAL.search(cue_text):
        cue_text = _PAST_PLURAL.sub(" ", cue_text)
    general = any(p.search(cue_text) for p in _GENERAL)
    numbered = _NUMBERED_MENTORS.search(cue_text)
    if numbered and not _negated(cue_text, numbered.start()):
        numbers = [int(w) if w.isdigit() else _NUMBERS[w] for w in re.findall(r"\w+", numbered.group(0))
                   if w.isdigit() or w in _NUMBERS]
        wanted = max(numbers, default=2)
        if wanted > 1:
            return max(circle_default, min(wanted, circle_max))
    several = _SEVERAL.search(cue_text)
    if several and not _negated(cue_text, several.start()) and not general:
        numbers = [int(w) if w.isdigit() else _NUMBERS.get(w, 2) for w in (several["n1"], several["n2"]) if w]
        return max(circle_default, min(max(numbers, default=2), circle_max))
    circle = [s for s, _, _ in _CIRCLE.spans(cue_text) if not _negated(cue_text, s)
              and not _EXISTENCE.search(cue_text[max(0, s - 20):s])]
    circle += [m.start() for m in _CIRCLE_WORDS.finditer(cue_text) if not _negated(cue_text, m.start())]
    circle += [m.start() for m in _ONE_AND_ANOTHER.finditer(cue_text)]
    if circle and not general:
        return circle_max
    plural = _MANY_MENTORS.search(cue_text)
    if plural and not _SINGLE_PLURALS.count(cue_text) and not _NOT_A_REQUEST.count(cue_text) and not general \
            and not _EXISTENCE.search(cue_text[max(0, plural.start() - 20):plural.start()]) \
            and (_ASK.count(cue_text[:plural.start()]) or _DESIRE.search(cue_text[:plural.start()])):
        return circle_max
    return circle_default


# --- Language ------------------------------------------------------------------------------------

_identifier_lock = threading.Lock()
_identifier = None


def _language_identifier():
    """py3langid's model, restricted to the languages we expect; loaded once, on first use (~0.7 s)."""
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(list(DETECTED_LANGUAGES))
            _identifier = identifier
    return _identifier


def _detection_text(text: str) -> str:
    return " ".join(_HASHTAG.sub(" ", _MENTION.sub(" ", _URL.sub(" ", text))).split())


def detect_language(text: str, default: str = "fr") -> str:
    """The language of `text` when clear enough, else the one its phrases are in, else `default`."""
    text = _detection_text(text)
    if len(text) >= 3:
        language, confidence = _language_identifier().classify(text)
        if confidence >= 0.5:
            return language
    hints = _ASK.found(_cue_text(text)) + _NOT_A_REQUEST.found(_cue_text(text))
    if hints:
        return max(sorted(set(hints)), key=hints.count)
    return default


# --- Topics --------------------------------------------------------------------------------------

_SELF_DESCRIPTION = re.compile(
    r"(?<!\w)(?:je suis|j'etais|je travaille comme|i'm|i am|im|i was|i work as|soy|era|trabajo como|sou|era|trabalho como|"
    r"ich bin|ich war|arbeite als|sono|ero|lavoro come|as an?|en tant que|como|ex-|ex|former|ancienne?|quit|j'ai quitte|"
    r"retired|retraitee?|after \d+ years as|"
    # what the author teaches or has mentored others in: "I've mentored folks on graphic design for years"
    r"i've mentored|i have mentored|i mentor|i teach|i've taught|j'enseigne|j'ai enseigne|j'ai accompagne|"
    r"j'ai mentore|enseno|he mentorado|ich unterrichte|insegno|ho insegnato|ensino|ja mentorei)\s+(?:\w+[\s-]+){0,2}$")


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n")
    ends = [i for i in (text.find(mark, at) for mark in ".!?\n") if i >= 0]
    return text[start + 1:min(ends, default=len(text)) + 1]


def _asks_in(sentence: str) -> bool:
    text = _cue_text(sentence)
    return bool(_ASK.count(text) or _DESIRE.search(text) or _HELP_ME.search(text) or "?" in text)


def detect_topics(status: Status, *, hashtag: str, roster: Roster, language: str = "fr") -> tuple[str, ...]:
    """Hashtags (but the trigger and #nobot-like tags) then roster topics named in the text; deduplicated.

    The asker's own trade, said to introduce themself (« je suis infirmière et… »), is context: it is left out
    when something else is asked for.
    """
    vocab = vocabulary(roster)
    trigger = topic_key(hashtag)
    text = _QUOTED.sub(" ", status.text)
    spans = vocab.find_spans(text, language)
    cleaned = clean(text)
    aside: dict[str, bool] = {}  # topic -> every mention of it is the asker's trade or negated (« pas de prof »)
    for at, topic in spans:
        before = normalize(cleaned[max(0, at - 40):at])
        side = bool(_SELF_DESCRIPTION.search(before)) or _ends_negated(before)
        aside[topic_key(topic)] = aside.get(topic_key(topic), True) and side
    context = {key for key, side in aside.items() if side}
    tags = hashtag_topics(status.tags, vocab, NON_TOPIC_TAGS)
    # what the asking sentence names comes first: the first topic weighs most in the ranking
    asking = [t for at, t in spans if _asks_in(_sentence_around(cleaned, at))]
    named = sorted((t for _, t in spans), key=lambda t: t not in asking)
    topics = [t for t in [*tags, *named] if topic_key(t) != trigger]
    if context and any(topic_key(t) not in context for t in topics):
        topics = [t for t in topics if topic_key(t) not in context or t in tags]
    seen: set[str] = set()
    return tuple(t for t in topics if not (topic_key(t) in seen or seen.add(topic_key(t))))


def uncovered_topics(topics: Iterable[str], roster: Roster) -> list[str]:
    """The topics no mentor of the roster lists (through synonyms and concepts), as the request names them."""
    vocab = vocabulary(roster)
    covered = {topic_key(t) for t in vocab.covered}
    return [t for t in topics if topic_key(vocab.canonical(t)) not in covered]


# --- Commands ------------------------------------------------------------------------------------

def _anchored(table: dict[str, tuple[str, ...]]) -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(at the start, anywhere, name) for each phrase, longest first so "no problem" beats "no"."""
    pairs = sorted(((p, name) for name, phrases in table.items() for p in phrases), key=lambda pair: -len(pair[0]))
    return [(re.compile(r"^" + _phrase_pattern(p) + r"(?![\-'\w])"), re.compile(_phrase_pattern(p)), name)
            for p, name in pairs]


_COMMANDS = _anchored(COMMANDS)
_ANSWERS = _anchored({"yes": YES, "no": NO, "soft_no": SOFT_NO})
_POLITENESS = _Phrases.of(POLITENESS)
_ONLY_QUESTION_MARKS = re.compile(r"[\s?!.]*\?[\s?!.]*")
_COMMAND_WORDS_MAX = 3  # "statut de ma demande", "annuler ma demande svp"
_ANSWER_WORDS_MAX = 12  # "non merci, pas le temps en ce moment"


def _fold(text: str) -> str:
    """`normalize`, one character for one, so positions in the folded text are positions in `text`."""
    return "".join(f if len(f := normalize(c)) == 1 else c.lower() for c in text)


def parse_command(body: str, *, today: date) -> Command | None:
    """A command or a yes/no answer at the start of `body` (mentions already stripped), else None."""
    body = _TRAILING_MENTIONS.sub("", _SKIN_TONES.sub("", body)).strip(_TRIM)
    if _ONLY_QUESTION_MARKS.fullmatch(body):
        return Command("help")
    folded = _fold(body)
    answer = _parse_answer(folded)
    if answer is not None:
        return answer
    for start, _, name in _COMMANDS:
        match = start.match(folded)
        if match is None:
            continue
        rest = _without_politeness(body[match.end():], folded[match.end():])
        if name == "pause":
            return Command("pause", argument=rest, until=parse_date(rest, today=today)) if rest else Command("pause")
        if len(rest.split()) <= _COMMAND_WORDS_MAX and not _ASK.count(_cue_text(rest)):
            return Command(name)
        return None
    return None


def _parse_answer(folded: str) -> Command | None:
    for start, _, name in _ANSWERS:
        match = start.match(folded)
        if match is None:
            continue
        rest = folded[match.end():]
        if len(rest.split()) > _ANSWER_WORDS_MAX or _ASK.count(_cue_text(rest)):
            return None
        if name == "soft_no":  # "désolé, oui je peux" is a yes; "désolé !" alone a no
            return Command(next((n for _, anywhere, n in _ANSWERS if n != "soft_no" and anywhere.search(rest)), "no"))
        return Command(name)
    return None


def _without_politeness(original: str, folded: str) -> str:
    """`original` without "merci", "svp", "please"... (found in its folded twin), trimmed."""
    keep = [True] * len(folded)
    for pattern, _ in _POLITENESS.patterns:
        for m in pattern.finditer(folded):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    kept = "".join(c for c, k in zip(original, keep) if k)
    return " ".join(kept.split()).strip(_TRIM + "?")


# --- Dates ---------------------------------------------------------------------------------------

_DURATION = re.compile(r"(?<!\w)(\d{1,3}|" + "|".join(SMALL_NUMBERS) + r")\s+(" + "|".join(DURATION_UNITS) + r")(?!\w)")
_RELATIVE = {"demain": 1, "tomorrow": 1, "semaine prochaine": 7, "next week": 7, "mois prochain": 30, "next month": 30}
DATE_LANGUAGES = ["fr", "en", "es", "de", "it", "pt"]


def parse_date(text: str, *, today: date) -> date | None:
    """A date as people write it, in the bot's languages (dateparser): 2027-01-15, 15/01/2027, 15 janvier [2027],
    January 15[, 2027], 1er décembre, Dec 3rd, « jusqu'en septembre » (the first), the next such day when no year
    is given. Durations ("2 semaines", "in 3 months") count from `today` by the bot's rule: a month is 30 days."""
    import dateparser

    text = _cue_text(text)
    for prefix in PAUSE_DATE_PREFIXES:  # "jusqu'au", "until"... say nothing about the date itself
        text = re.sub(rf"^{_phrase_pattern(prefix)}\s*", "", text)
    if m := _DURATION.search(text):
        count = int(m[1]) if m[1].isdigit() else SMALL_NUMBERS[m[1]]
        return today + timedelta(days=count * DURATION_UNITS[m[2]])
    for phrase, days in _RELATIVE.items():
        if re.search(_phrase_pattern(phrase), text):
            return today + timedelta(days=days)
    base = datetime(today.year, today.month, today.day)
    found = dateparser.parse(text, languages=DATE_LANGUAGES, settings={
        "PREFER_DATES_FROM": "future", "RELATIVE_BASE": base, "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]})
    return found.date() if found is not None else None
