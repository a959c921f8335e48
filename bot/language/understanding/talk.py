"""Signs that a post talks about mentoring rather than asks for it: offers, questions about the bot, polls,
thanks, announcements, lessons, jokes; each with its weight against a request."""

from __future__ import annotations

import re

from bot.language.understanding.phrases import PATTERNS
from bot.language.understanding.recruiting import _MENTORS_FOR_AN_EVENT
from bot.language.understanding.signals import (_OFFER_QUESTION, _PERSONA_JOKE, _RESOLVED, _THANKS_DONE, _WISH_FOR_THE_WORLD,
                                                 _WISH_TO_TELL)

# Someone else seeking, said plainly: « Ma sœur cherche une mentore », "a friend is looking for…", « Un mio amico
# cerca… », « Uma amiga procura… »: the asking words of that clause are not the poster's (not "wants me to find…")
SOMEONE_ELSE = re.compile(
    r"(?<!\w)(?:ma|mon|my|mi|mein|meine|il mio|la mia|meu|minha|une|un|a|an|una|uno|eine|ein|einer|uma|um|mio|mia)\s+"
    r"(?:\w+\s+)?(?:collegue|ami|amie|soeur|sœur|frere|cousin|cousine|niece|neveu|fille|fils|friend|colleague|sister|"
    r"brother|son|daughter|kid|amigo|amiga|hermana|hermano|hija|hijo|freundin|freund|kollegin|kollege|schwester|bruder|"
    r"tochter|sohn|amico|amica|collega|sorella|fratello|figlia|figlio|irma|irmao|filha|filho|partner|partenaire|mari|"
    r"husband|wife|compagne|compagnon|marido|esposa|esposo|marito|moglie|coloc|colocataire|roommate|flatmate|"
    r"mitbewohner|mitbewohnerin|coinquilino|coinquilina|chat|chien|chienne|cat|dog|gato|gata|perro|perra|"
    r"katze|kater|hund|gatto|gatta|cane|cachorro|cadela)(?!\w)(?:\s+[\w']+){0,2}?\s+"
    r"(?:cherche|recherche|voudrait|aimerait|a besoin|aurait besoin|reve de|is looking|looking for|wants|needs|would like|"
    r"dreams of|suena con|traumt von|sogna di|sonha em|busca|"
    r"necesita|quiere|sucht|braucht|mochte|cerca|vuole|vorrebbe|ha bisogno|procura|precisa|quer|queria)(?!\w)"
    r"(?!\s+(?:me|moi|que je|qu'on|i|mich|mir|que yo|que eu|che io|dass ich)(?!\w))[^.?!;]*")

# Someone asked to guide a third person: "can anyone mentor her?", « quelqu'un pourrait la mentorer ? », « ¿alguien
# podría ayudarla? », « kann jemand ihr helfen? »; or a request relayed: "asking for a colleague", « je relaie »
SOMEONE_ELSE_GUIDED = re.compile(
    r"(?<!\w)(?:anyone|anybody|someone|somebody|quelqu'un|qqn|alguien|jemand|qualcuno|alguem)(?!\w)[^.?!]{0,40}?"
    r"(?<!\w)(?:(?:mentor|help|guide|coach|support|advise|teach) (?:her|him)|(?:la|le|l') ?(?:mentorer|guider|conseiller|"
    r"coacher|aider|former|epauler)|(?:mentorear|ayudar|guiar|orientar|aconsejar|aiutar|seguir|guidar|consigliar|ajuda|"
    r"orienta|mentora|guia)-?(?:la|lo)|(?:ihr|ihm) (?:helfen|zeigen)|(?:sie|ihn) (?:begleiten|mentoren|beraten|coachen))"
    r"(?!\w)|(?<!\w)(?:asking for (?:a|my) (?:friend|colleague|coworker|co-worker)|je demande pour (?:une?|mon|ma) "
    r"(?:amie?|collegue)|je relaie|pregunto por (?:una?|mi) (?:amig[oa]|colega)|frage fur (?:eine?n?|meine?n?) "
    r"(?:freundin|freund|kollegin|kollegen)|chiedo per (?:una?|il mio|la mia) (?:amic[oa]|collega)|pergunto por "
    r"(?:uma?|meu|minha) (?:amig[oa]|colega))(?!\w)")

