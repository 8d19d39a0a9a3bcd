"""Values of the filters every search offers, whatever the category.

Seller level, seller language, seller country and delivery time (R-SRCH-3, R-SRCH-4).
"""

from __future__ import annotations

from facets.model import DEFAULT_LANG, Choice, Lang, choices

# A package's price, in US dollar cents: what a budget filter ranges over (the catalog's
# rules take these for a package's price, the search's for a budget).
MIN_PRICE_CENTS = 500  # R-MON-1: a basic service can cost $5
MAX_PRICE_CENTS = 10_000_000

# Lowest to highest: the order is used to show and compare levels.
SELLER_LEVELS: tuple[Choice, ...] = choices(
    ("new", "Nouveau prestataire", "New seller"),
    ("level_1", "Niveau 1", "Level 1"),
    ("level_2", "Niveau 2", "Level 2"),
    ("top_rated", "Top Rated", "Top Rated"),
)

# ISO 639-1 codes.
LANGUAGES: tuple[Choice, ...] = choices(
    ("fr", "Français", "French"),
    ("en", "Anglais", "English"),
    ("es", "Espagnol", "Spanish"),
    ("de", "Allemand", "German"),
    ("it", "Italien", "Italian"),
    ("pt", "Portugais", "Portuguese"),
    ("ar", "Arabe", "Arabic"),
    ("nl", "Néerlandais", "Dutch"),
    ("wo", "Wolof", "Wolof"),
    ("ln", "Lingala", "Lingala"),
    ("bm", "Bambara", "Bambara"),
    ("sw", "Swahili", "Swahili"),
    ("mg", "Malgache", "Malagasy"),
    ("ht", "Créole haïtien", "Haitian Creole"),
    ("ro", "Roumain", "Romanian"),
    ("pl", "Polonais", "Polish"),
    ("ru", "Russe", "Russian"),
    ("tr", "Turc", "Turkish"),
    ("zh", "Chinois", "Chinese"),
    ("ja", "Japonais", "Japanese"),
    ("vi", "Vietnamien", "Vietnamese"),
    ("hi", "Hindi", "Hindi"),
)

PROFICIENCIES: tuple[Choice, ...] = choices(
    ("basic", "Notions", "Basic"),
    ("conversational", "Courant", "Conversational"),
    ("fluent", "Bilingue", "Fluent"),
    ("native", "Langue maternelle", "Native"),
)

# ISO 3166-1 alpha-2 codes.
COUNTRIES: tuple[Choice, ...] = choices(
    ("FR", "France", "France"),
    ("BE", "Belgique", "Belgium"),
    ("CH", "Suisse", "Switzerland"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("MC", "Monaco", "Monaco"),
    ("CA", "Canada", "Canada"),
    ("MA", "Maroc", "Morocco"),
    ("DZ", "Algérie", "Algeria"),
    ("TN", "Tunisie", "Tunisia"),
    ("SN", "Sénégal", "Senegal"),
    ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
    ("CM", "Cameroun", "Cameroon"),
    ("MG", "Madagascar", "Madagascar"),
    ("BJ", "Bénin", "Benin"),
    ("BF", "Burkina Faso", "Burkina Faso"),
    ("ML", "Mali", "Mali"),
    ("NE", "Niger", "Niger"),
    ("TG", "Togo", "Togo"),
    ("GN", "Guinée", "Guinea"),
    ("GA", "Gabon", "Gabon"),
    ("CD", "République démocratique du Congo", "Democratic Republic of the Congo"),
    ("CG", "République du Congo", "Republic of the Congo"),
    ("RW", "Rwanda", "Rwanda"),
    ("MU", "Maurice", "Mauritius"),
    ("HT", "Haïti", "Haiti"),
    ("US", "États-Unis", "United States"),
    ("GB", "Royaume-Uni", "United Kingdom"),
    ("DE", "Allemagne", "Germany"),
    ("ES", "Espagne", "Spain"),
    ("IT", "Italie", "Italy"),
    ("PT", "Portugal", "Portugal"),
    ("NL", "Pays-Bas", "Netherlands"),
    ("IN", "Inde", "India"),
)

# Sellers are searched by country to find someone in the buyer's time zone (R-SRCH-4).
COUNTRY_TIMEZONES: dict[str, tuple[str, ...]] = {
    "FR": ("Europe/Paris",),
    "BE": ("Europe/Brussels",),
    "CH": ("Europe/Zurich",),
    "LU": ("Europe/Luxembourg",),
    "MC": ("Europe/Monaco",),
    "CA": (
        "America/St_Johns",
        "America/Halifax",
        "America/Toronto",
        "America/Winnipeg",
        "America/Edmonton",
        "America/Vancouver",
    ),
    "MA": ("Africa/Casablanca",),
    "DZ": ("Africa/Algiers",),
    "TN": ("Africa/Tunis",),
    "SN": ("Africa/Dakar",),
    "CI": ("Africa/Abidjan",),
    "CM": ("Africa/Douala",),
    "MG": ("Indian/Antananarivo",),
    "BJ": ("Africa/Porto-Novo",),
    "BF": ("Africa/Ouagadougou",),
    "ML": ("Africa/Bamako",),
    "NE": ("Africa/Niamey",),
    "TG": ("Africa/Lome",),
    "GN": ("Africa/Conakry",),
    "GA": ("Africa/Libreville",),
    "CD": ("Africa/Kinshasa", "Africa/Lubumbashi"),
    "CG": ("Africa/Brazzaville",),
    "RW": ("Africa/Kigali",),
    "MU": ("Indian/Mauritius",),
    "HT": ("America/Port-au-Prince",),
    "US": (
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "Pacific/Honolulu",
    ),
    "GB": ("Europe/London",),
    "DE": ("Europe/Berlin",),
    "ES": ("Europe/Madrid", "Atlantic/Canary"),
    "IT": ("Europe/Rome",),
    "PT": ("Europe/Lisbon", "Atlantic/Azores"),
    "NL": ("Europe/Amsterdam",),
    "IN": ("Asia/Kolkata",),
}

DELIVERY_BANDS: tuple[Choice, ...] = choices(
    ("24h", "24 heures", "Up to 24 hours"),
    ("3d", "Jusqu'à 3 jours", "Up to 3 days"),
    ("7d", "Jusqu'à 7 jours", "Up to 7 days"),
    ("any", "Toute durée", "Anytime"),
)

# Maximum delivery time of each band, in days; None means no limit.
DELIVERY_BAND_DAYS: dict[str, int | None] = {
    "24h": 1,
    "3d": 3,
    "7d": 7,
    "any": None,
}


def label_of(choices: tuple[Choice, ...], slug: str, lang: Lang = DEFAULT_LANG) -> str | None:
    """The label of ``slug`` among ``choices`` in ``lang``, or None if it is not one of them."""
    return next((c.label.get(lang) for c in choices if c.slug == slug), None)
