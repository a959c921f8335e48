"""The kind of accompaniment wanted: reverse, peer, coaching or mentoring, from kind words by their role
(negated, or naming a topic, they say nothing) and from signals (deadlines, preparation, ages, togetherness)."""

from __future__ import annotations

import re

from bot.language.understanding.signals import _KIND_AS_TOPIC, _KINDS, _STRONG_COACHING
from bot.language.understanding.text import _negated, _pattern

_N = r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|dix|quinze|one|two|three|four|five|ten|dos|tres|cuatro|diez|zwei|drei|"
_N += r"vier|zehn|due|tre|quattro|dieci|dois|duas|tres|quatro|dez|una|uno|um|uma|a|an|einer|einem)"
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
    r"(?:by|avant|d'ici|bis|entro|antes de|ate) (?:" + _MONTH_NAMES + r")|(?:for )?the next \d+ (?:weeks|days)|"
    r"(?:les|dans les) \d+ prochaines semaines|las proximas \d+ semanas|die nachsten \d+ wochen|"
    r"le prossime \d+ settimane|as proximas \d+ semanas|goal\s*:|objectif\s*:|objetivo\s*:|ziel\s*:|obiettivo\s*:",
    r"(?:next|prochaine?|proxima|prossima|nachste[nrs]?|naechste[nrs]?)\s+(?:week|month|semaine|mois|semana|settimana|woche|monat|"
    + _DAY + r")", r"(?:semaine|mois|semana|settimana)\s+(?:prochaine?|que vem|prossima|proxima|que viene|entrante)",
    r"apres-demain|pasado manana|ubermorgen|uebermorgen|dopodomani|depois de amanha",
    r"(?:fin|debut|mi|mid|end of|early|late|finales de|principios de|mediados de|ende|anfang|mitte|fine|inizio|meta|"
    r"final de|inicio de|meados de)[\s-]*(?:" + _MONTH_NAMES + r")",
    r"(?:dans|in|tra|fra|en|em|daqui a|within|sous|dentro de|innerhalb von|entro)\s+" + _N + r"\s+(?:jours?|semaines?|days?|weeks?|dias?|semanas?|"
    r"tagen?|wochen?|giorni|giorno|settimane|settimana|mois|months?|meses|mesi|mese|monaten?)", r"(?:dans|in|within)\s+(?:a|un|une)\s+"
    r"(?:month|mois|week|semaine|fortnight|quinzaine)|sous quinzaine|in a fortnight",
    r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])|(?<![\d.])\d{1,2}\.\d{1,2}\.(?!\d)",
    r"(?:le|the|on the|el|am|il|o dia|el dia|no dia|du|au)\s+\d{1,2}(?:er|st|nd|rd|th|o|º)?(?:\s+(?:of\s+)?(?:" + _MONTH_NAMES + r"))?"
    r"(?![\s-]*(?:years?|yrs|ans|anos|anni|jahre|jahrige|-year))",
    r"fin (?:du|de) mois|fin de mes|fine (?:del )?mese|end of (?:the|this) month|ende des monats|monatsende|"
    r"fim do mes|final do mes",
    r"\d{1,2}(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?(?:" + _MONTH_NAMES + r")", r"(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2}",

    r"deadline|echeance|date limite|d-day|jour j|due (?:on |by )?(?:\w+day|tonight|tomorrow)|d'ici (?:la(?! fin de l'annee| fin d'annee| rentree)|" + _DAY + r"|\w+ prochain)",
    r"before (?:then|the \d+|" + _DAY + r")", r"avant (?:le \d+|" + _DAY + r")", r"by (?:" + _DAY + r")",
    r"cette semaine|this week|esta semana|essa semana|nesta semana|diese woche|questa settimana|ce week-end|this weekend|"
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
    r"look at my|take a look|have a look|check my|jeter un (?:oeil|coup d'oeil)|un coup d'oeil|echar(?:le)? un vistazo|"
    r"mal draufschauen|dare un'occhiata|dar uma olhada|"
    r"concours|defen[cs]es?|defending|viva|mock|role-?play|jeu de role|simulations?|simus?|simulacoes|simulacao|"
    r"simulaciones|simulacion|ensayar(?:la)?|ensaiar|"
    r"repeter|rehearse|rehearsal|probeinterview|probe|vortrag|konferenzvortrag|vorstellungsgesprach|colloquio|"
    r"charla|apresentacao|apresentar|apresento|dossier|candidature|application|cover letter|essay|negotiation call|"
    r"salary expectations|offre a signer|contrat|relire|review my|look at it|read it|tcc|prove|prova|simulazione|"
    r"simulazioni|business plan|take-home|demos?|premiers jours|first \d+ days|30 premiers jours|onboarding|"
    r"prepare|preparer|me preparer|get ready|vorbereiten|vorbereitung|verteidigen|preparar|preparare|prep|entrevista|prufung|pruefung|"
    r"concurso|oposiciones|selectividad|abitur|maturita|vestibular|enem|bac|partiels?|exams?|audition|casting|"
    r"jury|grand oral|demo day|hackathon",
)
_SHORT = _pattern(
    r"juste une|just one|one-off|one off|une seance|une ou deux|one or two|quick|rapide|ponctuel(?:le)?|puntual|kurz|"
    r"einmal|quelques seances|accompagnement court|court et precise?|courte duree|short and (?:focused|sweet)|"
    r"corto y concreto|breve e mirato|curto e objetivo|kurz und knapp|\d-\d fois|une fois|just once|once|two mock|deux seances|cible|ciblee?|targeted|"
    r"court terme|short-term|short term|a couple of sessions|quelques sessions|une ou deux sessions|qualche simulazione|"
    r"una o due|uma ou duas|ein oder zwei|una sesion|una sessione|uma sessao|eine sitzung",
)
_LONG = _pattern(r"pour la vie|a vie|for life|forever|per la vita|per sempre|de por vida|para toda la vida|furs leben|"
                 r"fur immer|para sempre|pour toujours|pas presse|pas pressee|no rush|no hurry|nothing urgent|sin prisa|keine eile|senza fretta|"
                 r"sem pressa|pas urgent|not urgent|sur la duree|sur le long terme|long terme|long-term|long term|ongoing|plusieurs mois|a few months|"
                 r"several months|a largo plazo|langfristig|a lungo termine|longo prazo|une fois par mois|once a month|"
                 r"every month|chaque mois|toute l'annee|all year|first year|premiere annee|primer ano|erstes jahr|ersten jahr|"
                 r"primo anno|primeiro ano|(?:the|my) whole (?:year|journey)|das ganze jahr|todo el ano|tutto l'anno|"
                 r"o ano todo|durante el curso|for the year|pour l'annee")
