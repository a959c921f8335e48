"""Words of working life that name the same thing across the bot's languages without sharing a root, and their
usual short forms (« compta », "docs", « asso »).

Not a list of any community's topics: each group holds generic words only, so a roster topic such as
« comptabilité associative » is met by "the books of our nonprofit" or « contabilidade da associação ». Words that
share a root across languages (électronique / electronics / Elektronik) need no entry: `bot.language.topics` folds
cognates itself. The first word of a group stands for the group.
"""

from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    ("comptabilité", "compta", "comptable", "comptables", "accounting", "accountancy", "bookkeeping", "accounts",
     "contabilidad", "Buchhaltung", "Buchführung", "contabilità", "contabilidade"),
    ("association", "asso", "assos", "assoc", "associatif", "associative", "associatifs", "associatives",
     "nonprofit", "non-profit", "nonprofits", "NGO", "NGOs", "ONG", "charity", "asociación", "asociaciones",
     "Verein", "Vereine", "Vereins", "associazione", "associazioni", "associação", "associações"),
    ("documentation", "doc", "docs", "documenter", "documenting", "document", "documentar", "dokumentieren",
     "Dokumentation", "documentare", "documentazione", "documentação"),
    ("subvention", "subventions", "grant", "grants", "subvención", "subvenciones", "Förderantrag", "Förderanträge",
     "Fördermittel", "Förderung", "sovvenzione", "finanziamento", "bando", "subsídio", "subsídios", "edital"),
    ("bénévole", "bénévoles", "bénévolat", "volunteer", "volunteers", "volunteering", "voluntario", "voluntarios",
     "voluntaria", "voluntariado", "Ehrenamt", "Ehrenamtliche", "Ehrenamtlichen", "ehrenamtlich", "Freiwillige",
     "Freiwilligen", "volontario", "volontari", "volontariato", "voluntário", "voluntários", "voluntariado"),
    ("communication", "comm", "comms", "com", "comunicación", "Kommunikation", "comunicazione", "comunicação"),
    ("numérique", "digital", "digitale", "digitales", "digitaler", "digitalen", "numérico", "digitale"),
    ("plaidoyer", "advocacy", "incidencia", "Lobbyarbeit", "Interessenvertretung", "advocacy"),
    ("recrutement", "recruter", "recruit", "recruiting", "recruitment", "reclutamiento", "reclutar",
     "Rekrutierung", "rekrutieren", "gewinnen", "reclutamento", "reclutare", "recrutamento", "recrutar"),
    ("gouvernance", "governance", "gobernanza", "Governance", "governança"),
    ("réparation", "réparer", "repair", "repairs", "repairing", "reparación", "reparar", "Reparatur", "reparieren",
     "riparazione", "riparare", "reparo", "conserto", "consertar"),
    ("bibliothèque", "médiathèque", "library", "libraries", "biblioteca", "Bibliothek", "Bücherei"),
    ("atelier", "ateliers", "workshop", "workshops", "taller", "talleres", "Werkstatt", "laboratorio", "oficina",
     "oficinas"),
    ("animation", "animer", "facilitation", "facilitate", "facilitating", "facilitar", "moderieren", "Moderation",
     "facilitare", "facilitação", "dinamizar"),
    ("données", "data", "datos", "Daten", "dati", "dados"),
    ("ouvertes", "ouvert", "ouverte", "ouverts", "open", "abiertos", "abierto", "offen", "offene", "aperti",
     "aperto", "abertos", "aberto"),
    ("fonds", "funds", "funding", "fundraising", "fondos", "Spenden", "Fundraising", "fondi", "raccolta",
     "recursos", "captação"),
    ("impression", "printing", "print", "impresión", "Druck", "drucken", "stampa", "impressão"),
    ("menuiserie", "woodworking", "carpintería", "Tischlerei", "falegnameria", "marcenaria"),
    ("couture", "sewing", "costura", "Nähen", "cucito"),
    ("soudure", "welding", "soldering", "soldadura", "Schweißen", "Löten", "saldatura", "solda"),
    ("carte", "cartes", "map", "maps", "mapa", "mapas", "Karte", "Karten", "mappa", "mappe"),
    ("formation", "training", "capacitación", "Schulung", "Weiterbildung", "formazione", "capacitação"),
    ("emploi", "job", "jobs", "empleo", "trabajo", "Stelle", "lavoro", "emprego"),
    ("trésorerie", "trésorier", "trésorière", "treasurer", "treasury", "tesorero", "tesorera", "Kassenwart",
     "Schatzmeister", "tesoriere", "tesoureiro", "tesoureira"),
)
