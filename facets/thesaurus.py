"""The curated default thesaurus: words buyers type that gig texts may not use.

Data only, filed under the language of the words. Customer support edits the live thesaurus
through the API; these rules are installed into it once (a removed default stays removed).
An equivalence lists phrasings that mean the same, each finding the others; an expansion maps
terms to targets, one way (the targets' own queries are left alone). English terms on the
French site expand to the French words gigs are written in.
"""

from __future__ import annotations

from facets.model import Lang

Equivalence = tuple[str, ...]
Expansion = tuple[tuple[str, ...], tuple[str, ...]]

EQUIVALENCES: dict[Lang, tuple[Equivalence, ...]] = {
    "fr": (
        ("doublage", "voix off"),
        ("référencement", "seo"),
        ("extension", "plugin"),
        ("e-commerce", "ecommerce"),
        ("e-mailing", "emailing"),
        ("e-mail", "email", "courriel"),
        ("community manager", "gestion des réseaux sociaux"),
    ),
    "en": (),
}

EXPANSIONS: dict[Lang, tuple[Expansion, ...]] = {
    "fr": (
        (("appli", "app"), ("application",)),
        (("iphone", "ipad"), ("ios",)),
        (("pub",), ("publicité",)),
        (("adwords",), ("google ads",)),
        (("sea",), ("google ads", "publicité en ligne")),
        (
            ("infographiste", "graphiste", "designer graphique"),
            ("logo", "identité visuelle", "illustration", "visuels réseaux sociaux", "graphisme"),
        ),
        (("caricature", "caricaturiste"), ("portrait", "illustration")),
        (("secrétaire", "secrétariat"), ("assistant virtuel", "tâches administratives")),
        (("plan d'affaires",), ("business plan",)),
        (("page de vente",), ("page d'atterrissage",)),
        (("instru",), ("instrumental",)),
        (("beatmaker",), ("instrumental", "beat")),
        (("scraping",), ("extraction de données web",)),
        (("post",), ("publication", "visuel")),
        (("insta",), ("instagram",)),
        (("fb",), ("facebook",)),
        (("logotype",), ("logo",)),
        (("curriculum vitae",), ("cv",)),
        (("reels", "shorts"), ("vidéo courte",)),
        (("branding",), ("identité visuelle",)),
        # Buyers name the trade, sellers the service: "traducteur" and "traduction" do not
        # share a stem.
        (("traducteur", "traductrice"), ("traduction",)),
        (("rédacteur", "rédactrice"), ("rédaction",)),
        (("correcteur", "correctrice", "relecteur", "relectrice"), ("relecture",)),
        (("illustrateur", "illustratrice"), ("illustration",)),
        (("monteur vidéo", "monteuse vidéo", "vidéaste"), ("montage vidéo",)),
        (("monteur", "monteuse"), ("montage",)),
        (("développeur", "développeuse"), ("développement",)),
        (("compositeur", "compositrice"), ("composition",)),
        (("réparer", "dépanner", "dépannage", "bug"), ("correction de bugs",)),
    ),
    "en": (
        (("voice over", "voiceover", "voice actor"), ("voix off",)),
        (("dubbing",), ("doublage", "voix off")),
        (("translation", "translator", "translate"), ("traduction",)),
        (("certified translation",), ("traduction assermentée",)),
        (("english to french",), ("anglais vers le français", "anglais français")),
        (("french to english",), ("français vers l'anglais", "français anglais")),
        (("english",), ("anglais",)),
        (("french",), ("français",)),
        (("subtitles", "subtitling", "captions"), ("sous-titres", "sous-titrage")),
        (("video editing", "video editor"), ("montage vidéo",)),
        # Not "site internet" too: rarer in gig texts, it would outscore the usual wording.
        (("website", "web site"), ("site web",)),
        (("web developer",), ("développeur web", "site web sur mesure")),
        (("mobile app",), ("application mobile",)),
        (("keyword research", "keywords"), ("recherche de mots-clés", "mots-clés")),
        (("link building",), ("netlinking",)),
        (("business card",), ("cartes de visite",)),
        (("graphic designer", "graphic design"), ("graphiste", "design graphique")),
        (("illustrator",), ("illustrateur", "illustration")),
        (
            ("social media manager", "social media management", "community management"),
            ("community manager", "gestion des réseaux sociaux"),
        ),
        (("social media",), ("réseaux sociaux",)),
        (("copywriting", "copywriter", "content writing", "content writer"), ("rédaction web",)),
        (("brand identity",), ("identité visuelle",)),
        (("thumbnail",), ("miniature",)),
        (("blog post", "blog article"), ("article de blog",)),
        (("proofreading", "proofreader"), ("relecture", "correction")),
        (("resume writing",), ("rédaction de cv",)),
        (("resume",), ("cv",)),
        (("cover letter",), ("lettre de motivation",)),
        (("explainer video",), ("vidéo explicative",)),
        (("whiteboard",), ("tableau blanc",)),
        (("logo animation", "animated logo"), ("animation de logo", "logo animé")),
        (("mixing",), ("mixage",)),
        (("music production", "music producer"), ("production musicale",)),
        (("podcast editing",), ("montage de podcast",)),
        (("online store", "online shop"), ("boutique en ligne",)),
        (("data entry",), ("saisie de données",)),
        (("virtual assistant",), ("assistant virtuel", "assistante virtuelle")),
        (("market research",), ("étude de marché",)),
        (("web scraping",), ("extraction de données web",)),
        (("landing page",), ("page d'atterrissage",)),
        (("email marketing",), ("e-mailing",)),
    ),
}
