"""The phrases members answer the journey's questions with, in French and English, and its commands' words."""

from __future__ import annotations

import re

# Longer phrases are read first and hide the shorter ones they contain: "pas vraiment de souci" is
# a yes although "pas vraiment" is a no, "pas bien" a no although "bien" is a yes.

FIT_PHRASES = {  # phrase -> (polarity, weight); a bare yes or no weighs less than a description
    "yes": (
        "ça va", "ça roule", "ça se passe bien", "tout va bien", "très bien", "bien", "super", "top", "au top",
        "génial", "parfait", "nickel", "impeccable", "excellent", "formidable", "enrichissant", "agréable",
        "sympa", "utile", "adoré", "j'adore", "passionnant", "intéressant", "inspirant", "motivant", "content",
        "contente", "ravi", "ravie", "satisfait", "satisfaite", "pas mal", "pas trop mal", "pas si mal",
        "pas mauvais", "pas si mauvais", "de mieux en mieux", "ça s'améliore", "tout à fait", "bien sûr",
        "carrément", "rien à signaler", "rien à redire", "ne pourrait pas aller mieux", "pourrait pas aller mieux",
        "pourrait pas être mieux",
        "good", "great", "fine", "all good", "going well", "goes well", "went well", "doing well", "very well",
        "really well", "well so far", "awesome", "amazing", "fantastic", "wonderful", "perfect", "brilliant",
        "lovely", "helpful", "enriching", "happy", "glad", "love it", "loved it", "loving it", "enjoying it",
        "interesting", "inspiring", "not bad", "not too bad", "not so bad", "not that bad", "can't complain",
        "cannot complain", "couldn't be better", "getting better", "absolutely", "definitely", "of course",
        "👍", "🙂", "😊", "😀", "😃", "😄", "😁", "👌", "💯", "✅", "💪", "🎉", "❤", "♥", "🥰", "😍", "🤗", "☺",
        "🙌", "✨",
    ),
    "yes-word": ("oui", "ouais", "ouaip", "yes", "yep", "yeah", "yup", "ok", "okay", "d'accord"),
    "no": (
        "pas vraiment", "pas trop", "pas terrible", "pas top", "pas fou", "pas ouf", "pas génial", "pas super",
        "pas du tout", "pas évident", "pas facile", "pas fort", "ça va pas", "ça ne va pas", "ça va pas fort",
        "ça ne marche pas", "ça marche pas", "bof", "mouais", "moyen", "moyennement", "couci-couça",
        "comme ci comme ça", "difficile", "compliqué", "ça coince", "ça bloque", "c'est dur", "du mal", "mal",
        "on galère", "galère", "déçu", "déçue", "nul", "pourrait être mieux", "pourrait aller mieux",
        "not really", "not at all", "not ideal", "so-so", "so so", "meh", "could be better", "not working",
        "struggling", "disappointed", "bad", "badly", "poorly", "awful", "horrible", "rough", "tough", "hard",
        "👎", "😕", "🙁", "☹", "😞", "😐", "😬", "😢", "😟", "😔", "😩", "😣",
    ),
    "no-word": ("non", "no", "nope", "nah"),
    "neither": (  # words that look like a cue and are not: consumed, counted for nothing
        "eh bien", "et bien", "ou bien", "bien que", "difficile à dire", "hard to say", "je ne sais pas",
        "je sais pas", "don't know", "not sure", "pas sûr", "pas sûre", "trop tôt pour dire", "too early to tell",
        "too soon to tell", "pas encore", "not yet", "non plus",
    ),
}
# "pas de souci", "aucun problème", "no real issues", "pas vraiment de soucis": an absence of trouble is a yes.
NO_TROUBLE = (r"(?<!\w)(?:pas|aucune?|sans|no|not any|zero|nothing)\s+(?:(?:vraiment|trop|du tout|really|any)\s+)?"
               r"(?:de\s+|d'\s*)?(?:(?:gros|grosse|vrais?|vraie|real|major|big|particular)\s+)?"
               r"(?:soucis?|problemes?|difficultes?|blocages?|inquietudes?|issues?|problems?|complaints?|"
               r"worries|concerns?|wrong)(?!\w)")
# "pas très bien", "not so good", "isn't going well": a yes word negated is a no.
POSITIVE_WORDS = ("bien", "top", "super", "genial", "good", "great", "well", "fine", "ok", "okay", "facile", "easy",
                   "simple", "evident", "fluide", "smooth", "ideal", "satisfaisant", "utile", "helpful", "productif",
                   "productive", "agreable", "sympa", "cool", "happy", "content", "contente", "ravi", "ravie",
                   "satisfait", "satisfaite", "going well", "working", "terrible")