_AGAINST = tuple((re.compile(p), w) for p, w in (
    (_OFFER_QUESTION.pattern, 3.0),
    # learners taken on or invited, advice to others, a thing asked for, a programme's call (phrases.yaml)
    *((PATTERNS[name], w) for name, w in (("mentees_taken", 3.0), ("advice_to_others", 2.0),
                                          ("resource_question", 2.5), ("programme_call", 3.0),
                                          ("why_so_hard", 2.0), ("research_participants", 3.0),
                                          ("thing_sought", 1.5), ("kinds_need_kinds", 2.0), ("debate_opened", 2.0),
                                          ("day_event", 3.0), ("practice_questioned", 2.0),
                                          ("thing_traded", 2.0), ("need_doubted", 3.0),
                                          ("need_put_off", 1.0), ("treat_needed", 2.5))),
    (r"(?<!\w)(?:j'ai du temps|j'ai un peu de temps|i have time|i've got time|tengo tiempo|me sobra tiempo|"
     r"ich habe zeit|ho tempo|tenho tempo)(?!\w)", 2.0),
    (r"(?<!\w)(?:le conseiller a|le recommander a|recommend it to|share it with|recomendarlo|recomendarselo|"
     r"empfehlen|segnalarlo|consigliarlo|recomenda-lo|indicar para)(?!\w)", 1.5),
    (r"(?<!\w)(?:me queda|me sobra|tengo (?:un )?hueco|ho un posto|abri|j'ai un creneau|j'ai de la place|"
     r"il me reste|i have (?:a |one |two )?(?:spot|slot|space|room)s?|ich habe (?:noch )?(?:einen )?platz|"
     r"tenho (?:uma )?vaga|ho (?:ancora )?posto)(?!\w)", 2.0),
    # what one runs or gives: a workshop to come to, or one to prepare for (« j'anime une table ronde samedi »)
    (r"(?<!\w)(?:j'anime|i run|je donne)(?!\w)", 1.0),
    # someone else's need, said first: « je recrute une mentore pour ma fille », "a mentor for my son"
    (r"(?<!\w)(?:pour|for|para|fur|per)\s+(?:ma|mon|my|mi|mein\w*|il mio|la mia|meu|minha)\s+(?:\w+\s+)?(?:fille|"
     r"fils|ami|amie|soeur|frere|niece|neveu|son|daughter|friend|sister|brother|kid|kids|hijo|hija|sohn|tochter|"
     r"figlio|figlia|filho|filha|enfants|children)(?!\w)|(?<!\w)(?:je recrute|i'm recruiting|recluto|ich rekrutiere)"
     r"(?!\w)", 2.5),
    # someone else's need: « ma collègue aurait besoin », "my son wants a mentor"
    (r"(?<!\w)(?:ma|mon|my|mi|mein|meine|il mio|la mia|meu|minha)\s+(?:\w+\s+)?(?:collegue|fils|fille|ami|amie|soeur|"
     r"frere|cousin|cousine|niece|neveu|friend|son|daughter|colleague|partner|sister|brother|kid|hijo|hija|amigo|"
     r"amiga|sohn|tochter|freund|freundin|kollegin|kollege|figlio|figlia|amico|amica|collega|filho|filha)(?!\w)"
     r"[^.?!]{0,60}(?:besoin|voudrait|cherche|needs|wants|is looking|necesita|quiere|braucht|sucht|vuole|precisa|quer)",
     2.5),
    # someone else's search, said plainly: « Ma sœur cherche une mentore », « Eine Freundin sucht… »
    (SOMEONE_ELSE.pattern, 2.5),
    # someone asked to guide a third person, or a request relayed
    (SOMEONE_ELSE_GUIDED.pattern, 2.5),
    # questions about the bot or the programme, not for oneself
    (r"(?<!\w)(?:(?:ce|le|the|this|el|il|o|der|das|este|questo)\s+bot|hashtag|ce compte|this account|"
     r"#?mentorat\s+(?:est|funciona|is|risponde|ist|marche)|(?:can|could) i (?:be|sign up|register) as|"
     r"kann ich mich|dá pra|da pra|is it possible to be|est-il possible d'etre|es posible ser|curious how|"
     r"sign up as a mentor|register as a mentor|m'inscrire (?:comme|en tant que) mentor|"
     r"(?:als|comme|as)\s+mentor(?:in|e)?\s+(?:eintragen|inscrire|sign up)|what happens if|que se passe-t-il si|comment ca marche|how does (?:it|this) work|"
     r"wie lauft|wie laeuft|(?:come|como) funciona(?!\s+(?:una?|el|la|los|las|il|lo|gli|o|a|os|as|um|uma)\s)|vous faites comment|vous etes combien|how do you (?:all )?)"
     r"(?!\w)", 2.0),
    (r"(?<!\w)(?:je ne cherche plus|i'm not looking|i am not looking|je ne cherche pas|"
     r"i don't want a mentor|don't need a mentor|je n'ai pas besoin d'un)(?!\w)", 2.0),
    # becoming a mentor, or mentors (« devenir mentor·es pour des étudiant·es ? », « Mentor:innen werden »)
    (r"(?<!\w)(?:devenir|become|becoming|werden|diventare|diventate|convertirme en|convertirse en|convertiros en|"
     r"tornar-me|me tornar|tornar-se|se tornar|tornarem-se|se tornarem|ser)\s+(?:une?\s+|a\s+|des\s+)?"
     r"(?:mentor|mentore|mentora|mentorin|mentor·e|mentors|mentores|mentoras|mentori|mentorinnen)(?!\w)|"
     r"(?<!\w)(?<!mein )(?<!meine )mentor(?:in|innen|:innen|\*innen|en)?\s+"
     r"(?:(?!(?:um|damit|bis|und|oder|weil|wenn|als)\s)[\w'-]+\s+){0,4}?(?:zu\s+)?werden(?!\w)", 3.0),  # a coach is a trade one may want help into
    # a general truth, not one's own need: "mentors need mentors too", « tout le monde a besoin d'un mentor »
    (r"(?<!\w)(?:mentors|mentores|mentoras|mentori|mentoren|everyone|everybody|we all|tout le monde|on a tous|"
     r"nous avons tous|todos|todo el mundo|alle|jeder|tutti|toda a gente)\s+(?:\w+\s+)?(?:need|needs|a besoin|"
     r"ont besoin|avons besoin|necesita|necesitan|necesitamos|braucht|brauchen|ha bisogno|hanno bisogno|abbiamo bisogno|"
     r"precisa|precisam|precisamos)(?!\w)|(?<!\w)(?:let's talk about|parlons-en|parlons de|hablemos de|"
     r"reden wir uber|parliamone|falemos sobre)(?!\w)", 1.5),
    (r"(?<!\w)(?:vous etes|you are|you're|are you|are there any|y a-t-il des|il y a des)\s+(?:une?\s+|a\s+)?mentors?(?!\w)",
     2.0),
    # polls, surveys and questions about mentoring in general, to the community
    (r"(?<!\w)(?:your favou?rite|vos meilleure?s|vos astuces|vos conseils pour|collecting|je collecte|je rassemble|"
     r"sondage|poll|survey|encuesta|umfrage|sondaggio|enquete|frage an die runde|question a la communaute|question pour la communaute|question for the|"
     r"pregunta para|domanda per|how long does|combien de temps dure|wie lange dauert|cuanto dura|quanto dura|"
     r"what do you call|vous en pensez quoi|what do you think|qu'en pensez-vous|creat(?:eurs|ors) (?:de|of)|"
     r"qui s'en occupe|who runs|who's behind|qui est derriere)(?!\w)", 1.5),
    # a wish about the world, not for oneself: « j'aimerais qu'il y ait plus de mentors », "I wish there were"
    (r"(?<!\w)(?:j'aimerais (?:bien )?qu'il y ait|je voudrais qu'il y ait|i wish there were|i'd love (?:to see )?more|"
     r"ojala hubiera|ich wunschte,? es gabe|vorrei che ci fossero|queria que houvesse)(?!\w)", 3.0),
    # one's own content and musings: « je fais un thread sur… », « je pose ça là », "as a mentor, I…"
    (r"(?<!\w)(?:(?:je fais|je prepare|je publie|je lance|i'm writing|i'll post|i'm doing|i'm starting|estoy haciendo|"
     r"ich schreibe|sto scrivendo|estou fazendo|estou escrevendo|escribo)\s+(?:gerade\s+)?(?:un|une|a|an|mon|my|un|"
     r"einen|ein|uma|um|un)\s+(?:thread|fil|hilo|serie|series|article|articulo|artikel|articolo|artigo|billet|guide|"
     r"post|blog ?post|beitrag)|je pose ca la|just asking|question existentielle|debat du jour|"
     r"(?:pour|for|para|fur|per)\s+(?:un|une|an?|einen|ein|uno?|uma?)\s+(?:article|articulo|artikel|articolo|artigo|"
     r"blog ?post|podcast episode|episode)|curious how (?:others|you|people)|how others did it|"
     r"how did (?:you|everyone) (?:all )?find|comment vous avez (?:trouve|fait)|(?:thinking of|planning to|"
     r"about to|going to|envisage d'|je pense|pienso|penso di|penso em)\s*(?:writing|write|ecrire|escribir|"
     r"schreiben|scrivere|escrever)|would you read|vous liriez|liriez-vous|leeriais|leggereste|voces leriam)(?!\w)",
     1.5),
    # organising a programme, resources wanted: "my company is starting a mentoring program… any resources?"
    (r"(?<!\w)(?:(?:starting|launching|designing|design|setting up|set up|running|lancer|lance|monter|monte|"
     r"mettre en place|organiser|organise|creando|montando|aufbauen|starten|avviare|criar|montar)\s+(?:\w+\s+){0,2}"
     r"(?:mentoring|mentorship|mentorat|mentoria|mentoring-)\s*(?:program|programme|programm|scheme|cohort|initiative)|"
     r"(?:programme|programa|programma) de (?:mentorat|mentoria|mentoring)|"
     r"(?:any|des|quelques|algun[oa]s|irgendwelche|qualche|alguns|algumas)\s+(?:good\s+|bonnes\s+)?(?:resources|"
     r"ressources|recursos|ressourcen|risorse|reading|lectures)\s*\?)", 2.0),
    # the "me: / also me:" joke, and what one asked in the past
    (r"(?<!\w)(?:also me|moi aussi|aussi moi|tambien yo|ich auch|anche io|eu tambem)\s*:|"
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
    (r"(?<!\w)(?:places limitees|limited spots|platze begrenzt|plaetze begrenzt|plazas limitadas|posti limitati|"
     r"vagas limitadas|lien d'inscription|registration link|appel a candidatures|"
     r"candidatures ouvertes|applications open|apply now|postulez|convocatoria|ausschreibung|bando|edital|"
     r"evenement|event|rendez-vous le|en direct|live le|live on|atelier gratuit|free workshop|meetup le)(?!\w)", 1.5),
    # listicles and tips: « 5 conseils pour… », "3 things I learned"
    (r"(?<!\w)(?:\d+|trois|cinq|dix|three|five|ten)\s+(?:conseils|astuces|lecons|choses|tips|lessons|things|pistes|ways|"
     r"consejos|lecciones|tipps|dinge|consigli|lezioni|dicas|licoes)(?!\w)|(?<!\w)(?:astuce|tip|conseil|rappel)\s*:",
     1.5),
    # a mentor speaking as one, stories of one's mentor, posts to mentors or mentees, one's own writing
    (r"(?<!\w)(?:i've been mentoring|i have been mentoring|been mentoring|as someone who mentors|when i mentor|"
     r"my (?:former|old|first|best) mentor|my mentor (?:said|says|taught|always|used to|gave|helped|once)|"
     r"(?:mon|ma) (?:ancien|ancienne|premier|premiere)? ?mentor(?:e)? (?:m'a(?! (?:conseille|suggere|recommande|"
     r"encourage|pousse|dit de))|me disait|disait|dit toujours)|"
     r"dear mentees|to all mentees|aux mentore(?:e)?s|if you're a mentor|if you are a mentor|si vous etes mentor|"
     r"si tu es mentor|fellow mentors|i wrote about|i just published|je viens de publier|j'ai ecrit (?:un|une)|"
     r"new post|nouveau billet|what's your|what is your|what would you|quel est votre|quels sont vos|"
     r"what advice would you give|quel conseil donneriez|friendly reminder|psa|til)(?!\w)|"
     r"^\W*(?:(?:aux|to all|to|a los|a las|an die|ai|alle|aos|as|q for|question for|question aux)\s+)?"
     r"(?:mentors|dear mentors|chers mentors|cheres mentores|mentores|mentoren|mentori)\s*[,:]|(?<!\w)(?:petit retour|retour sur|"
     r"mon bilan|je me demande si|question aux|i wonder if|i've been thinking|j'ai ete mentore|i was mentored)(?!\w)",
     1.5),
    # a free event one gives, and who wants to come: « Je donne un atelier gratuit samedi, qui veut venir ? »
    (r"(?<!\w)(?:je donne|j'anime|je propose|i'm giving|i'm running|i'm hosting|i give|i host|doy|imparto|organizo|"
     r"ich gebe|ich leite|ich veranstalte|organizzo|conduco|dou|organizo)\s+[^.?!]{0,40}?(?:gratuit\w*|free|gratis|"
     r"kostenlos\w*)(?!\w)|(?<!\w)(?:qui veut|who wants to|who'd like to|quien quiere|wer will|wer mochte|chi vuole|"
     r"quem quer)\s+(?:venir|come|join|kommen|mitkommen|venire|vir)(?!\w)", 2.0),
    # one's own guide, shared: "Here's my guide to finding a mentor", « Ho scritto una guida… »
    (r"(?<!\w)(?:here's my|here is my|voici mon|voici ma|aqui esta mi|hier ist mein|ecco la mia|ecco il mio|aqui esta o meu|"
     r"aqui esta a minha)\s+(?:\w+\s+)?(?:guide|guia|guida|leitfaden|article|post|blog|zine|thread|fil|hilo|articulo|"
     r"artikel|articolo|artigo)|(?<!\w)(?:ich habe (?:einen|ein|eine) \w+ geschrieben|ho scritto (?:una|un) |he escrito "
     r"(?:una|un) |escrevi (?:um|uma) |i wrote (?:a|an) |j'ai redige)", 2.0),
    # experiences collected: "Has anyone here ever done mentoring by email? How did it go?"
    (r"(?<!\w)(?:(?:has|have) (?:anyone|anybody|someone|any of you)(?: here| else)? (?:ever |already )?(?:done|tried|"
     r"used|had|been)|how did it go|comment ca s'est passe|que tal fue|como fue|wie war's|wie war es|com'e andata|"
     r"como foi)(?!\w)", 2.0),
    (r"😂|🤣|😆|🙃|🤡|😹|🤪|😜|😝|i'll see myself out|(?<!\w)(?:lol|mdr|ptdr|haha\w*|jaja\w*|xd)(?!\w)", 1.0),
    # a joke by comparison: « mon imprimante en a plus besoin que moi », "my cat needs one more than I do"
    # (a need compared, not knowledge: « mes élèves en savent plus que moi » is a reverse ask)
    (r"(?<!\w)(?:besoin|need|needs|necesita|braucht|bisogno|precisa)\b[^.?!]{0,30}(?:plus|more|mas|mehr|piu|mais)\b"
     r"[^.?!]{0,40}(?:que moi|than me|than i do|que yo|als ich|di me|que eu)(?!\w)|(?<!\w)(?:plus|more|mas|mehr|piu|"
     r"mais)\b[^.?!]{0,40}(?:besoin|need|needs|necesita|braucht|bisogno|precisa)\b[^.?!]{0,30}(?:que moi|than me|"
     r"than i do|que yo|als ich|di me|que eu)(?!\w)", 2.0),
    # the "me: … / also me: …" joke, as a whole
    (r"^\W*(?:me|moi|yo|ich|io|eu)\s*:[^\n]*\n?.*(?:also me|moi aussi|aussi moi|moi encore|tambien yo|ich auch|"
     r"anche io|"
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
    # recruiting: volunteers wanted, in the plural, by a programme: "we're looking for volunteer mentors"
    (r"(?<!\w)(?:(?:volunteer|benevoles?|voluntari[oa]s|volontari[e]?|voluntarias?|ehrenamtliche|freiwillige)\s+"
     r"(?:mentor\w*|coach\w*)|(?:mentor\w*|coach\w*)\s+(?:benevoles?|volunteers?|voluntari[oa]s|volontari|"
     r"voluntarias?|ehrenamtlich\w*)|(?:we're|we are|nous|on|estamos|wir|stiamo|cerchiamo|buscamos|procuramos|"
     r"recherchons|cherchons|recrutons)\s+(?:\w+\s+){0,2}(?:recruiting|recrutons|recrute|reclutando|recrutando|"
     r"rekrutieren|suchen|cerchiamo|buscamos|procuramos|cherchons|recherchons)\s+(?:\w+\s+){0,2}?"
     r"(?:mentors|mentores|mentoras|mentori|mentoren|mentorinnen|mentor\w*\s+(?:et|and|y|und|e)\s+mentor\w*)"
     r"(?!\s+(?:" + PATTERNS["own_group"] + r")))(?!\w)", 3.0),  # (not for one's own association: that asks)
    # the need met, or thanked for: « c'est bon pour moi », "all sorted, found a mentor", « gracias por enseñarme »
    (_RESOLVED.pattern, 2.0),
    (PATTERNS["organisation_recruiting"], 3.0),
    (PATTERNS["giving_back"], 2.5),
    (_THANKS_DONE.pattern, 2.0),
    (_WISH_TO_TELL.pattern, 2.0),  # « je voudrais remercier ma mentore »
    (_PERSONA_JOKE.pattern, 3.0),  # "Me, at 3am: I need a mentor. Also me, at 9am: I need coffee"
    (_WISH_FOR_THE_WORLD.pattern, 3.0),  # « j'aimerais qu'on parle plus de mentorat »
    # a free place offered: "two free mentoring slots", « j'ai deux places libres », « me quedan dos plazas »
    (r"(?<!\w)(?:free|open|spare)\s+(?:mentoring\s+|mentorship\s+)?(?:spots?|slots?|places?)(?!\w)|"
     r"(?<!\w)(?:spots?|slots?|places?|plazas?|platze|plaetze|posti|posto|vagas?)\s+(?:\w+\s+){0,2}?(?:libres?|"
     r"disponibles?|left|open|frei|liber[oi]|livres?|disponiveis|disponivel)(?!\w)|(?<!\w)(?:mentoring|mentorship)\s+"
     r"(?:spots?|slots?)(?!\w)", 2.5),
    # a call to write, to the many: « écrivez-moi », "reply below 👇", « escribidme », « schreibt mir »
    (r"(?<!\w)(?:ecrivez-moi|ecrivez moi|contactez-moi|contactez-nous|ecrivez-nous|contact us|escribenos|schreibt uns|"
     r"scriveteci|contattateci|fale conosco|reply below|just reply|reply here|escribidme|escribanme|"
     r"schreibt mir|meldet euch|scrivetemi|contattatemi|me escrevam|falem comigo|infos? (?:en|par|per|via) "
     r"(?:mp|dm|pn)|more info (?:by|via|in) dm|mas info|details on|plus d'infos|mehr infos)(?!\w)", 1.5),
    # an event: who may come, what is on, where to meet: "open to all", « sans inscription », "Agenda:"
    (r"(?<!\w)(?:open to (?:all|everyone|everybody)|ouvert a (?:tous|toutes)|abierto a tod[oa]s|offen fur alle|"
     r"aperto a tutti|aberto a todos|no registration|sans inscription|sin inscripcion|ohne anmeldung|senza iscrizione|"
     r"sem inscricao)(?!\w)", 1.5),
    (r"(?<!\w)(?:qui vient|qui sera la|who's coming|who is coming|who else is going|anyone else going|anyone going|"
     r"wer kommt|chi viene|quien viene|quien va|quem vai|quem vem|meetup|meet-up|quedada|stammtisch)(?!\w)", 1.5),
    (r"(?<!\w)(?:agenda\s*:|au programme\s*:|ordre du jour|tagesordnung|bring (?:a|your) \w+\s*!|venez avec|"
     r"meets? (?:again|every|on|next)|se reunit|se retrouve (?:le|chaque|jeudi|lundi|mardi|mercredi|vendredi))(?!\w)",
     1.5),
    # questions about the programme and its mentors, not for oneself: "Do mentors here get paid?"
    (r"^\W*(?:#\w+\W+)*(?:do|does|are|is|can|will|should|les|est-ce que les|los|die|i|os)\s+(?:the\s+)?"
     r"(?:mentors?|mentores|mentoras|mentoren|mentori)\s|(?<!\w)(?:get paid|are paid|paid hours|remuneres?|"
     r"remunerees?|payes|benevoles ou|volunteering hours|pagados|bezahlt|pagati|remunerados|sont-ils|sont-elles)"
     r"(?!\w)|(?<!\w)asking for (?:our|my|the) (?:hr|team|company|instance|admin|boss|school|employer)", 2.0),
    # a mentor's own settings, asked of the bot: topics, languages, timezone, profile, the roster, commands
    (r"(?<!\w)(?:roster|commandes|commands|comandos|befehle|comandi|profil de mentor\w*|mentor profile|"
     r"perfil de mentor\w*|mentorenprofil|profilo da mentore|(?:mon|ma|mes|my|mi|mis|mein|meine|meinen|il mio|"
     r"la mia|i miei|meu|minha|meus)\s+(?:fuseau horaire|timezone|time zone|zona horaria|zeitzone|fuso orario|"
     r"fuso horario|sujets de mentor\w*|mentoring topics)|(?:changer|modifier|change|update|cambiar|cambio|andern|"
     r"aendern|modificare|cambiare|mudar|alterar)\s+(?:mes|my|mis|meine|i miei|meus|minhas)\s+(?:sujets|topics|"
     r"langues|languages|idiomas|temas|themen|sprachen|lingue|argomenti|disponibilites|availability|capacite|"
     r"capacity))(?!\w)", 2.0),
    # people sought for one's event or group: "looking for speakers for our meetup", « on recherche des intervenants
    # pour notre journée », « buscamos participantes para el taller »
    (r"(?<!\w)(?:looking for|seeking|recherche|recherchons|cherche|cherchons|buscamos|busca|suchen|sucht|cerchiamo|"
     r"cerca|procuramos|procura)\s+(?:(?:des|de|new|more|some|nouveaux|nouvelles|noch|neue|nuovi|nuove|novos|novas|"
     r"nuevos|nuevas)\s+)?(?:\w+\s+)?(?:speakers|intervenant\w*|conferencier\w*|ponentes|referent\w*|relatori|"
     r"palestrantes|members|membres|miembros|mitglieder|membri|membros|participants|participantes|teilnehm\w*|"
     r"partecipanti|inscrit\w*|benevoles|volunteers|voluntari\w*|volontari|freiwillige|animat\w*|facilitat\w*)"
     r"\s+(?:for|pour|para|fur|per|a|au)\s+(?:our|notre|nos|nuestro|nuestra|nuestros|unser\w*|il nostro|la nostra|"
     r"i nostri|o nosso|a nossa|os nossos|the|le|la|el|den|die|das|il|o)(?!\w)", 2.0),
    # mentors sought, in the plural, for an event or a programme one runs (recruiting.py)
    (_MENTORS_FOR_AN_EVENT.pattern, 2.5),
    # leaving the roster, asked of the bot: « comment me retirer de la liste ? », "how do I unsubscribe?"
    (r"(?<!\w)(?:(?:me|se|nous) (?:retirer|desinscrire|desabonner|enlever)|quitter la liste|sortir de la liste|"
     r"leave the (?:list|roster|programme|program)|(?:remove|take) me (?:off|from)|unsubscribe|opt out|"
     r"dar(?:me|se) de baja|salir de la lista|borrarme|(?:mich )?austragen|von der liste|cancellarmi|togliermi|"
     r"uscire dalla lista|disiscrivermi|sair da lista|(?:me )?descadastrar)(?!\w)", 2.0),
    # experiences asked for, not a person: « Retours d'expérience bienvenus », "Experiences welcome"
    (r"(?<!\w)(?:retours? d'experiences? (?:bienvenu\w*|apprecie\w*)|vos retours d'experience|experiences? (?:welcome|"
     r"appreciated|wanted)|share your experiences?|se agradecen (?:experiencias|testimonios)|experiencias bienvenidas|"
     r"erfahrungsberichte (?:willkommen|erwunscht)|erfahrungen willkommen|esperienze (?:benvenute|gradite)|"
     r"relatos bem-vindos|experiencias bem-vindas)(?!\w)", 2.0),
    # only reading for now: "just lurking", « pour l'instant je lis », « de momento solo leo »
    (r"(?<!\w)(?:just lurking|lurking for now|pour l'instant je (?:lis|lurke|regarde|observe)|je lurke|"
     r"de momento (?:solo )?(?:leo|miro|observo)|por ahora (?:solo )?(?:leo|miro|observo)|lese (?:nur )?mit|"
     r"per ora (?:leggo|osservo)|leggo e basta|por enquanto (?:so )?(?:leio|observo))(?!\w)", 1.5),
    # a need doubted aloud: "Do you really need a mentor to learn SEO?", « ¿De verdad hace falta un mentor? »
    (r"(?<!\w)(?:(?:de verdad|realmente|en serio) hace falta|(?:do|does) (?:you|we|one|anyone|people) (?:really|actually) "
     r"need|faut-il vraiment|a-t-on vraiment besoin|on a vraiment besoin|braucht man wirklich|brauchst du wirklich|"
     r"serve davvero|c'e davvero bisogno|precisa mesmo|e preciso mesmo|precisamos mesmo)(?!\w)", 3.0),
    # mentoring offered, reverse mentoring too: "happy to reverse-mentor any exec", « ravie de mentorer »
    # (not an appeal: "anyone happy to mentor a junior?")
    (r"(?<!anyone )(?<!anybody )(?<!someone )(?<!somebody )(?<!who's )(?<!whos )(?<!who is )(?<!\w)(?:happy|glad|available|here) "
     r"to (?:reverse[- ]?)?(?:mentor|coach)(?!\w)(?!\s+me(?!\w))", 3.0),
    # a debate put to the community: « Vous pensez qu'on peut… ? », "Do you think…?", « ¿Creéis que… ? »
    (r"(?<!\w)(?:vous pensez qu|tu penses qu|pensez-vous qu|do you (?:all |guys |folks )?think|do y'all think|"
     r"crees que|creeis que|creen que|glaubt ihr|denkt ihr|meint ihr|pensate che|secondo voi|voces acham|"
     r"o que acham|curieu(?:x|se) d'avoir vos|curious to hear (?:your|what)|curious what (?:you|others))", 3.0),
    # words about words: "the difference between a mentor and a coach"
    (r"(?<!\w)(?:difference|diferencia|diferenca|unterschied|differenza)\s+(?:\w+\s+)?(?:between|entre|zwischen|"
     r"tra|fra)(?!\w)", 2.0),
    # offering to tell: « Je vous raconte ? », "want me to share?", « ¿os cuento? »
    (r"(?<!\w)(?:je vous (?:raconte|explique|en parle|partage)|vous voulez que je|want me to (?:share|write|tell)|"
     r"shall i (?:share|tell|write)|should i write|os cuento|les cuento|soll ich (?:euch )?(?:erzahlen|berichten)|"
     r"vi racconto|conto-vos|querem que eu conte)(?!\w)", 2.0),
    # what one's mentor said, remembered: « Meu mentor disse que eu preciso… », « Mi mentor me dijo que… »
    (r"(?<!\w)(?:mon|ma|my|mi|mein|meine|il mio|la mia|meu|minha)\s+(?:\w+\s+)?(?:mentor\w*|coach)\s+(?:\w+\s+)?"
     r"(?:m'a dit|disait|a dit|dit|said|told|says|tells|dijo|dice|decia|sagte|hat gesagt|sagt|ha detto|diceva|disse|"
     r"diz|dizia)(?!\w)(?!\s+(?:me\s+)?(?:to|de|d'|di|a|para)\s+(?:ask|post|find|look|chercher|trouver|poster|"
     r"demander|buscar|preguntar|cercare|chiedere|procurar|perguntar))", 2.5),  # (but advised to ask here)
    # one's first or former mentor, remembered, in every language
    (r"(?<!\w)(?:mon|ma|my|mi|mein|meine|meinen|meiner|il mio|la mia|meu|minha)\s+(?:ancien\w*|premier|premiere|"
     r"former|old|first|primer|primera|antigu[oa]|erste[nrm]?|ehemalige[nrm]?|primo|prima|vecchio|vecchia|primeiro|"
     r"primeira|antig[oa])\s+(?:mentor\w*|coach)|(?<!\w)(?:me enseno|mi ha insegnato|hat mir beigebracht|"
     r"m'a enseigne)(?!\w)", 2.0),
    # a mentor needed to find (or be) a mentor: the joke of recursion
    (r"(?<!\w)mentor\w*[^.!?]{0,40}(?:find|be|get|choose|trouver|etre|encontrar|finden|trovare|ser)\s+(?:a\s+|an\s+|"
     r"un\s+|une\s+|my\s+|mon\s+)?mentor\w*", 2.0),
    # to mentors about their mentees: "When your mentee…", « Quand ta mentorée… »
    (r"(?<!\w)(?<!be )(?<!etre )(?:your|ton|ta|tes|votre|vos|tu|tus|vuestr[oa]s?|dein|deine|eure[nr]?|il tuo|la tua|"
     r"vostr[oaie]|teu|tua|seu|sua|seus|suas|vossos|vossas|aos|as suas|os seus)\s+(?:\w+\s+)?(?:mentees?|mentorees?|"
     r"mentores?|mentoras?|mentorin|mentorinnen|mentoren|mentori|mentorad[oa]s?|mentoread[oa]s?|mentorizad[oa]s?|"
     r"mentorati|mentorata)(?!\w)|(?<!\w)mentor\w*\s+de\s+(?:voces|vos|ustedes)(?!\w)", 2.0),
    # questions about the bot itself: where it works, whether it answers
    (r"(?<!\w)(?:works?|marche|fonctionne|funciona|funktioniert|funziona)\s+(?:\w+\s+)?(?:with|from|on|avec|depuis|sur|"
     r"con|desde|en|mit|von|auf|da|su|com|em|no|na)\s+(?:\w+\s+)?(?:mastodon|pixelfed|friendica|misskey|akkoma|pleroma|"
     r"gotosocial|firefish|sharkey|calckey|peertube|lemmy|bluesky|threads)(?!\w)|(?<!\w)(?:du|au|from the|of the|"
     r"del|vom|dal|do|al)\s+bot(?!\w)|(?<!\w)(?:j'attends une reponse|still waiting for (?:a|an|any) (?:answer|reply|"
     r"match)|sigo esperando|warte (?:immer noch|seit)|sto ancora aspettando|ainda estou esperando)", 2.0),
    # a feeling put to the community: "does anyone else find it weird…?", « je suis la seule à… ? »
    (r"(?<!\w)(?:(?:does )?anyone else (?:find|feel|think|hate|love|get|struggle)|(?:alguien mas|alguem mais|"
     r"mais alguem|qualcun altro|jemand anderes|quelqu'un d'autre) (?:piensa|cree|siente|acha|pensa|denkt|findet|"
     r"pense|trouve)|am i the only one|suis-je la seule|"
     r"suis-je le seul|je suis (?:la|le) seule? a|quelqu'un d'autre (?:trouve|pense|deteste)|soy (?:la|el) unic[oa]|"
     r"bin ich (?:die|der) einzige|sono (?:l'unica|l'unico)|sou (?:a|o) unic[oa])(?!\w)", 2.0),
    # a concept explained, a story collected: "explain why everyone talks of…", "Looking for stories:"
    (r"(?<!\w)(?:m'expliquer (?:pourquoi|ce qu|ce que|comment fonctionne)|explain (?:why|what|how the)|"
     r"explicar(?:me)? (?:por que|que es)|erklaren,? (?:warum|was)|spiegar(?:mi)? (?:perche|cos'e)|"
     r"explicar(?:-me)? (?:por que|o que e)|readme|la doc|the docs|documentation)(?!\w)|(?<!\w)(?:looking for|"
     r"je cherche|cherche|je recherche|busco|buscamos|suche|suchen|cerco|cerchiamo|procuro|procuramos)\s+(?:des\s+|"
     r"de\s+)?(?:stories|testimonials|temoignages|testimonios|historias|erfahrungsberichte|testimonianze|storie|"
     r"depoimentos|historias|examples|exemples|people to interview|personnes a interviewer)(?!\w)", 2.0),
    # organising a programme: « Je prépare un programme… », "how long did your mentoring take?"
    (r"(?<!\w)(?:je prepare|je monte|je lance|i'm building|i'm designing|i'm setting up|we're setting up|"
     r"estoy preparando|estoy montando|ich baue|sto preparando|estou preparando)\s+(?:un|une|a|an|our|notre|einen|ein|"
     r"uno|una|um|uma)\s+(?:\w+\s+)?(?:programme|program|programa|programm|programma|cohort|cohorte|dispositif)|"
     r"(?<!\w)(?:combien de temps vous a|how long did (?:it|your|you)|cuanto tiempo os|wie lange hat euer|"
     r"quanto tempo vi ha|quanto tempo levou)(?!\w)", 2.0),
    # how one finds a mentor, in general: « Wie findet man einen Mentor? », "how does one find a mentor?"
    (r"(?<!\w)(?:(?:how to (?:find|get)|comment trouver)\s+(?:a|an|your|one|un|une|son|sa|ton|ta)\s+(?:\w+\s+)?(?:mentor\w*|coach)|wie findet man|wie finde ich|comment trouve-t-on|comment on trouve|how does one|how do people find|"
     r"how do you find|como se encuentra|como encontrar|come si trova|come trovare|como se encontra)(?!\w)", 1.5),
    (r"(?<!\w)(?:anyone know|does anyone know|quelqu'un sait|alguien sabe|weiss jemand|qualcuno sa|alguem sabe)\s+"
     r"(?:if|si|ob|se|whether)(?!\w)", 1.5),
    # a programme short of mentors, calling them: "We need more mentors in nursing! Consider joining"
    (r"(?<!\w)(?:we need|we're short of|nous avons besoin de|on a besoin de|il nous faut|necesitamos|wir brauchen|"
     r"abbiamo bisogno di|precisamos de)\s+(?:more\s+|plus de\s+|mas\s+|mehr\s+|piu\s+|mais\s+)?(?:\w+\s+)?(?:mentors|"
     r"mentores|mentoras|mentoren|mentorinnen|mentori|benevoles|volunteers|voluntarios)(?!\w)|(?<!\w)(?:consider "
     r"joining|rejoignez-nous|unete|uneteos|macht mit|unisciti|junte-se)(?!\w)", 3.0),
    # a past ask, remembered, and what it changed: « vor einem Jahr habe ich … gesucht », "it changed everything"
    (r"(?<!\w)(?:(?:habe|hatte) (?:ich )?(?:[\w'-]+\s+){0,4}gesucht|a year ago|il y a (?:un|deux|\d+) ans|"
     r"hace un ano|vor einem jahr|un anno fa|ha um ano|hat alles verandert|a tout change|changed everything|"
     r"lo cambio todo|ha cambiato tutto|mudou tudo)(?!\w)", 1.5),
    # calls to sign up: an announcement's end
    (r"(?<!\w)(?:apply|sign up|register now|join our|rejoignez notre|unete a nuestr[oa]|inscrivez-vous|inscris-toi|postulez|candidatez|inscribete|apuntate|"
     r"meldet euch|bewerbt euch|iscriviti|iscrivetevi|candidatati|inscreva-se|inscrevam-se|candidate-se)(?!\w)", 1.5),
    # a resource asked for, not a person: "does anyone know a good book about mentoring?"
    (r"(?<!\w)(?:know|recommend|suggest|connait|connaissez|conseillez|recommandez|conoce|conoceis|recomienda|"
     r"kennt|empfehlt|conosce|consigliate|conhece|recomenda)\s+(?:a|an|any|un|une|des|de|uno?|una|einen?|"
     r"gute[ns]?|um|uma)?\s*(?:good|great|bon|bonne|buen[oa]?|gute[ns]?|buon[oa]?|bom|boa)?\s*(?:books?|livres?|"
     r"libros?|bucher|buch|libri|libro|livros?|articles?|articulos?|artikel|resources?|ressources?|recursos?|"
     r"tools?|outils?|herramientas?|courses?|cours|cursos?|kurse?|corsi|videos?|newsletters?|templates?|modeles?)"
     r"(?!\w)", 2.5),
))
