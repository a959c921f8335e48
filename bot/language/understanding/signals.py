"""The compiled signs of asking and of talk that several readers share (ask phrases, wishes, appeals, offers)."""

from __future__ import annotations

import re

from bot.language.understanding.phrases import (
    APPEAL_WORDS,
    ASK_CUES,
    CIRCLE_CUES,
    GENERAL_PATTERNS,
    KIND_AS_TOPIC,
    KIND_CUES,
    MENTOR_NOUNS,
    MENTORING_WORDS,
    NEED_CUES,
    NOT_A_REQUEST_CUES,
    NUMBER_WORDS,
    SINGLE_MENTOR_PLURALS,
    STRONG_COACHING,
    WANT_DETERMINERS,
)
from bot.language.understanding.text import _Phrases
from bot.language.words import normalize

_ASK = _Phrases.by_label(ASK_CUES)
_NEED = _Phrases.of(NEED_CUES)
_NOT_A_REQUEST = _Phrases.by_label(NOT_A_REQUEST_CUES)
_GENERAL = tuple(re.compile(p) for p in GENERAL_PATTERNS)
_KINDS = _Phrases.by_label(KIND_CUES)
_STRONG_COACHING = _Phrases.of(STRONG_COACHING)
_KIND_AS_TOPIC = _Phrases.of(KIND_AS_TOPIC)
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
# mentors one has had: « j'ai déjà eu deux mentors », "I've already had three", « ich hatte schon zwei »
_PAST_PLURAL = re.compile(r"(?:j'ai eu|j'ai deja eu|j'avais|i had|i've had|i have had|i've already had|i have already had|"
                          r"i already had|ich hatte(?! gern| lieber)|hatte ich(?! gern| lieber)|tuve|ya tuve|he tenido|ho avuto|ho gia avuto|avevo|tive|"
                          r"ja tive|tinha)\s+(?:\w+\s+){0,3}?mentor")

_P = r"(?:qui|quelqu'un|quelqu'une|qqn|quelqu'un\s+ici|anyone|anybody|someone|somebody|who|alguien|quien|jemand|wer|"
_P += r"irgendwer|qualcuno|chi|alguem|quem)"
# A first-person wish or need: « j'aimerais », "I'd love", « me encantaría », « ich würde mir wünschen », « queria ».
_DESIRE = re.compile(r"(?<!\w)(?:j'aimerais|j'aimerai|je voudrais|je souhaite|je souhaiterais|j'ai envie|on aimerait|"
                     r"nous aimerions|on voudrait|nous voudrions|on cherche|nous cherchons|j'ai besoin|j'aurais besoin|"
                     r"je serais (?:ravie?|preneu(?:r|se)|reconnaissante?)|(?:coup de main|coup de pouce|aide|conseils?|"
                     r"avis|retours?|regards?)\s+(?:bienvenue?s?|apprecie(?:e|s|es)?)|(?:ce )?serait (?:l'|le |un )?(?:top|genial|super|precieux|"
                     r"bienvenue?|d'une grande aide|ideal|parfait|formidable|chouette)|would be (?:great|amazing|lovely|awesome|so helpful|a huge help|ideal|perfect)|"
                     r"i'd love|i would love|i'd like|i would like|i want|i need|we'd love|we need|we'd like|i'd benefit|"
                     r"(?:is it|would it be|est-il|est-ce|serait-il|serait-ce) possible (?:to |d'|de )?(?:get|have|find|"
                     r"be paired|be matched|avoir|trouver|etre mise? en relation)|(?:es|seria|ist es|ware es|e|sarebbe|"
                     r"seria) (?:posible|moglich|possibile|possivel),? (?:tener|encontrar|zu bekommen|avere|trovare|ter|"
                     r"conseguir)|"
                     r"je veux|ich will|voglio|j'(?:aurais|ai) (?:bien |vraiment |tellement |grand |tres )besoin|"
                     # not knowing whom to ask is asking: "I don't even know who to ask", « je ne sais pas à qui… »
                     r"(?:don't|do not|dont) (?:even |really )?know (?:who|whom) to (?:ask|turn to|talk to)|"
                     r"(?:ne )?sais (?:meme )?pas a qui (?:demander|m'adresser|parler)|no se a quien (?:preguntar|acudir)|"
                     r"weiss nicht,? wen ich fragen|non so a chi (?:chiedere|rivolgermi)|nao sei a quem (?:perguntar|"
                     r"recorrer)|i have (?:no one|nobody) to (?:ask|turn to|talk to)|je n'ai personne (?:a qui|pour)|"
                     r"no tengo a (?:quien|nadie)|ich habe niemanden|non ho nessuno|nao tenho ninguem|"
                     r"if only i had|si seulement j'avais|ojala tuviera|wenn ich nur (?:jemanden|einen|eine)|"
                     r"se solo avessi|quem me dera ter|it would (?:really )?help|it'd (?:really )?help|"
                     r"(?:ca|cela) m'aiderait|(?:das )?wurde mir (?:sehr )?helfen|"
                     r"what i (?:really )?need is|all i need is|ce dont j'ai (?:vraiment )?besoin|lo que (?:realmente )?necesito|"
                     r"was ich (?:wirklich )?brauche|quello di cui ho (?:davvero )?bisogno|o que eu (?:realmente )?preciso|"
                     r"i could use|i (?:could|can) (?:really|definitely|honestly|totally|so) use|could really use|"
                     r"i'd (?:really|honestly|just|so|also|truly|very much) (?:love|like|appreciate|benefit)|"
                     r"would (?:really|honestly|so|also|truly|very much) (?:love|like)|"
                     r"il me faut|il me faudrait|il nous faut|il nous faudrait|me hace falta|me haria falta|mi servono|"
                     r"mi servirebbero|me faz falta|me faria falta|ich brauch|brauch ich|"
                     r"^need|need (?:someone|somebody|people|a|an|\d)|i'm hoping|i am hoping|hoping to find|i'd be grateful|i'd appreciate|"
                     r"(?:help|advice|tips|pointers|feedback)\s+(?:welcome|appreciated)|kindly suggest|"
    r"(?:conseils?|consejos?|consigli[o]?|dicas?|tipps?|advice|tips|aide|ayuda|feedback|retours?|avis)\b[^.!?]{0,40}?"
    r"\s(?:bienvenue?s?|welcome|appreciated|bienvenid[oa]s?|benvenut[oa]|bem-vind[oa]s?|willkommen)|"
    r"looking for (?:one|someone|a new one|another one) again|suche (?:ich )?wieder|busco de nuevo|cerco di nuovo|"
    r"procuro de novo|je cherche (?:a|de) nouveau|"
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
                      r"ajudar-me|me mentorar|mentorear(?:me)?|m'accompagne|me guide|me conseille|me suive|me segua|"
                      r"me siga|mich begleitet|me acompane|me acompanhe)(?!\w)")