# (a hashtag names the trigger: « non merci #mentorat » negates no mentoring)
_LONG_MENTORING = re.compile(r"(?<![\w#])(?:mentorat|mentoring|mentorship|mentor|mentore|mentora|mentorin|mentori|"
                             r"mentoren|mentores|accompagnement|mentoria|mentoría)(?!\w)")
_YOUNG = _pattern(
    r"jeunes?|plus jeunes?|younger|youngest|young|juniors?|students?|etudiante?s?|stagiaires?|interns?|bootcamp grad|"
    r"doctorante?s?|doctorand[oa]s?|dottorand[oa]|doktorand\w*|phd students?|grad students?|doutorand[oa]s?|gen z|generation z|20-25 ans|digital natives?|newer in their career|moins de bouteille|"
    r"less experienced|moins experimentee?s?|jungere?s?|junger|referendar\*?innen|referendare?|azubis?|"
    r"studierende|giovani|giovane|specializzando|specializzanda|stagista|tirocinante|jovenes|joven|becarios?|"
    r"becarias?|practicantes?|jovens?|estagiarios?|estagiarias?|novatos?|novatas?|niece|neveu|nephew|kids|"
    r"nouvelle generation|new generation|next generation|generation [yz]|millennials?|young people|"
    r"young professionals|youth|jeunes pousses|junge|jungen|junges|junge leute|ragazz[ie]|chicos|chavales|"
    r"nova geracao|nuova generazione|nueva generacion|neue generation|\d+ ans de moins|half my age|"
    r"la moitie de mon age|petits-enfants|grandkids|grandchildren|nietos|enkel|nipoti|netos|"
    r"mais nov[oa]s?|mais jovens?|mas joven(?:es)?|piu giovan[ie]",
    r"teenagers?|teens|ados|adolescent(?:e)?s|adolescentes|jugendliche[n]?|adolescenti|jungere[mnrs]?|jungsten?|"
    r"jovem|azubine?n?|ragazz[oaie]|(?:tiktok|instagram|snapchat|gen z) generation|generation (?:tiktok|alpha)|"
    r"(?:moins de|under|menos de|unter|sotto i) \d{2}(?: ans| anos| anni| jahren?| years)?|"
    r"(?:1[4-9]|2\d)[- ]year[- ]olds?|(?:de|of|von|di) (?:1[4-9]|2\d) (?:ans|anos|anni|jahren|years)|"
    r"en practicas|alumn[oa]s|(?:en moyenne|moyenne d'age de|average age(?: of)?|durchschnittlich|in media|em media|"
    r"de media|on average) 2\d(?: ans| years| anos| anni| jahre)?|"
    r"appena arrivat[oa]|recien llegad[oa]|new hires?|nouvelles? recrues?|jeunes? diplomee?s?|recien egresad[oa]s?|"
    r"(?:qui|who|que|der|die|che)\s+(?:\w+\s+){0,2}?(?:debute|commence|vient de commencer|just started|"
    r"is just starting|starting out|acabe de empezar|acaba de empezar|empieza|anfangt|appena iniziato|"
    r"ha appena cominciato|sta iniziando|acabou de comecar|esta comecando|comece)",
)
# Young words that name the asker's public, not the person wanted: « éducatrice de jeunes enfants », "I work with kids"
_AUDIENCE_AFTER = re.compile(r"^\w*\s+(?:\w+\s+)?(?:enfants|children|kids|ninos|kinder|bambini|criancas|enfance|"
                             r"pupils|eleves|patients)(?!\w)")