INTENSIFIERS = ("tres", "si", "trop", "vraiment", "super", "hyper", "tellement", "forcement", "particulierement",
                 "that", "so", "very", "really", "too", "all that", "particularly", "going")
NEGATED = (rf"(?:(?<!\w)(?:pas|not|never|jamais)|n't)\s+(?:(?:{'|'.join(INTENSIFIERS)})\s+)?"
            rf"(?:{'|'.join(POSITIVE_WORDS)})(?!\w)")
# Clauses: after "mais" the answer changes ("oui mais pas vraiment" is a no); after "même si" it is hedged.
ADVERSATIVES = ("mais", "but", "cependant", "pourtant", "par contre", "en revanche", "sauf que", "cela dit",
                "ceci dit", "that said", "however", "enfin", "though")
CONCESSIVES = ("même si", "bien que", "malgré", "even if", "even though", "despite", "in spite of")

PULSE_PHRASES = {  # phrase -> level on the 1–5 scale
    5: ("très bien", "super", "super bien", "vraiment bien", "excellent", "génial", "parfait", "top", "au top",
        "formidable", "nickel", "impeccable", "très très bien", "very good", "very well", "really good",
        "really well", "great", "awesome", "amazing", "fantastic", "perfect", "wonderful", "brilliant",
        "excellent", "couldn't be better", "😀", "😄", "😁", "🤩", "🎉", "💯"),
    4: ("bien", "plutôt bien", "assez bien", "ça va bien", "pas mal", "good", "well", "pretty good",
        "pretty well", "quite good", "quite well", "going well", "not bad", "🙂", "😊", "👍"),
    3: ("moyen", "moyennement", "ça va", "ok", "okay", "correct", "correcte", "mitigé", "mitigée", "comme ci comme ça",
        "couci-couça", "pas trop mal", "so-so", "so so", "average", "mixed", "fine", "alright", "all right",
        "not too bad", "not so bad", "not that bad", "pas si mauvais", "😐"),
    2: ("pas terrible", "bof", "mouais", "pas top", "pas génial", "pas super", "pas fou", "pas ouf", "pas bien",
        "pas très bien", "pas facile", "difficile", "compliqué", "meh", "not great", "not good", "not so good",
        "not very good", "not well", "not very well", "could be better", "pourrait être mieux", "hard", "tough",
        "😕", "🙁", "👎"),
    1: ("mal", "très mal", "pas bien du tout", "pas du tout", "nul", "nulle", "horrible", "catastrophe",
        "catastrophique", "bad", "badly", "very bad", "really bad", "terrible", "awful", "not at all",
        "not good at all", "😞", "😢", "😭"),
}