_MODAL = re.compile(r"(?<!\w)(?:pourrai[st]?|pourrait|peut|peux|voudrai[st]?|voudrait|serai[st]?|serait|aurai[st]?|"
                    r"aurait|veut|dispo|disponible|partante?|could|can|would|will|willing|up for|available|want|wants|"
                    r"podria|puede|quiere|se anima|konnte|kann|hatte|hat lust|lust|zeit|wurde|ware|wuerde|waere|bereit|"
                    r"potrebbe|puo|vuole|fa|farebbe|"
                    r"poderia|pode|quer|topa|rola)(?!\w)")
# Please, and a cry for help as a word of its own ("Help!", « SOS »), not "happy to help" nor « pedir ajuda »
_PLEASE = re.compile(r"🙏|(?<!\w)(?:svp|stp|s'il vous plait|s'il te plait|please|pls|plz|por favor|bitte|per favore|"
                     r"sos|au secours|aidez-moi|socorro)(?!\w)|(?:^|[.!?…:]\s*)(?:help|ayuda|hilfe|aiuto|ajuda|aide)"
                     r"\s*(?:[!?.…]|$)|(?<!\w)(?:help|ayuda|hilfe|aiuto|ajuda)\s*!")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:(?:je|me|moi|mon|ma|mes|i|i'm|i'd|my|yo|mi|mis|ich|mir|mich|mein|meine|io|eu|"
                           r"mio|mia|miei|mie|sono|ho|"
                           r"meu|minha|on|we|nous)(?!\w)|[jm]'(?=\w))")
_THREAD_NUMBER = re.compile(r"^\s*\(?\d{1,2}/\d{1,2}\)?(?![\w/])|(?<![\w/])\(?\d{1,2}/\d{1,2}\)?\s*$")
# An offer put as a question: « quelqu'un aurait besoin d'un mentor ? », "anyone need a mentor?"
_OFFER_QUESTION = re.compile(
    r"(?<!\w)(?:est-ce que\s+)?" + _P + r"(?:\s+(?:ici|here|ai|aqui|hier|qui|out there))?\s+(?:aurait besoin|a besoin|"
    r"cherche(?:rait)?|voudrait un|needs?|is looking|looking for|wants a|busca|necesita|sucht|braucht|cerca|"
    r"ha bisogno|precisa|procura)(?!\w)[^.?!]*|"
    # "who wants a free CV review from me?", « quelqu'un veut profiter de mes 20 ans d'expérience ? »
    r"(?<!\w)" + _P + r"\s+(?:\w+\s+)?(?:veut|voudrait|wants?|quiere|mochte|vuole|quer)\s+[^.?!]*?(?:profiter de mes|"
    r"profiter de mon|from me|de ma part|de mi parte|von mir|da parte mia|de mim|my (?:help|time|experience|advice)|"
    r"mon (?:aide|temps|experience)|mes (?:conseils|\d+ ans))(?!\w)[^.?!]*")