_AUDIENCE_BEFORE = re.compile(r"(?<!\w)(?:work with|working with|travaille avec|trabajo con|arbeite mit|lavoro con|"
                              r"trabalho com|teach|enseigne a|j'enseigne a|accompagne des|i coach|i mentor|avec les|with the|con los|"
                              r"con las|mit den|con i|com os|com as|aux|to the|for the|pour les|para los|fur die|"
                              r"per i)\s+"
                              r"(?:\w+\s+){0,2}$")
_SENIOR = _pattern(
    r"\d{2} ans|\d{2} years old|i'm \d{2}|i am \d{2}|j'ai \d{2} ans|\d{2} anni|\d{2} anos|\d{2} jahre|"
    r"depuis (?:\d+|longtemps|trente|vingt|quinze) ans|depuis longtemps|for \d+ years|\d+ years (?:as|of|in)|"
    r"(?:fifteen|twenty|thirty) years|senior|soixantaine|cinquantaine|bientot \d+ ans|retired|retraitee?|jubilad[oa]|"
    r"pensioniert|pensionat[oa]|aposentad[oa]|directeur|directrice|director|directora|direktor(?:in)?|direttore|"
    r"diretor|diretora|chef de service|principal|head of|\d+ ans de|\d+ years of|seit \d+ jahren|da \d+ anni|"
    r"hace \d+ anos|ha \d+ anos|schulleiterin|schulleiter|primario|average age \d+|moyenne d'age|board of|"
    r"experienced|veteran|veterane|vieux de la vieille|agee?|older|plus agee?|boomers?|grand-mere|grand-pere|"
    r"grandma|grandpa|decennies|decades|jahrzehnte|decenni|decadas|old school|a l'ancienne|in my [4-7]0s|"
    r"old (?:man|woman|lady|guy|timer)|vieux|vieille|viej[oa]|alte[rn]? (?:mann|frau)|vecchi[oa]|velh[oa]|"
    r"ans de carriere|years in|years of experience|ans d'experience|anos de experiencia|jahre erfahrung|"
    r"anni di esperienza|fin de carriere|end of my career|near retirement|close to retirement|"
    r"bientot a la retraite|retirees?|a la retraite|en retraite|rentner(?:in)?|im ruhestand|in pensione|"
    r"en la jubilacion|na reforma|aposentadoria",
    r"(?:nach|after|apres|tras|dopo|depois de|llevo|j'ai|ho|tengo|tenho) \d{2} (?:jahren|years|yrs|ans|anos|anni)|"
    r"(?:for|since) \d{2} (?:yrs|years)|\d{2} (?:yrs|years) (?:as|of|in)|cto|ceo|cfo|coo|vp|pdg|chief|"
    r"caporedattore|redacteur en chef|editor in chief|chefredakteur\w*|dirijo|je dirige|dirigo|i run an?|i lead an?",
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
    r"aprender|entender|mi spiegasse|mi mostrasse|me ensenara|me ensenase|me ensenes|mi insegnasse|an die hand nehmen|me forment|me formen|"
    r"me mettent a niveau|mentored by|coached by|taught by|accompagnee? par|me montrent|me expliquen|mir zeigt|"
    r"mir \w+ zeigt",
)
_SELF = re.compile(r"(?<!\w)(?:je suis|i'm|i am|im|as a|en tant que|soy|ich bin|sono|sou|we're|we are|nous sommes|"
                   r"on est|bin|final year|mentor|mentorer|accompagner|coacher|guide|help|aider|gerer|manage|managing|"
                   r"gestire|encadrer|former|train|training|lead|leading|supervise|superviser)\s+(?:\w+\s+){0,2}$")
