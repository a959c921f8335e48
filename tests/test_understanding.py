"""What the bot understands from statuses: requests, commands, chatter, and talk that is not for it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from bot.language.understanding.dates import parse_date
from bot.language.understanding.reading import understand
from bot.language.understanding.text import strip_leading_mentions
from bot.language.understanding.values import Chatter, Command, NotForUs, Request
from bot.language.words import normalize
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Mention, Status

BOT = "mentorat@entraide.example"
ROSTER = Roster(
    mentors=(
        Mentor("claire@entraide.example", ("fr",), ("Storytelling", "Accessibilité")),
        Mentor("malik@savoirs.example", ("fr", "en"), ("Python", "machine learning")),
    ),
    topics={
        "design": ("UX", "UI", "expérience utilisateur"),
        "science des données": ("data science", "datascience"),
        "mentorat": ("mentoring",),
    },
)
POSTED = datetime(2026, 11, 28, 9, 30, tzinfo=timezone.utc)


def status(text: str, *, tags: tuple[str, ...] = (), to_bot: bool = False, language: str | None = "fr",
           **fields) -> Status:
    return Status(
        id="1", uri="https://entraide.example/1", url="https://entraide.example/@amel/1",
        account=Account(id="7", acct="amel@entraide.example", username="amel"),
        text=text, created_at=POSTED, language=language, tags=tags,
        mentions=(Mention(id="9", acct=BOT),) if to_bot else (),
        **fields,
    )


def read(text: str, **kwargs) -> object:
    return understand(status(text, **kwargs), bot_acct=BOT, hashtag="mentorat", roster=ROSTER)


def hashtag_post(text: str, *tags: str, language: str | None = "fr") -> object:
    return read(text, tags=("mentorat", *tags), language=language)


def mention(text: str, language: str | None = "fr") -> object:
    return read(f"@mentorat {text}", to_bot=True, language=language)


# --- requests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Je cherche un·e mentor·e pour débuter en Python #mentorat",
    "Besoin d'un mentor pour ma reconversion, qui pourrait m'accompagner ? #mentorat",
    "Cherche quelqu'un pour m'aider à structurer ma thèse #Mentorat",
    "J’aimerais être accompagnée dans ma prise de poste #mentorat",
    "Je me lance en freelance et j'aurais besoin d'un regard extérieur #mentorat",
    "Mentor recherché·e : data, Python #mentorat",
])
def test_french_hashtag_requests(text):
    assert isinstance(hashtag_post(text), Request)


@pytest.mark.parametrize("text", [
    "Looking for a mentor in data science, anyone? #mentorat",
    "I need a mentor to help me grow as a designer #mentorat",
    "Can anyone recommend someone who could help me with Python? #mentorat",
    "Would love guidance from someone who changed careers #mentorat",
])
def test_english_hashtag_requests(text):
    assert isinstance(hashtag_post(text, language="en"), Request)


def test_a_mention_to_the_bot_asking_for_guidance_is_a_request():
    assert isinstance(mention("je cherche quelqu'un pour progresser en UX"), Request)
    assert isinstance(mention("mentor Python ?"), Request)


def test_a_direct_message_asking_for_guidance_is_a_request():
    assert isinstance(read("bonjour, je cherche un mentor en data science", visibility="direct"), Request)


def test_a_request_without_the_trigger_hashtag_is_not_for_us():
    assert read("Je cherche un mentor en Python #python", tags=("python",)) == NotForUs()


@pytest.mark.parametrize("text,fields", [
    ("Super article sur le #mentorat en entreprise https://blog.example/mentorat", {}),
    ("Besoin d'un mentor ? Lisez cet article : https://blog.example/trouver #mentorat", {}),
    ("Un retour sur le #mentorat", {"has_card": True}),
    ("RT @alice: je cherche un mentor en UX #mentorat", {}),
    ("« Je cherche un mentor depuis des mois » m'a dit une amie #mentorat", {}),
    ("Je cherche un mentor en UX #mentorat", {"quote_id": "42"}),
    ("Je cherche un mentor en UX #mentorat", {"is_boost": True}),
    ("🧵 1/ Leçons de trois ans de #mentorat", {}),
    ("Thread: lessons learned from ten years of #mentorat", {}),
    ("Je propose du mentorat en Python, écrivez-moi ! #mentorat", {}),
    ("Je peux accompagner deux personnes en UX cette année #mentorat", {}),
    ("Happy to mentor anyone looking for guidance in Rust #mentorat", {}),
    ("I can mentor juniors in data science, DM me #mentorat", {}),
    ("Offering mentoring sessions this winter #mentorat", {}),
    ("Le #mentorat a changé ma carrière", {}),
])
def test_talk_about_mentoring_is_not_for_us(text, fields):
    s = status(text, tags=("mentorat",), **fields)
    assert understand(s, bot_acct=BOT, hashtag="mentorat", roster=ROSTER) == NotForUs()


def test_a_request_that_mentions_its_portfolio_link_is_still_a_request():
    assert isinstance(hashtag_post("Je cherche une mentore en UX, mon portfolio : https://amel.example #mentorat"),
                      Request)


@pytest.mark.parametrize("text", [
    "bonjour !", "merci pour la mise en relation avec ma mentore !", "c'est quoi ce compte ?",
    "je voudrais devenir mentor", "how does this work?",
])
def test_mentions_that_ask_nothing_are_chatter(text):
    assert mention(text) == Chatter()


# --- commands ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("aide", "help"), ("AIDE !", "help"), ("help please", "help"), ("?", "help"), ("  ?? ", "help"),
    ("Statut", "status"), ("statut de ma demande ?", "status"), ("status?", "status"),
    ("annuler ma demande svp", "cancel"), ("Cancel.", "cancel"),
    ("stop", "stop"), ("Arrête, merci.", "stop"), ("ARRETE", "stop"),
    ("reprendre", "resume"), ("Resume please", "resume"),
    ("oui", "yes"), ("Oui, avec plaisir !", "yes"), ("d’accord", "yes"), ("OK", "yes"), ("okay!", "yes"),
    ("yes, happy to", "yes"), ("J'accepte", "yes"), ("accept", "yes"), ("Volontiers :)", "yes"),
    ("avec plaisir", "yes"), ("sure!", "yes"), ("👍", "yes"), ("👍🏽", "yes"), ("No problem!", "yes"),
    ("Désolée du retard, oui je peux", "yes"),
    ("non", "no"), ("Non merci, pas le temps en ce moment", "no"), ("pas dispo", "no"),
    ("pas disponible ce mois-ci", "no"), ("No.", "no"), ("decline", "no"), ("je décline", "no"),
    ("not available, sorry", "no"), ("Sorry, no", "no"), ("désolé", "no"),
])
def test_commands_and_answers_with_messy_input(text, name):
    assert mention(text) == Command(name)


def test_commands_are_read_after_several_leading_mentions():
    s = status("@mentorat@entraide.example @claire oui, avec plaisir", to_bot=True)
    assert understand(s, bot_acct=BOT, hashtag="mentorat", roster=ROSTER) == Command("yes")


def test_a_yes_word_followed_by_a_request_is_a_request():
    assert isinstance(mention("ok, je cherche un mentor en data science"), Request)


def test_help_followed_by_a_whole_request_is_a_request():
    assert isinstance(mention("help me find a mentor in Python", language="en"), Request)


def test_commands_only_count_when_addressed_to_the_bot():
    assert hashtag_post("stop") == NotForUs()


@pytest.mark.parametrize("text,until", [
    ("pause jusqu'au 2027-01-15", date(2027, 1, 15)),
    ("pause jusqu’au 15/01/2027", date(2027, 1, 15)),
    ("Pause jusqu'au 15 janvier 2027, merci", date(2027, 1, 15)),
    ("pause until January 15, 2027", date(2027, 1, 15)),
    ("pause jusqu'au 15 janvier", date(2027, 1, 15)),  # the next 15 January after the post
    ("pause jusqu'au 1er décembre", date(2026, 12, 1)),
    ("pause until Dec 3rd", date(2026, 12, 3)),
    ("pause pour 2 semaines", date(2026, 12, 12)),
])
def test_pause_reads_the_date(text, until):
    command = mention(text)
    assert (command.name, command.until) == ("pause", until)
    assert command.argument


def test_pause_keeps_the_date_as_typed():
    assert mention("pause jusqu'au 15 janvier svp").argument == "jusqu'au 15 janvier"


def test_pause_without_a_date_is_open_ended():
    assert mention("pause") == Command("pause")
    assert mention("pause, merci") == Command("pause")


def test_pause_with_an_unreadable_date_is_told_apart():
    command = mention("pause jusqu'à la Saint-Glinglin")
    assert command == Command("pause", argument="jusqu'à la Saint-Glinglin", until=None)


def test_impossible_dates_are_not_read():
    assert parse_date("31/02/2027", today=date(2026, 11, 28)) is None
    assert parse_date("blah", today=date(2026, 11, 28)) is None


# --- kinds, language, topics, circles ------------------------------------------------------------

@pytest.mark.parametrize("text,kind", [
    ("Je cherche un mentor en UX #mentorat", "mentoring"),
    ("Je cherche un coach pour préparer un entretien #mentorat", "coaching"),
    ("Looking for coaching to reach a specific goal #mentorat", "coaching"),
    ("Je cherche du mentorat inversé : je vous apprends TikTok #mentorat", "reverse"),
    ("Looking for reverse mentoring on Gen Z culture #mentorat", "reverse"),
    ("Cherche un binôme pour progresser en Python #mentorat", "peer"),
    ("Je cherche du mentorat entre pairs #mentorat", "peer"),
    ("Anyone want to pair up on data science? #mentorat", "peer"),
])
def test_kind(text, kind):
    assert hashtag_post(text).kind == kind


def test_declared_language_wins():
    assert hashtag_post("Looking for a mentor #mentorat", language="en").language == "en"
    assert hashtag_post("Je cherche un mentor #mentorat", language="fr").language == "fr"


@pytest.mark.parametrize("text,language", [
    ("Looking for a mentor to help me grow in data science #mentorat", "en"),
    ("Je cherche une personne qui pourrait m'accompagner dans ma reconversion #mentorat", "fr"),
    ("Busco un mentor para aprender diseño, ¿alguien puede ayudarme? #mentorat", "es"),
])
def test_language_is_detected_when_not_declared(text, language):
    assert hashtag_post(text, language=None).language == language


def test_language_falls_back_to_the_default():
    request = understand(status("@mentorat UX ?", to_bot=True, language=None), bot_acct=BOT, hashtag="mentorat",
                         roster=ROSTER, default_language="en")
    assert request.language == "en"


def test_topics_through_synonyms_case_and_accents():
    request = hashtag_post("Je cherche quelqu'un en EXPERIENCE UTILISATEUR et en Data-Science, "
                           "et un peu de storytelling #mentorat")
    assert request.topics == ("design", "science des données", "Storytelling")


def test_hashtags_are_topics_and_synonym_hashtags_fold_into_their_topic():
    request = hashtag_post("Je cherche un mentor #UX #rust #datascience #mentorat", "ux", "rust", "datascience")
    assert request.topics == ("design", "rust", "science des données")


def test_the_trigger_hashtag_and_nobot_are_never_topics():
    # "mentorat" is even a roster topic here; as the trigger it still is not one
    request = hashtag_post("Je cherche un mentor en mentorat #mentorat #nobot", "nobot")
    assert request.topics == ()


def test_topics_match_whole_words_only():
    assert hashtag_post("Je cherche un mentor pour l'UX #mentorat").topics == ("design",)
    assert hashtag_post("Je cherche un mentor : pythonneries, UXD, storytellings #mentorat").topics == ()


@pytest.mark.parametrize("text,size", [
    ("Je cherche un mentor en UX #mentorat", 1),
    ("Je cherche plusieurs mentors en UX et data science #mentorat", 3),
    ("Je cherche des mentor·es en UX #mentorat", 3),
    ("Mon réseau me sert de mentor : qui veut en faire partie ? Je cherche un cercle de mentors #mentorat", 3),
    ("Looking for a few mentors in design #mentorat", 3),
    ("Looking for several mentors to guide my PhD #mentorat", 3),
    ("Looking for two mentors in design #mentorat", 2),
    ("Avis aux mentors : je cherche quelqu'un en UX #mentorat", 1),
])
def test_circle_size(text, size):
    assert hashtag_post(text).circle_size == size


# --- helpers -------------------------------------------------------------------------------------

def test_normalize_folds_case_and_accents():
    assert normalize("Arrête l’ÉTÉ") == "arrete l'ete"


def test_strip_leading_mentions():
    assert strip_leading_mentions("@mentorat@entraide.example @claire  oui @bob") == "oui @bob"


# --- real posts: asking without the table's phrases, kinds by role, word forms, circles, languages -----------

WIDE = Roster(
    mentors=(
        Mentor("ines@entraide.example", ("fr", "en", "es"), ("écriture", "facilitation", "management")),
        Mentor("ken@learning.example", ("en", "de"), ("intelligence artificielle", "gestion de projet")),
    ),
    topics={"intelligence artificielle": ("AI", "IA"), "évaluation par compétences": ()},
)


def wide(text: str, *, language: str | None = "fr", to_bot: bool = False) -> object:
    tags = tuple(t.lower() for t in __import__("re").findall(r"#(\w+)", text))
    return understand(status(text, tags=tags, language=language, to_bot=to_bot), bot_acct=BOT, hashtag="mentorat",
                      roster=WIDE)


@pytest.mark.parametrize("text,language", [
    ("Qui serait d'accord pour me mentorer un peu sur mes slides ? #mentorat", "fr"),
    ("je rame avec mon mémoire, un petit coup de pouce serait top #mentorat", "fr"),
    ("anyone up for mentoring a self-taught designer? #mentorat", "en"),
    ("Could I get two or three mentors for my move into research? #mentorat", "en"),
    ("¿Alguien se anima a ser mi mentora en escritura? #mentorat", "es"),
    ("Wer hätte Zeit, mich beim Einstieg ins Projektmanagement zu begleiten? #mentorat", "de"),
    ("Mi servirebbe una mano per organizzare il mio primo laboratorio #mentorat", "it"),
    ("Alguém pode me orientar na escrita do meu primeiro livro? #mentorat", "pt"),
])
def test_asking_without_an_ask_phrase_of_the_tables(text, language):
    assert isinstance(wide(text, language=language), Request)


@pytest.mark.parametrize("text", [
    "Il me reste une place de mentorat pour ce trimestre, qui la veut ? #mentorat",
    "We're recruiting volunteer mentors for our spring cohort, sign up here #mentorat",
    "Quelqu'un aurait besoin d'un mentor en écriture ? J'ai du temps le mardi #mentorat",
    "3/7 Le mentorat, c'est d'abord écouter. #mentorat",
    "Le bot #mentorat répond-il aussi en espagnol ? Je voudrais le conseiller à une amie.",
    "my mentor told me once: write every day. #mentorat",
    "Mentors need mentors too. #mentorat",
])
def test_offers_recruiting_lessons_and_questions_about_the_bot_are_not_requests(text):
    assert wide(text) == NotForUs()


def test_a_topic_word_is_no_evidence_of_talk():
    assert isinstance(wide("Je lance mon podcast et je suis perdue, quelqu'un pour m'aider ? #mentorat"), Request)


@pytest.mark.parametrize("text,kind", [
    ("Je cherche un mentor, pas un coach ! Quelqu'un pour le management ? #mentorat", "mentoring"),
    ("Not looking for long-term mentoring, just targeted prep for my talk on Friday #mentorat", "coaching"),
    ("J'aimerais mettre en place du feedback entre pairs dans mon équipe, qui peut m'aider ? #mentorat",
     "mentoring"),
    ("I'd like help to design a peer-learning programme at work #mentorat", "mentoring"),
    ("Je voudrais devenir coach, qui pourrait m'accompagner dans cette reconversion ? #mentorat", "mentoring"),
    ("J'ai 58 ans et je cherche quelqu'un de plus jeune pour m'expliquer l'IA, on inverse les rôles ? #mentorat",
     "reverse"),
    ("Ich suche eine Lernpartnerin auf Augenhöhe für Python #mentorat", "peer"),
    ("Quelqu'un pour apprendre l'écriture ensemble, même niveau ? On apprend ensemble ! #mentorat", "peer"),
    ("Entretien d'embauche jeudi prochain : qui peut me faire une simulation rapide ? #mentorat", "coaching"),
])
def test_kind_by_role_negation_and_implicit_signals(text, kind):
    request = wide(text)
    assert isinstance(request, Request) and request.kind == kind


@pytest.mark.parametrize("text,topic", [
    ("J'ai besoin d'aide pour écrire mon premier roman #mentorat", "écriture"),
    ("Looking for help facilitating my first workshops #mentorat", "facilitation"),
    ("I need a mentor, I'm new to managing managers #mentorat", "management"),
    ("je cherche de l aide pour l evaluation par competences #mentorat", "évaluation par compétences"),
    ("Je cherche de l'aide pour la facilitaton de mes ateliers #mentorat", "facilitation"),  # a typo
    ("Looking for a mentor #ProjectManagement #mentorat", "gestion de projet"),
    ("Busco mentora para mi escritura #mentorat", "écriture"),  # the roster names it in French
    ("Je cherche un mentor en IA, j'ai un projet #mentorat", "intelligence artificielle"),
])
def test_topics_through_word_forms_typos_hashtags_and_languages(text, topic):
    assert topic in wide(text).topics


def test_a_short_synonym_matches_as_an_acronym_only():
    assert "intelligence artificielle" not in wide("Je cherche un mentor, j'ai un projet d'écriture #mentorat").topics
    assert "intelligence artificielle" in wide("I need a mentor for AI ethics #mentorat", language="en").topics
    # an acronym whose small letters make no word is read in any case
    assert hashtag_post("je cherche un mentor en ux pour mon portfolio #mentorat").topics[:1] == ("design",)


@pytest.mark.parametrize("text,size", [
    ("J'aimerais plusieurs regards sur ma reconversion #mentorat", 3),
    ("Je cherche deux ou trois mentors en écriture #mentorat", 3),
    ("Looking for a few mentors in management #mentorat", 3),
    ("Ich suche mehrere Mentoren für meine Gründung #mentorat", 3),
    ("Cerco più mentori per il mio progetto di scrittura #mentorat", 3),
    ("J'ai déjà eu deux mentors, je cherche maintenant quelqu'un en management #mentorat", 1),
])
def test_circles_in_every_language_but_not_mentors_one_had(text, size):
    assert wide(text).circle_size == size


def test_a_sure_detection_on_a_long_text_overrides_the_declared_language():
    text = "Hello! I am looking for a mentor to help me with writing my first grant application #mentorat"
    assert wide(text, language="fr").language == "en"
    assert wide("UX ? #mentorat", language="de", to_bot=True).language == "de"  # too short to doubt


def test_dates_in_the_neighbours_languages():
    assert parse_date("15. März 2027", today=date(2026, 11, 28)) == date(2027, 3, 15)
    assert parse_date("15 de março", today=date(2026, 11, 28)) == date(2027, 3, 15)


@pytest.mark.parametrize("text,size", [
    ("Je cherche des mentor·e·s pour mon projet d'écriture #mentorat", 3),
    ("I'd like one mentor for the writing and another for the management side #mentorat", 3),
    ("J'ai deux ou trois questions sur le management, qui peut m'aider ? #mentorat", 1),  # things, not people
])
def test_circles_of_people_not_of_things(text, size):
    assert wide(text).circle_size == size


@pytest.mark.parametrize("text", [
    "Mentors, what's your best advice for a first session? #mentorat",
    "I've been mentoring for ten years and here is what I learned #mentorat",
    "Can I be a mentor and a mentee at the same time? #mentorat",
])
def test_mentors_talking_as_mentors_are_not_requests(text):
    assert wide(text, language="en") == NotForUs()


def test_a_retiree_wanting_the_young_generations_view_asks_for_reverse_mentoring():
    request = wide("Retraitée depuis peu, j'aimerais qu'une personne de la nouvelle génération m'aide à comprendre "
                   "les réseaux sociaux #mentorat")
    assert isinstance(request, Request) and request.kind == "reverse"


def test_a_roster_topic_holding_a_concepts_name_brings_the_concept_along():
    roster = Roster(mentors=(Mentor("ines@entraide.example", ("fr", "en"), ("Écriture créative", "Design UX/UI")),))
    read = understand(status("J'aimerais de l'aide pour écrire mon premier roman #mentorat", tags=("mentorat",)),
                      bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert read.topics == ("Écriture créative",)
    read = understand(status("Looking for a mentor in user research #mentorat", tags=("mentorat",), language="en"),
                      bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert read.topics == ("Design UX/UI",)


# --- recruiting, general truths, resources, organisers: talk ---------------------------------------

@pytest.mark.parametrize("text,language", [
    ("We're looking for volunteer mentors for our spring cohort. Apply by March 1st. #mentorat", "en"),
    ("Nous recherchons des mentors bénévoles pour la rentrée, inscrivez-vous ! #mentorat", "fr"),
    ("mentors need mentors too, let's talk about it #mentorat", "en"),
    ("Does anyone know a good book about mentoring? #mentorat", "en"),
    ("What's the best way to find a mentor when you're self-taught? Curious how others did it #mentorat", "en"),
    ("Wie findet man eigentlich einen guten Mentor? Ich schreibe gerade einen Blogpost darüber #mentorat", "de"),
    ("My company is starting a mentoring program and I was asked to design it. Any resources? #mentorat", "en"),
])
def test_recruiting_truths_and_resources_are_talk(text, language):
    assert isinstance(hashtag_post(text, language=language), NotForUs)


@pytest.mark.parametrize("text,language", [
    ("Mentors need mentors too, and right now I need one: I'm drowning in my thesis. #mentorat", "en"),
    ("deux ou trois mentors en data science, ce serait idéal #mentorat", "fr"),
    ("un mentor ou une mentore pour l'accessibilité svp #mentorat", "fr"),
    ("je veux devenir coach, qqn pour m'aider à me lancer ? #mentorat", "fr"),
])
def test_a_need_said_plainly_is_a_request(text, language):
    assert isinstance(hashtag_post(text, language=language), Request)


@pytest.mark.parametrize("text,language,kind", [
    ("Any young person willing to teach an old man about apps? My grandkids laugh at me #mentorat", "en", "reverse"),
    ("Tenho 67 anos e queria que alguém mais novo me ensinasse a usar o computador #mentorat", "pt", "reverse"),
    ("Looking for other junior devs to learn with, study buddies welcome #mentorat", "en", "peer"),
    ("Tengo que entregar mi CV antes del viernes, ¿alguien lo revisa? #mentorat", "es", "coaching"),
])
def test_implicit_kinds_and_appeals_in_other_words(text, language, kind):
    request = hashtag_post(text, language=language)
    assert isinstance(request, Request)
    assert request.kind == kind


@pytest.mark.parametrize("text,language", [
    ("#mentorat Moi : je cherche un mentor. Aussi moi : ignore tous les conseils qu'on me donne 😂", "fr"),
    ("#mentorat me: I need a mentor. also me: never asks anyone lol", "en"),
    ("#mentorat Aux mentors : comment vous gérez quand un·e mentoré·e ne répond plus ?", "fr"),
])
def test_a_post_opening_with_the_hashtag_is_read_as_it_opens_after_it(text, language):
    assert isinstance(hashtag_post(text, language=language), NotForUs)


@pytest.mark.parametrize("text,language,kind", [
    ("Oral de concours fin janvier, je cherche qqn pour des simulations #mentorat", "fr", "coaching"),
    ("My thesis defense is mid-March, could someone do a practice run with me? #mentorat", "en", "coaching"),
    ("La semana que viene tengo una entrevista, ¿alguien me ayuda a ensayar? #mentorat", "es", "coaching"),
    ("Übermorgen habe ich meinen ersten Konferenzvortrag, wer hört sich die Probe an? #mentorat", "de", "coaching"),
    ("Tra una settimana ho l'esame orale, cerco qualcuno per una simulazione #mentorat", "it", "coaching"),
    ("I start as a team lead next month and would love a mentor for the first year #mentorat", "en", "mentoring"),
    ("El lunes empiezo mi primer trabajo como desarrolladora, busco mentora para acompañarme #mentorat", "es",
     "mentoring"),
    ("Deadline aside, what I really need is a long-term mentor for my writing #mentorat", "en", "mentoring"),
])
def test_deadlines_in_every_form_and_a_start_that_is_none(text, language, kind):
    request = hashtag_post(text, language=language)
    assert isinstance(request, Request)
    assert request.kind == kind


def test_two_mentors_one_for_each_thing_is_a_circle_asked_for():
    request = hashtag_post("Deux mentors, un pour le code et un pour le business, ce serait l'idéal #mentorat")
    assert isinstance(request, Request)
    assert request.circle_size > 1
