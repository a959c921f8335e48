"""Phrase tables of asking, talk, kinds, negations and circles, written as people type them.

Matching is case- and accent-insensitive, on word boundaries, and tolerant of inclusive writing
("un·e mentor·e") and of typographic apostrophes (see `bot.language.understanding.text`)."""

from __future__ import annotations

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
        "trouver un mentor", "trouver une mentore", "trouver une mentor", "trouver quelqu'un", "trouver une personne", "je voudrais bien", "ça me plairait",
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
        "find a mentor", "find someone", "under their wing", "under your wing", "recommend a mentor", "need someone",
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
    "je me sens perdu", "je me sens perdue", "aucune idée", "je n'y comprends rien", "j'y comprends rien",
    "je n'y connais rien", "j'y connais rien", "no idea", "no clue", "clueless", "ni idea", "keine ahnung",
    "nessuna idea", "non ci capisco niente", "não faço ideia", "não entendo nada", "me siento sobrepasada",
    "me siento sobrepasado", "desbordada", "desbordado", "dépassée", "dépassé", "débordée", "sopraffatta",
    "sopraffatto", "sobrecarregada", "sobrecarregado", "burning out", "i'm burnt out", "je craque", "je me sens seul", "je me sens seule", "je débute", "je me lance",
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
    # a group wanted is a person wanted: « un petit groupe de pairs ? », "a study group?"
    "groupe de pairs", "cercle de pairs", "groupe d'entraide", "peer group", "study group", "study buddy",
    "study partner", "learning partner", "grupo de estudio", "compañera de estudio", "compañero de estudio",
    "lerngruppe", "gruppo di studio", "grupo de estudos",
)
# (no possessives: "my mentor", « mon mentor » is someone one has; "be my mentor" asks through its phrase)
WANT_DETERMINERS = ("un", "une", "a", "an", "un·e", "uno", "una", "ein", "eine", "einen",
                    "einer", "um", "uma", "du", "some", "des", "plusieurs", "quelques", "few")

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
    r"(?<!\w)(?:mentoring|mentorship|mentorat|mentoria|coaching)\s+(?:\w+\s+){0,3}?(?:funciona|fonctionne|"
    r"funktioniert|funziona|marche)\s+(?:mejor|mieux|besser|meglio|melhor)(?!\w)",
    r"(?<!\w)(?:mentoring|mentorship|coaching|a good mentor|good mentors|great mentors|the best mentors)\s+"
    r"(?:is|isn't|was|has|changed|can|should|goes|go|works|work|means|doesn't|don't|are|listen|ask)(?!\w)",
    r"(?<!\w)(?:un bon mentor|une bonne mentore|les bons mentors|le bon mentor)\s+(?:est|c'est|sait|doit|devrait|"
    r"ecoute|pose|n'est)(?!\w)",
    r"(?<!\w)mentors\s+(?:need|are|should|can|have|also|too)(?!\w)",
    r"(?<!\w)(?:j'ai eu|j'avais|i had|i've had|ich hatte(?! gern| lieber)|ho avuto|tuve|tive)\s+(?:un|une|deux|trois|a|two|three|"
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
        "reverse-mentorin", "reverse mentorin", "reverse-mentor", "reverse-mentee", "reverse mentee",
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
    "coaching skills", "compétences de coach", "coaching practice", "coaching business", "cabinet de coaching",
    "coaching-praxis", "mentorat entre pairs dans mon", "le binôme", "mon binôme",
    "my peers", "mes pairs", "nos pairs", "our peers", "prepare for my", "entretien annuel",
)
NEGATIONS = ("pas", "non", "ni", "sans", "jamais", "not", "no", "nor", "never", "don't", "dont", "do not", "nunca", "nie", "mai", "sin", "ni", "nicht", "kein", "keine",
             "keinen", "non", "né", "senza", "não", "nem", "sem", "plutôt que", "rather than", "instead of",
             "pas besoin", "don't need", "don't want", "not looking for", "pas forcément", "más que", "statt",
             "niente", "nada", "nichts", "rien", "nothing", "plutôt qu'",
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