# "¿alguien lo revisa?", « quelqu'un m'aide ? », « qualcuno mi aiuta? »: the appeal, a pronoun, a verb
_APPEAL_CLITIC = re.compile(r"(?<!\w)" + _P + r"\s+(?:me|m'|te|t'|lo|la|le|los|las|nos|mi|ci|ti|mich|mir|uns)"
                            r"(?:\s+|(?<=')\s*)\w+")
# "Anyone?", « Quelqu'un ? », "¿Alguien?": the appeal alone is the question
_BARE_APPEAL = re.compile(r"\W*" + _P + r"(?:\s+(?:ici|here|out there|aqui|hier|qui))?\s*\?+\W*$")
# A person wanted, said after the noun: "accountability partner wanted", « Schreibpartnerin gesucht », « cercasi
# mentore »; one person (plural "mentors wanted" is a programme recruiting)
_WANTED_AFTER = re.compile(
    r"(?<!\w)(?:mentor|mentore|mentora|mentorin|coach|tutor|tutora|tutore|parrain|marraine|binome|buddy|peer|"
    r"\w*partner|\w*partnerin|compagn[oa] di studio|companer[oa] de estudio|parceir[oa] de estudo)\s+(?:wanted|needed|"
    r"sought|recherchee?|demandee?|gesucht|cercasi|buscad[oa]|procurad[oa])(?!\w)|"
    r"(?<!\w)(?:help|aide|advice|conseils|feedback|ayuda|hilfe|aiuto|ajuda|consejos|tipps|consigli)\s+(?:needed|"
    r"wanted|recherchee?s?|bienvenue?s?|gesucht|cercasi|buscad[oa]s?|necesitad[oa]s?|procurad[oa]s?)(?!\w)|"
    r"(?<!\w)(?:cercasi|procura-se|se busca|gesucht\s*:)\s+\w+")
# A question opening on an appeal to others, without a modal: « Qui pour apprendre le piano à deux ? », "Any
# electronics folks out there?", « ¿Alguien se anima a… ? », « Jemand hier, der… ? », « …, wer hört sich… an? »
_OPEN_APPEAL = re.compile(
    r"(?:^|[,;:–—]\s*)\W*(?:#\w+\W+)*(?:(?:bonjour|salut|coucou|slt|hello|hi|hey|hola|hallo|ciao|oi|ola)\W+)?(?:" + _P[3:-1] + r"|des gens|"
    r"des personnes|some|any|des|algun[oa]s|unos|unas|ein paar|qualche|alguns|algumas|people)"
    # "who did it?" asks who, not for someone: « Wer hat sich das ausgedacht ? »
    r"(?!(?:(?<=qui)|(?<=who)|(?<=wer)|(?<=chi)|(?<=quien)|(?<=quem))\s+(?:hat|hatte|war|ist|has|had|was|did|a|avait|"
    r"etait|ha|aveva|era|fue|foi)(?!\w))\s+"
    r"(?!(?:\w+\s+)?(?:ressources|resources|livres|books|outils|tools|liens|links|articles|recursos|libros|buch|"
    r"bucher|libri|livros|videos|cours|courses)(?!\w))(?:[\w'-]+\s+){0,3}?(?:pour|para|per|to|for|um|who|qui|que|"
    r"der|die|che|here|ici|around|out there|aqui|hier|qua|with|avec|con|mit|com|se|sich|me|m'|s'|fur|en|in|em)(?!\w)")
# Someone available, asked: « Un·e pro de la compta dispo pour un café ? », "a designer free for a chat?"
_SOMEONE_AVAILABLE = re.compile(
    r"(?:^|[,;:]\s*)\W*(?:#\w+\W+)*(?:une?|an?|some|uno|una|ein|eine|um|uma|quelqu'un|someone)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:dispo|disponible|available|free|verfugbar|disponibile|disponivel|partante?|up for|willing)(?!\w)")
# A mentor asked for by a bare noun opening a question: "Mentor in UX research?", « Un coaching vite fait pour… ? »
_BARE_WANTED = re.compile(r"^\W*(?:#\w+\W+)*(?:(?:une?|an?|uno|una|ein|eine|um|uma|some)\s+)?(?:mentor\w*|coach|"
                          r"tutor\w*|binome|buddy|study buddy|peer|lernpartner\w*|sparringspartner\w*|guide|guida|"
                          r"guia|hand|mano|mao|advice|tips|conseils?|consejos?|tipps|consigli|dicas|pistes|coaching|"
                          r"accompagnement|mentorat|mentoring|mentoria)\s*(?:[\w'-]+\s+){0,2}?"
                          r"(?:in|for|en|pour|para|fur|per|em|on|sur|about|with|\?)")