_PEER = _pattern(
    r"des pairs|de pairs|avec des pairs|cercle de pairs|groupe de pairs|study partners?|learning partners?|"
    r"study group|practice group|groupe d'entraide|groupe d'ecriture|groupe de travail|groupe d'apprentissage|"
    r"accountability|tandem|dupla|duo de revision|duo|compi|companer[oa]s?|compagn[oa] di studio|parceir[oa]s?|"
    r"each other|l'un l'autre|mutuellement|on se motive|on se lit|on s'encourage|voneinander|gegenseitig|a vicenda|"
    r"uns aos outros|el uno al otro|gegenseitig\w*|auf meinem (?:stand|niveau)|at my stage|a mon stade|"
    r"nos damos feedback|same stage|meme stade|au meme stade|at our level|at my level|"
    r"a mi nivel|mismo nivel|mismo ritmo|al mismo ritmo|auf augenhohe|gleiches niveau|stesso livello|mesmo nivel|"
    r"de igual (?:pra|para|a) igual|entre iguales|sans hierarchie|aucune hierarchie|sin jerarquia|no hierarchy|"
    r"personne n'est l'expert|nobody is the expert|sans prof|pas de prof|sem professor|senza maestr[oi]|"
    r"anyone else (?:learning|studying|grinding|doing|preparing|working)|d'autres (?:juniors|personnes|etudiant\w*)|"
    r"other (?:new|junior|new-ish)|andere \w+ innen|andere|"
    r"(?:alguem mais|alguien mas)(?! (?:experient\w*|experimentad\w*|velh\w*|viej\w*|jove\w*|nov[oa]s?|senior|"
    r"sabi\w*|avancad\w*|avanzad\w*|grande|mayor|madur\w*))|quelqu'un d'autre qui|"
    r"we could pair|pair once|learn together|learning together|grow together|wir lernen zusammen|"
    r"zusammen lernen|gemeinsam|imparare insieme|aprender juntos|aprender juntas|apprendre ensemble|"
    r"on apprend ensemble|qu'on apprenne ensemble|progresser ensemble|s'entraider|entraide|lernpartner(?:in)?|"
    r"binome|binomes|en binome|peer mentoring|peer-to-peer|peer to peer|a peer|peers|pair up|study buddy|buddies|"
    r"buddy|entre pairs|pair a pair|entre pares|entre iguais|tra pari|alla pari|mentorat croise|skill swap|"
    r"co-mentoring|comentoring|meme niveau|same level|de mon niveau|du meme niveau|avancer ensemble|"
    r"move forward together|support each other|se soutenir|entre debutant(?:e)?s|fellow learners?|"
    r"other beginners|d'autres debutant(?:e)?s|quelqu'un comme moi|people like me|dans la meme situation|"
    r"in the same boat|same situation|meme situation|misma situacion|gleichen situation|stessa situazione|"
    r"mesma situacao|s'echangent|s'entraident|se relisent|(?:deux|two|dos|zwei|due|dois|duas) \w+ "
    r"(?:debutante?s|beginners|principiantes|anfanger\w*|iniciantes)|gleichaltrig\w*|du meme age|same age|(?:someone|people|others|quelqu'un|des gens|"
    r"des personnes|alguien|gente|jemand\w*|leute|qualcuno|persone|alguem|pessoas)\s+(?:of\s+|de\s+|da\s+|in\s+)?"
    r"(?:my age|mon age|mi edad|meinem alter|della mia eta|minha idade)|(?:together|ensemble|juntos|juntas|zusammen|gemeinsam|insieme)\b[^.?!]{0,40}(?:lernen|lerne|"
    r"uben|studieren|apprendre|learn|aprender|imparare)|igual que yo|just like me|tout comme moi|genau wie ich|proprio come me|assim como eu|"
    r"co-apprentissage|colearning|co-learning|study circle|cercle d'etude|groupe d'etude|"
    r"grupo de estudio|lerngruppe|gruppo di studio|grupo de estudos|mastermind|intervision|intervision|"
    r"co-developpement|codeveloppement|peer group",
    # learning side by side: « à deux », "both beginners", "who's also starting", « on se relit », « aprendemos juntas »
    r"a deux(?! (?:semaines|jours|mois|ans|heures|minutes|pas|reprises|doigts))|zu zweit|in coppia|em dupla|"
    r"des deux cotes|both (?:of us )?(?:beginners|new)|on both sides|de ambos lados|auf beiden seiten|dos dois lados|"
    r"(?:qui|who|que|der|die|che)\s+(?:\w+\s+)?(?:debute|commence|apprend|starts|is starting|'s starting|"
    r"is learning|empieza|aprende|anfangt|lernt|inizia|impara|comeca|aprende)\s+(?:\w+\s+)?(?:aussi|also|too|"
    r"tambien|auch|anche|tambem)|(?:also|aussi|tambien|auch|anche|tambem) (?:starting|learning|new to|debutante?|"
    r"principiante|anfanger\w*|iniciante)|debutante? aussi|iniciante tambem|"
    r"une? autre (?:\w+\s+)?debutante?s?|another (?:\w+\s+)?(?:beginner|learner|newbie)|otr[oa] (?:\w+\s+)?"
    r"principiante|eine? andere[rn]? (?:\w+\s+)?anfanger\w*|un altr[oa] (?:\w+\s+)?principiante|outr[oa] "
    r"(?:\w+\s+)?iniciante|(?:pour|pour qu'on|to|para) (?:se|s'|nous|on se) (?:motiver|relire|echanger|"
    r"entrainer|corriger)|se faire des (?:retours|critiques)|on se relit|qu'on s'echange|motivate each other|"
    r"keep each other|comentarnos\w*|corregirnos|motivarnos|uns (?:gegenseitig|motivieren)|motivarci|correggerci|"
    r"nos motivar|aprendemos juntos|aprendemos juntas|ao mesmo ritmo|same-level|par de estud(?:o|io)|binomio|"
    r"dupla de estudo|a egalite|on equal footing|"
    r"(?:learn|learning|study|studying|build|practice|progress|apprendre|etudier|progresser|avancer|pratiquer|"
    r"aprender|estudiar|practicar|estudar|lernen|uben|imparare|studiare|praticare)\b[^.?!]{0,40}(?:together|"
    r"ensemble|juntos|juntas|zusammen|gemeinsam|insieme)|(?:study|learn|estudar|aprender|estudiar|apprendre|etudier|"
    r"reviser|lernen|studiare|imparare)\b[^.?!]{0,30}(?:with me|avec moi|conmigo|comigo|mit mir|con me)(?!\w)",
)