RATING_WORDS = {"zéro": 0, "zero": 0, "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
                "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7,
                "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10}
RATING_LABELS = ("note", "notation", "rating", "score", "évaluation", "grade", "ma note", "my rating", "note globale",
                 "note finale", "overall rating", "overall", "je mets", "je donne", "je dirais", "j'attribue",
                 "i give", "i'd give", "i would give", "i give it", "i'd give it", "i would give it", "i rate",
                 "i'd rate", "i'd rate it", "i rate it")

RETROSPECTIVE_KEYS = {
    "learned": ("appris", "j'ai appris", "ce que j'ai appris", "qu'ai-je appris", "qu'est-ce que j'ai appris",
                "apprentissage", "apprentissages", "learned", "learnt", "i learned", "i learnt", "what i learned",
                "what i learnt", "what did i learn", "what i've learned", "lessons", "learnings"),
    "received+given": ("reçu et donné", "reçu / donné", "reçu/donné", "reçu, donné", "reçu-donné",
                       "qu'ai-je reçu, qu'ai-je donné", "qu'ai-je reçu et donné", "received and given",
                       "received / given", "received/given", "given and received", "donné et reçu"),
    "received": ("reçu", "j'ai reçu", "ce que j'ai reçu", "qu'ai-je reçu", "received", "i received",
                 "what i received", "what did i receive", "what i got"),
    "given": ("donné", "j'ai donné", "ce que j'ai donné", "qu'ai-je donné", "given", "gave", "i gave",
              "what i gave", "what did i give", "what i've given"),
    "rating": ("note", "notation", "rating", "score", "évaluation", "note globale", "note finale", "ma note",
               "my rating", "overall rating"),
    "comment": ("commentaire", "commentaires", "comment", "comments", "remarque", "remarques", "remarks",
                "mot libre", "free comment", "un mot", "autre", "other", "anything else", "pour finir", "last words"),
}

JOURNEY_COMMANDS = {  # checked in this order at the start of the message
    "end-goal-reached": ("mission accomplie", "mission accomplished"),
    "forget-me": ("oublie-moi", "oubliez-moi", "forget me", "forget about me", "droit à l'oubli",
                  "right to be forgotten", "supprime mes données", "supprimez mes données", "supprimer mes données",
                  "efface mes données", "effacez mes données", "effacer mes données", "supprime mes infos",
                  "supprime mes informations", "supprimez mes informations", "delete my data", "erase my data",
                  "remove my data", "wipe my data", "delete my info", "delete everything about me"),
    "my-data": ("mes données", "mes donnees", "mes données personnelles", "mes infos", "mes informations",
                "voir mes données", "exporter mes données", "export", "quelles données", "que sais-tu de moi",
                "que savez-vous de moi", "my data", "my personal data", "my info", "my information",
                "show my data", "export my data", "what data", "what do you know about me"),
    "extend": ("prolonger", "prolonge", "prolongé", "prolongeons", "prolongation", "prolongement", "extend",
               "extension", "extend it", "extend the mentoring"),
    "end": ("terminer", "termine", "terminé", "terminée", "terminons", "fin", "finir", "fini", "finie",
            "finissons", "c'est fini", "c'est terminé", "clore", "clôturer", "clôture", "done", "all done",
            "we're done", "i'm done", "end", "the end", "finish", "finished", "wrap up", "close"),
    "ask-help": ("besoin d'aide", "j'ai besoin d'aide", "on a besoin d'aide", "alerter la modération",
                 "alerte modération", "signaler", "je voudrais parler à la modération", "appel à la modération",
                 "i need help", "we need help", "need help", "alert the moderators", "tell the moderators",
                 "report a problem", "i'd like to talk to a moderator"),
    "public": ("en public", "dans le fil", "dans le fil public", "on continue en public", "in public",
               "in the thread", "in the open", "publicly"),
    "private": ("en privé", "en prive", "en message privé", "en direct", "in private", "privately",
                "back to private"),
    "contract": ("contrat", "contract", "mon contrat", "notre contrat", "le contrat", "contrat d'apprentissage",
                 "voir le contrat", "voir mon contrat", "montre le contrat", "montre-moi le contrat",
                 "affiche le contrat", "rappelle-moi le contrat", "my contract", "our contract", "the contract",
                 "learning contract", "show contract", "show the contract", "show my contract", "view contract",
                 "see the contract"),
}
GOAL_REACHED = re.compile(
    r"(?<!\w)(?:(?:on a|nous avons|j'ai|we|we've|we have|i|i've|i have)\s+(?:enfin\s+|finally\s+)?"
    r"(?:atteint|rempli|reached|achieved|met|hit)\s+(?:(?:l'|le|les|mon|ma|mes|notre|nos|the|our|my)\s*)?"
    r"(?:objectifs?|buts?|goals?)"
    r"|(?:objectifs?|buts?|goals?)\s+(?:(?:est|sont|is|are|was|were)\s+)?"
    r"(?:atteints?|remplis?|reached|achieved|met|accomplished|done)"
    r"|mission\s+accomplie|mission\s+accomplished)(?!\w)")
# What may follow a one-word command without making it a sentence: "terminer le mentorat avec @alice".
COMMAND_FILLERS = frozenset(
    "le la les l' l du de des d' d mon ma mes notre nos ton ta tes votre vos the my our this it its mentorat mentoring "
    "mentorship relation relationship accompagnement parcours journey binome programme program ici here now "
    "maintenant aujourd'hui today pour moi for me avec with tout tous everything all personnelles personal "
    "d'apprentissage learning en cours current actuel actuelle svp stp please merci thanks s'il te vous plait "
    "alors then ok okay oui yes".split())
REQUEST_PREFIXES = (  # "je voudrais terminer", "can we extend", "on prolonge"
    "je voudrais", "j'aimerais", "je souhaite", "je souhaiterais", "je veux", "on peut", "on pourrait", "peut-on",
    "est-ce qu'on peut", "est-ce que je peux", "pourrais-tu", "pourriez-vous", "peux-tu", "pouvez-vous",
    "nous voudrions", "on voudrait", "on aimerait", "can we", "could we", "can you", "could you", "can i",
    "i'd like to", "i would like to", "i want to", "we'd like to", "we would like to", "we want to", "let's",
    "on", "je", "nous", "we", "i", "alors", "bon", "ok", "okay",
)
EXTEND_WORDS = COMMAND_FILLERS | frozenset(
    "de d' by for of pour jusqu'au jusqu'a jusqu'en jusque until till to au encore another more plus un peu "
    "a bit little".split())