# A German question opening on its verb: « Kennt sich hier jemand mit… aus? », « Könnte mir jemand… ? »
_VERB_FIRST_APPEAL = re.compile(r"^\W*(?:#\w+\W+)*(?:kennt sich|kann|konnte|mag|mochte|wurde|ware)\s+(?:\w+\s+){0,2}?"
                                r"(?:jemand|wer|irgendwer|einer|eine)(?!\w)")
# An appeal put as a condition: « si quelqu'un veut… », "if anyone could…", « se qualcuno ha voglia di… »
_CONDITIONAL_APPEAL = re.compile(
    r"(?<!\w)(?:si|if|wenn|se|falls)\s+(?:quelqu'un|qqn|someone|anyone|somebody|alguien|jemand|qualcuno|alguem)\s+"
    r"(?:\w+\s+){0,2}?(?:veut|voudrait|peut|pourrait|wants?|can|could|would|quiere|puede|podria|kann|konnte|mochte|"
    r"vuole|puo|potrebbe|quer|pode|poderia|ha voglia|a envie|tiene ganas|hat lust|tem vontade|se anima|has time|"
    r"a le temps|hat zeit|ha tempo|tiene tiempo|tem tempo)(?!\w)")
# An invitation to join, as a question: « …, ça vous tente ? », "who's in?", « wer macht mit? »
_JOIN_US = re.compile(r"(?<!\w)(?:ca vous (?:tente|dit|interesse)|ca te (?:tente|dit)|qui est partant\w*|who's in|"
                      r"anyone in|interested|os apuntais|te apuntas|wer ist dabei|wer macht mit|chi ci sta|chi si unisce|"
                      r"quem topa|quem se anima|bora)\s*\?")
_WITH_ME = re.compile(r"(?<!\w)(?:with me|avec moi|conmigo|comigo|mit mir|con me)(?!\w)")
# A question for information, not for a person: "anyone know if…", "explain what a circle is", « m'expliquer pourquoi »
_INFORMATION = re.compile(r"(?<!\w)(?:know|sait|savez|sabe|sabeis|weiss|weisst|sa|sapete)\s+(?:if|si|ob|se|whether)"
                          r"(?!\w)|(?<!\w)(?:m'expliquer (?:pourquoi|ce qu|ce que)|explain (?:why|what)|"
                          r"explicar(?:me)? (?:por que|que es|o que e)|erklaren,? (?:warum|was)|spiegar(?:mi)? "
                          r"(?:perche|cos'e))(?!\w)")
# Someone else's words, reported: « Meu mentor disse que eu preciso… », "my mentor told me I need…"
_REPORTED = re.compile(r"(?<!\w)(?:mentor\w*|coach|she|he|elle|il|ella|ele|ela|er|sie|lui|lei|they|ils|elles)\s+"
                       r"(?:\w+\s+)?(?:said|told me|says|tells me|thinks|thought|disse|dijo|me dijo|m'a dit|a dit|disait|"
                       r"pensait|pense|trouve|meinte|meint|findet|fand|cree|creia|pensa|pensava|acha|achou|sagte|"
                       r"hat gesagt|ha detto|mi ha detto|diz|dice|dizia|decia)\s+(?:that\s+|que\s+|qu'|che\s+|dass\s+)?"
                       r"[^.!?]*")
# What is wanted instead, after a kind turned down: "Not reverse mentoring… Just a regular mentor", « eher jemand… »
_INSTEAD = re.compile(r"(?<!\w)(?:just|only|simply|rather|juste|seulement|simplement|plutot|plutôt|eher|nur|einfach|"
                      r"solo|solamente|mas bien|piuttosto|semplicemente|apenas|so|antes)\s+(?:\w+\s+){0,2}?"
                      r"(?:someone|somebody|quelqu'un|qqn|une personne|jemand\w*|alguien|qualcuno|alguem|(?:a|an|un|une|"
                      r"ein|eine|einen|uno|una|um|uma)\s+(?:\w+\s+)?(?:mentor\w*|coach|peer|binome|buddy|partner\w*))"
                      r"(?!\w)")
_CONTRAST = re.compile(r"(?<!\w)(?:but|just|only|mais|juste|seulement|plutot|sino|solo|sondern|nur)(?!\w)")


def _sentence_after(text: str, at: int) -> str:
    return re.split(r"[.!?\n]", text[at:], maxsplit=1)[0]