_STARTING = _pattern(r"retour au travail|je reprends|back to work|return to work|i return|vuelvo al trabajo|torno al lavoro|"
                     r"volto ao trabalho|je rentre|i join|je rejoins|prise de poste|je prends mon poste|nouveau poste|"
                     r"new job|fange\w* (?:ich )?an|anfangen|"
                     r"i start|i'm starting|i am starting|i begin|i'm beginning|je commence|je debute|empiezo|comienzo|"
                     r"ich beginne|beginne ich|ich fange|fange ich|inizio|comincio|comeco|vou comecar")
_BEFORE_STARTING = re.compile(r"(?<!\w)(?:before|avant (?:de|que)|antes de|bevor|prima di)\s+(?:\w+\s+){0,2}$|"
                              r"(?<!\w)(?:before|avant (?:de|que)|antes de|bevor|prima di)\s+(?:i|je|j'|que je)\s*"
                              r"(?:start|commence)\w*\s+(?:\w+\s+)?$")
_OTHERS = re.compile(r"(?<!\w)(?:other|others|d'autres|autres|otr[oa]s|anderen?|altri|altre|outr[oa]s)\s+$")
_EITHER = re.compile(r"(?<!\w)mentor\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?coach|"
                    r"(?<!\w)coach\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?mentor")


# Kinds one has tried before name no kind wanted now: "I've done peer circles before", « j'ai déjà fait du coaching »
_TRIED = re.compile(r"(?<!\w)(?:i've done|i have done|i did|i've tried|i tried|j'ai fait|j'ai deja fait|j'ai essaye|"
                    r"j'ai deja essaye|j'ai teste|hice|probe|ya hice|ho fatto|ho provato|ho gia fatto|fiz|tentei|ja fiz|"
                    r"ich habe schon|ich hab schon|hatte schon)\s+(?:[\w'-]+\s+){0,3}?(?:peer[\w -]*|pairs|binome\w*|"
                    r"coaching|coach\w*|mentorat inverse|reverse[\w -]*)")
# A mentor wanted, by name: it outweighs learning together read between the lines ("…is there a mentor who'd…")
_A_MENTOR = re.compile(r"(?<!\w)(?:a|an|un|une|uno|una|ein|eine|einen|um|uma)\s+(?:\w+\s+)?(?:mentor|mentore|mentora|"
                       r"mentorin)(?!\w)")


def _masked(cue_text: str) -> str:
    """`cue_text` with kind words that name a topic blanked out: « feedback entre pairs », "become a coach"."""
    masked = cue_text
    for start, end in [m.span() for m in _TRIED.finditer(cue_text)] + [s[:2] for s in _KIND_AS_TOPIC.spans(cue_text)]:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    if re.search(r"(?<!\w)(?:devenir|become|becoming|werden|diventare|tornar-me|convertirme en)\s+(?:une?\s+|a\s+)?"
                 r"(?:\w+\s+)?coach", cue_text):
        masked = re.sub(r"(?<!\w)coach\w*", lambda m: " " * len(m.group()), masked)
    return masked


def _unnegated(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if not _negated(text, m.start())]


# "…, but a mentor is what I need", « un binôme, pourquoi pas, mais ce qu'il me faut c'est une mentore »
_BUT = re.compile(r"(?<!\w)(?:but|mais|pero|sino|aber|sondern|ma|mas|however|cependant|toutefois|sin embargo)(?!\w)")
_MENTOR_WORD = re.compile(r"(?<![\w#])(?:mentor|mentore|mentora|mentorin|mentorat|mentoring|mentorship|mentoria)(?!\w)")


def _kinds_named(masked: str) -> set[str]:
    found = {label for start, _, label in _KINDS.spans(masked) if not _negated(masked, start)}
    if any(not _negated(masked, m.start()) for m in _MENTOR_WORD.finditer(masked)):
        found.add("mentoring")
    return found


def _after_contrast(masked: str) -> str | None:
    """The part after "but" when both sides name a different kind: what is asked for is said last."""
    for m in reversed(list(_BUT.finditer(masked))):
        before, after = _kinds_named(masked[:m.start()]), _kinds_named(masked[m.end():])
        if before - {"mentoring"} and after and not after & before:
            return masked[m.end():]
    return None


def _young(masked: str) -> list[re.Match[str]]:
    """Younger people named, but the asker themself, "other juniors" (peers) and the public one works with."""
    return [m for m in _unnegated(_YOUNG, masked) if not _SELF.search(masked[max(0, m.start() - 40):m.start()])
            and not _OTHERS.search(masked[max(0, m.start() - 12):m.start()])
            and not _AUDIENCE_AFTER.match(masked[m.end():m.end() + 30])
            and not _AUDIENCE_BEFORE.search(masked[max(0, m.start() - 40):m.start()])]


def detect_kind(cue_text: str) -> str:
    """Reverse, peer, coaching or (by default) mentoring, from the kind words by their role and from signals."""
    masked = _masked(cue_text)
    after = _after_contrast(masked)
    if after is not None:
        return detect_kind(after)
    found = {label for start, end, label in _KINDS.spans(masked) if not _negated(masked, start)}
    young = _young(masked)
    if "reverse" in found:
        return "reverse"
    # peers named beat a reverse read between the lines: « d'autres étudiant·es… pas de prof, juste des pairs »
    if "peer" in found or (_unnegated(_PEER, masked) and not _unnegated(_A_MENTOR, masked)):
        return "peer"
    if young and (_SENIOR.search(masked) or _TEACH_ME.search(masked)):
        return "reverse"
    strong = any(not _negated(masked, s) for s, _, _ in _STRONG_COACHING.spans(masked)) \
        and not _EITHER.search(masked)  # « un mentor ou un coach »: either will do, nothing short asked
    preparation, short = (bool(_unnegated(p, masked)) for p in (_PREPARATION, _SHORT))
    # a start is no deadline: "I start as a team lead next month", « el lunes empiezo »
    deadline = any(not _STARTING.search(masked[max(0, m.start() - 45):m.end() + 30])
                   or _BEFORE_STARTING.search(masked[max(0, m.start() - 40):m.start()])
                   for m in _unnegated(_DEADLINE, masked))
    # "not reverse mentoring" turns down a reverse, not a long accompaniment
    other_kinds = [(s, e) for s, e, label in _KINDS.spans(masked) if label in ("reverse", "peer")]
    not_long = any(_negated(masked, m.start()) for m in _LONG_MENTORING.finditer(masked)
                   if not any(s <= m.start() < e for s, e in other_kinds)) \
        or any(_negated(masked, m.start()) for m in _LONG.finditer(masked))
    long_wanted = bool(_unnegated(_LONG, masked))
    soon = bool(_unnegated(_SOON, masked))
    if strong or not_long or (not long_wanted and (deadline or ((preparation or short) and soon)
                                                   or (preparation and short))):
        return "coaching"
    return "mentoring"
