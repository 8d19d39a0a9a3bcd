"""French vocabulary of the demo catalog: offers per subcategory, names, places and pitches.

Texts may hold ``{placeholders}``. In gig titles and tags a placeholder names an attribute slug
of the subcategory and is replaced by the value chosen for that gig: in titles by its wording in
VALUE_PHRASES (else its French label), in tags by its lowercased label. A text naming an
attribute the subcategory does not have is never picked.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GigVocabulary:
    titles: tuple[str, ...]  # "Je vais …", at most 80 characters once filled in
    pitches: tuple[str, ...]  # the opening sentence of a description
    included: tuple[str, ...]  # what the buyer receives
    tags: tuple[str, ...]  # lowercase search terms
    offers: tuple[str, str, str]  # what the basic, standard and premium packages contain
    basic_price: tuple[int, int]  # whole US dollars
    max_price: int  # whole US dollars, the most a premium package costs
    delivery_days: tuple[int, int]  # of the basic package


@dataclass(frozen=True)
class CategoryVocabulary:
    weight: float  # share of sellers whose main activity is this category
    domain: str  # reads after "en": "en design graphique"
    professions: tuple[tuple[str, str], ...]  # (feminine, masculine)
    username_words: tuple[str, ...]  # ASCII lowercase


CATEGORIES: dict[str, CategoryVocabulary] = {
    "graphisme-design": CategoryVocabulary(
        weight=22,
        domain="design graphique",
        professions=(
            ("graphiste", "graphiste"),
            ("designer graphique", "designer graphique"),
            ("illustratrice", "illustrateur"),
            ("directrice artistique", "directeur artistique"),
        ),
        username_words=("design", "graphiste", "studio", "pixel", "creation", "logo", "art"),
    ),
    "marketing-digital": CategoryVocabulary(
        weight=16,
        domain="marketing digital",
        professions=(
            ("consultante en marketing digital", "consultant en marketing digital"),
            ("community manager", "community manager"),
            ("experte SEO", "expert SEO"),
            ("spécialiste de la publicité en ligne", "spécialiste de la publicité en ligne"),
        ),
        username_words=("marketing", "seo", "digital", "growth", "social", "ads", "web"),
    ),
    "redaction-traduction": CategoryVocabulary(
        weight=16,
        domain="rédaction et traduction",
        professions=(
            ("rédactrice web", "rédacteur web"),
            ("traductrice professionnelle", "traducteur professionnel"),
            ("correctrice", "correcteur"),
            ("rédactrice et traductrice", "rédacteur et traducteur"),
        ),
        username_words=("redaction", "plume", "traduction", "mots", "textes", "redac", "lingua"),
    ),
    "video-animation": CategoryVocabulary(
        weight=12,
        domain="montage et animation vidéo",
        professions=(
            ("monteuse vidéo", "monteur vidéo"),
            ("motion designer", "motion designer"),
            ("vidéaste", "vidéaste"),
            ("animatrice 2D", "animateur 2D"),
        ),
        username_words=("video", "motion", "montage", "films", "prod", "anim", "cut"),
    ),
    "musique-audio": CategoryVocabulary(
        weight=8,
        domain="production audio",
        professions=(
            ("comédienne voix off", "comédien voix off"),
            ("ingénieure du son", "ingénieur du son"),
            ("compositrice", "compositeur"),
            ("productrice de podcasts", "producteur de podcasts"),
        ),
        username_words=("voix", "son", "audio", "music", "beats", "studio", "podcast"),
    ),
    "programmation-tech": CategoryVocabulary(
        weight=16,
        domain="développement web et mobile",
        professions=(
            ("développeuse web", "développeur web"),
            ("développeuse full stack", "développeur full stack"),
            ("intégratrice WordPress", "intégrateur WordPress"),
            ("développeuse mobile", "développeur mobile"),
        ),
        username_words=("dev", "web", "code", "app", "tech", "wp", "shop"),
    ),
    "business": CategoryVocabulary(
        weight=10,
        domain="gestion et conseil aux entreprises",
        professions=(
            ("assistante virtuelle", "assistant virtuel"),
            ("consultante en stratégie", "consultant en stratégie"),
            ("analyste financière", "analyste financier"),
            ("chargée d'études", "chargé d'études"),
        ),
        username_words=("business", "assistant", "conseil", "data", "gestion", "pro", "admin"),
    ),
}

# Wording of an attribute value inside a title, keyed "subcategory/attribute:value" or, for an
# attribute worded the same everywhere, "attribute:value". Values not listed read as their
# French label.
_LANGUAGE_FROM = {
    "fr": "du français",
    "en": "de l'anglais",
    "es": "de l'espagnol",
    "de": "de l'allemand",
    "it": "de l'italien",
    "pt": "du portugais",
    "ar": "de l'arabe",
    "nl": "du néerlandais",
}
_LANGUAGE_TO = {
    "fr": "le français",
    "en": "l'anglais",
    "es": "l'espagnol",
    "de": "l'allemand",
    "it": "l'italien",
    "pt": "le portugais",
    "ar": "l'arabe",
    "nl": "le néerlandais",
}

VALUE_PHRASES: dict[str, str] = {
    **{
        f"paire-langues:{a}-{b}": f"{_LANGUAGE_FROM[a]} vers {_LANGUAGE_TO[b]}"
        for a in _LANGUAGE_FROM
        for b in _LANGUAGE_TO
        if a != b
    },
    "secteur:tech": "de la tech",
    "secteur:e-commerce": "de l'e-commerce",
    "secteur:restauration": "de la restauration",
    "secteur:mode": "de la mode",
    "secteur:sante": "de la santé",
    "secteur:beaute-bien-etre": "de la beauté et du bien-être",
    "secteur:immobilier": "de l'immobilier",
    "secteur:education": "de l'éducation",
    "secteur:finance": "de la finance",
    "secteur:sport": "du sport",
    "secteur:tourisme": "du tourisme",
    "secteur:artisanat": "de l'artisanat",
    "secteur:associatif": "du monde associatif",
    "genre-musical:hip-hop-rap": "hip-hop",
    "genre-musical:rnb": "R&B",
    "genre-musical:electro": "électro",
    "genre-musical:afro": "afrobeat",
    "genre-musical:reggae": "reggae",
    "genre-musical:classique": "classique",
    "genre-musical:variete-francaise": "de variété française",
    "genre-musical:musique-de-film": "cinématographique",
    "conception-logo/style:minimaliste": "minimaliste et moderne",
    "conception-logo/style:vintage": "vintage au charme rétro",
    "conception-logo/style:3d": "en 3D",
    "conception-logo/style:mascotte": "avec une mascotte",
    "conception-logo/style:typographique": "typographique",
    "conception-logo/style:signature": "signature élégant",
    "conception-logo/style:embleme": "en forme d'emblème",
    "conception-logo/style:abstrait": "abstrait et original",
    "conception-logo/style:dessine-main": "dessiné à la main",
    "identite-visuelle/livrables:logo": "un logo et sa déclinaison",
    "identite-visuelle/livrables:charte-graphique": "une charte graphique complète",
    "identite-visuelle/livrables:palette-couleurs": "une palette de couleurs",
    "identite-visuelle/livrables:typographies": "des typographies assorties",
    "identite-visuelle/livrables:cartes-de-visite": "des cartes de visite",
    "identite-visuelle/livrables:papier-en-tete": "du papier à en-tête",
    "identite-visuelle/livrables:signature-email": "une signature e-mail",
    "identite-visuelle/livrables:kit-reseaux-sociaux": "un kit pour les réseaux sociaux",
    "illustration/style:dessin-anime": "façon dessin animé",
    "illustration/style:realiste": "réaliste",
    "illustration/style:aquarelle": "à l'aquarelle",
    "illustration/style:manga": "style manga",
    "illustration/style:flat-design": "en flat design",
    "illustration/style:ligne-claire": "en ligne claire",
    "illustration/style:pixel-art": "en pixel art",
    "illustration/style:croquis": "façon croquis",
    "illustration/usage:livre-jeunesse": "pour votre livre jeunesse",
    "illustration/usage:couverture-livre": "pour la couverture de votre livre",
    "illustration/usage:bande-dessinee": "pour votre bande dessinée",
    "illustration/usage:affiche": "pour votre affiche",
    "illustration/usage:site-web": "pour votre site web",
    "illustration/usage:jeu-video": "pour votre jeu vidéo",
    "illustration/usage:packaging": "pour votre packaging",
    "illustration/usage:portrait": "pour un portrait personnalisé",
    "illustration/technique:numerique": "numérique",
    "illustration/technique:vectorielle": "vectorielle",
    "illustration/technique:traditionnelle": "sur papier",
    "illustration/technique:3d": "en 3D",
    "visuels-reseaux-sociaux/type-visuel:publication": "publications",
    "visuels-reseaux-sociaux/type-visuel:story": "stories",
    "visuels-reseaux-sociaux/type-visuel:carrousel": "carrousels",
    "visuels-reseaux-sociaux/type-visuel:banniere": "bannières et couvertures",
    "visuels-reseaux-sociaux/type-visuel:miniature-youtube": "miniatures",
    "visuels-reseaux-sociaux/type-visuel:publicite": "visuels publicitaires",
    "referencement-seo/type-seo:audit": "un audit SEO complet",
    "referencement-seo/type-seo:on-page": "l'optimisation SEO on-page",
    "referencement-seo/type-seo:off-page": "une campagne de netlinking",
    "referencement-seo/type-seo:technique": "un audit SEO technique",
    "referencement-seo/type-seo:local": "le référencement local",
    "referencement-seo/type-seo:mots-cles": "la recherche de mots-clés",
    "referencement-seo/cms:sur-mesure": "sur mesure",
    "gestion-reseaux-sociaux/prestation:strategie": "la stratégie de contenu",
    "gestion-reseaux-sociaux/prestation:creation-contenu": "la création de contenu",
    "gestion-reseaux-sociaux/prestation:planification": "la planification des publications",
    "gestion-reseaux-sociaux/prestation:community-management": "l'animation de communauté",
    "gestion-reseaux-sociaux/prestation:reporting": "l'analyse des statistiques",
    "gestion-reseaux-sociaux/frequence:quotidienne": "chaque jour",
    "gestion-reseaux-sociaux/frequence:3-par-semaine": "trois fois par semaine",
    "gestion-reseaux-sociaux/frequence:hebdomadaire": "chaque semaine",
    "gestion-reseaux-sociaux/frequence:mensuelle": "chaque mois",
    "publicite-en-ligne/plateforme:meta-ads": "Meta Ads",
    "publicite-en-ligne/objectif:notoriete": "de la notoriété",
    "publicite-en-ligne/objectif:trafic": "du trafic",
    "publicite-en-ligne/objectif:prospects": "des prospects",
    "publicite-en-ligne/objectif:ventes": "des ventes",
    "publicite-en-ligne/objectif:installations-appli": "des téléchargements",
    "emailing/type-campagne:newsletter": "newsletter",
    "emailing/type-campagne:promotionnelle": "campagne promotionnelle",
    "emailing/type-campagne:sequence-automatisee": "séquence automatisée",
    "emailing/type-campagne:bienvenue": "séquence de bienvenue",
    "emailing/type-campagne:panier-abandonne": "relance de panier abandonné",
    "traduction/type-document:document-texte": "documents",
    "traduction/type-document:site-web": "pages web",
    "traduction/type-document:application-logiciel": "applications",
    "traduction/type-document:fiches-produits": "fiches produits",
    "traduction/type-document:presentation": "présentations",
    "traduction/type-document:livre": "livres",
    "traduction/type-document:document-officiel": "documents officiels",
    "traduction/type-document:cv": "CV",
    "redaction-web/type-contenu:article-blog": "des articles de blog",
    "redaction-web/type-contenu:page-site": "les pages de votre site",
    "redaction-web/type-contenu:fiche-produit": "des fiches produits",
    "redaction-web/type-contenu:communique-presse": "vos communiqués de presse",
    "redaction-web/type-contenu:livre-blanc": "votre livre blanc",
    "redaction-web/type-contenu:script-video": "vos scripts vidéo",
    "relecture-correction/type-document:article": "vos articles",
    "relecture-correction/type-document:memoire-these": "votre mémoire ou votre thèse",
    "relecture-correction/type-document:roman": "votre roman ou manuscrit",
    "relecture-correction/type-document:site-web": "les textes de votre site",
    "relecture-correction/type-document:document-professionnel": "vos documents professionnels",
    "relecture-correction/type-document:cv": "votre CV",
    "cv-lettre-motivation/prestation:redaction-cv": "votre CV",
    "cv-lettre-motivation/prestation:lettre-motivation": "votre lettre de motivation",
    "cv-lettre-motivation/prestation:profil-linkedin": "votre profil LinkedIn",
    "cv-lettre-motivation/prestation:mise-en-page": "la mise en page de votre CV",
    "cv-lettre-motivation/niveau-experience:etudiant": "les étudiants",
    "cv-lettre-motivation/niveau-experience:jeune-diplome": "les jeunes diplômés",
    "cv-lettre-motivation/niveau-experience:confirme": "les profils confirmés",
    "cv-lettre-motivation/niveau-experience:cadre": "les cadres",
    "cv-lettre-motivation/niveau-experience:dirigeant": "les dirigeants",
    "montage-video/type-video:youtube": "vos vidéos YouTube",
    "montage-video/type-video:video-courte": "vos vidéos courtes",
    "montage-video/type-video:publicite": "votre publicité vidéo",
    "montage-video/type-video:entreprise": "votre vidéo d'entreprise",
    "montage-video/type-video:evenement": "votre vidéo de mariage",
    "montage-video/type-video:gaming": "vos vidéos gaming",
    "montage-video/type-video:documentaire": "votre documentaire",
    "montage-video/orientation:horizontal": "horizontal 16:9",
    "montage-video/orientation:vertical": "vertical 9:16",
    "montage-video/orientation:carre": "carré 1:1",
    "montage-video/inclus:sous-titres": "sous-titres",
    "montage-video/inclus:etalonnage": "étalonnage des couleurs",
    "montage-video/inclus:motion-design": "motion design",
    "montage-video/inclus:musique": "musique libre de droits",
    "montage-video/inclus:effets-sonores": "effets sonores",
    "montage-video/inclus:miniature": "miniature",
    "video-explicative/style:2d": "en 2D",
    "video-explicative/style:3d": "en 3D",
    "video-explicative/style:tableau-blanc": "au tableau blanc",
    "video-explicative/style:motion-design": "en motion design",
    "video-explicative/style:isometrique": "isométrique",
    "video-explicative/style:prise-de-vue-reelle": "en prise de vue réelle",
    "video-explicative/duree:moins-30s": "moins de 30 secondes",
    "video-explicative/duree:30s-1min": "30 secondes à 1 minute",
    "video-explicative/duree:1-2min": "1 à 2 minutes",
    "video-explicative/duree:2-3min": "2 à 3 minutes",
    "video-explicative/duree:plus-3min": "plus de 3 minutes",
    "video-explicative/objectif:presentation-produit": "pour présenter votre produit",
    "video-explicative/objectif:presentation-entreprise": "pour présenter votre entreprise",
    "video-explicative/objectif:tutoriel": "pour vos tutoriels",
    "video-explicative/objectif:formation": "pour vos formations en ligne",
    "video-explicative/objectif:publicite": "pour votre publicité",
    "video-explicative/objectif:levee-de-fonds": "pour votre levée de fonds",
    "animation-logo/style:2d": "en 2D",
    "animation-logo/style:3d": "en 3D",
    "animation-logo/style:revelation": "avec une révélation élégante",
    "animation-logo/style:glitch": "avec un effet glitch",
    "animation-logo/style:particules": "avec un effet de particules",
    "animation-logo/style:neon": "avec un effet néon",
    "animation-logo/style:dessine-main": "façon dessin à la main",
    "sous-titrage/type-sous-titrage:transcription": "des sous-titres",
    "sous-titrage/type-sous-titrage:traduction": "des sous-titres traduits",
    "sous-titrage/type-sous-titrage:sme": "des sous-titres adaptés",
    "sous-titrage/type-sous-titrage:animes": "des sous-titres animés",
    "sous-titrage/format-fichier:srt": "en SRT",
    "sous-titrage/format-fichier:vtt": "en WebVTT",
    "sous-titrage/format-fichier:ass": "en ASS",
    "sous-titrage/format-fichier:sbv": "en SBV",
    "sous-titrage/format-fichier:incrustes": "incrustés",
    "voix-off/genre:homme": "masculine",
    "voix-off/genre:femme": "féminine",
    "voix-off/genre:neutre": "neutre",
    "voix-off/objectif:publicite": "pour votre publicité",
    "voix-off/objectif:e-learning": "pour vos modules e-learning",
    "voix-off/objectif:documentaire": "pour votre documentaire",
    "voix-off/objectif:video-explicative": "pour votre vidéo explicative",
    "voix-off/objectif:jeu-video": "pour votre jeu vidéo",
    "voix-off/objectif:dessin-anime": "pour votre dessin animé",
    "voix-off/objectif:livre-audio": "pour votre livre audio",
    "voix-off/objectif:podcast": "pour votre podcast",
    "voix-off/objectif:repondeur": "pour votre répondeur",
    "mixage-mastering/prestation:mixage": "le mixage",
    "mixage-mastering/prestation:mastering": "le mastering",
    "mixage-mastering/prestation:mixage-mastering": "le mixage et le mastering",
    "mixage-mastering/prestation:mastering-stems": "le mastering par stems",
    "mixage-mastering/prestation:edition-voix": "l'édition des voix",
    "production-musicale/usage:sortie-artiste": "pour votre prochain single",
    "production-musicale/usage:publicite": "pour votre publicité",
    "production-musicale/usage:film": "pour votre film ou série",
    "production-musicale/usage:jeu-video": "pour votre jeu vidéo",
    "production-musicale/usage:podcast": "pour votre podcast",
    "production-musicale/usage:reseaux-sociaux": "pour vos réseaux sociaux",
    "montage-podcast/prestation:montage": "le montage",
    "montage-podcast/prestation:nettoyage-audio": "le nettoyage audio",
    "montage-podcast/prestation:mixage": "le mixage",
    "montage-podcast/prestation:intro-outro": "l'intro et l'outro",
    "montage-podcast/prestation:transcription": "la transcription",
    "montage-podcast/prestation:notes-episode": "les notes d'épisode",
    "montage-podcast/prestation:mise-en-ligne": "la mise en ligne",
    "montage-podcast/format-podcast:audio": "audio",
    "montage-podcast/format-podcast:video": "vidéo",
    "developpement-wordpress/prestation:creation-site": "la conception et la mise en ligne",
    "developpement-wordpress/prestation:personnalisation-theme": "la personnalisation du thème",
    "developpement-wordpress/prestation:developpement-extension": "le développement d'extensions",
    "developpement-wordpress/prestation:correction-bugs": "la correction des bugs",
    "developpement-wordpress/prestation:migration": "la migration",
    "developpement-wordpress/prestation:optimisation-vitesse": "l'optimisation de la vitesse",
    "developpement-wordpress/prestation:securite": "la sécurité",
    "developpement-wordpress/type-site:vitrine": "site vitrine",
    "developpement-wordpress/type-site:blog": "blog",
    "developpement-wordpress/type-site:woocommerce": "boutique WooCommerce",
    "developpement-wordpress/type-site:portfolio": "portfolio",
    "developpement-wordpress/type-site:adhesion": "site à adhésion",
    "developpement-wordpress/type-site:formation": "plateforme de formation",
    "site-web-sur-mesure/type-site:vitrine": "site vitrine",
    "site-web-sur-mesure/type-site:page-atterrissage": "page d'atterrissage",
    "site-web-sur-mesure/type-site:e-commerce": "site e-commerce",
    "site-web-sur-mesure/type-site:application-web": "application web",
    "site-web-sur-mesure/type-site:place-de-marche": "place de marché",
    "site-web-sur-mesure/type-site:portail": "portail",
    "site-web-sur-mesure/nombre-pages:1-page": "d'une page",
    "site-web-sur-mesure/nombre-pages:2-5-pages": "de 2 à 5 pages",
    "site-web-sur-mesure/nombre-pages:6-10-pages": "de 6 à 10 pages",
    "site-web-sur-mesure/nombre-pages:plus-10-pages": "de plus de 10 pages",
    "site-web-sur-mesure/technologie:html-css": "HTML et CSS",
    "voix-off/accent:francais-france": "français de France",
    "voix-off/accent:espagnol-espagne": "espagnol d'Espagne",
    "voix-off/accent:espagnol-latino": "espagnol d'Amérique latine",
    "application-mobile/type-application:e-commerce": "e-commerce",
    "application-mobile/type-application:reseau-social": "de réseau social",
    "application-mobile/type-application:reservation": "de réservation",
    "application-mobile/type-application:livraison": "de livraison",
    "application-mobile/type-application:sante-fitness": "de santé et fitness",
    "application-mobile/type-application:education": "éducative",
    "application-mobile/type-application:utilitaire": "utilitaire",
    "application-mobile/type-application:jeu": "de jeu",
    "application-mobile/plateforme:multiplateforme": "multiplateforme",
    "boutique-en-ligne/plateforme:magento": "Magento",
    "boutique-en-ligne/nombre-produits:1-10": "jusqu'à 10",
    "boutique-en-ligne/nombre-produits:11-50": "jusqu'à 50",
    "boutique-en-ligne/nombre-produits:51-200": "jusqu'à 200",
    "boutique-en-ligne/nombre-produits:plus-200": "plus de 200",
    "assistant-virtuel/tache:gestion-emails": "la gestion de vos e-mails",
    "assistant-virtuel/tache:gestion-agenda": "la gestion de votre agenda",
    "assistant-virtuel/tache:recherche-web": "vos recherches sur le web",
    "assistant-virtuel/tache:service-client": "votre service client",
    "assistant-virtuel/tache:administratif": "vos tâches administratives",
    "assistant-virtuel/tache:organisation-voyages": "l'organisation de vos voyages",
    "assistant-virtuel/disponibilite:ponctuelle": "ponctuellement",
    "assistant-virtuel/disponibilite:temps-partiel": "à temps partiel",
    "assistant-virtuel/disponibilite:temps-plein": "à temps plein",
    "business-plan/type-document:business-plan-complet": "votre business plan complet",
    "business-plan/type-document:previsionnel-financier": "votre prévisionnel financier",
    "business-plan/type-document:pitch-deck": "votre pitch deck",
    "business-plan/type-document:etude-faisabilite": "votre étude de faisabilité",
    "business-plan/type-document:resume-executif": "votre résumé exécutif",
    "business-plan/objectif:levee-de-fonds": "votre levée de fonds",
    "business-plan/objectif:pret-bancaire": "votre demande de prêt bancaire",
    "business-plan/objectif:subvention": "votre demande de subvention",
    "business-plan/objectif:visa": "votre demande de visa",
    "business-plan/objectif:usage-interne": "piloter votre activité",
    "etude-de-marche/type-etude:analyse-concurrentielle": "une analyse concurrentielle",
    "etude-de-marche/type-etude:taille-marche": "une estimation de la taille",
    "etude-de-marche/type-etude:quantitative": "une étude quantitative",
    "etude-de-marche/type-etude:qualitative": "une étude qualitative",
    "etude-de-marche/type-etude:persona": "des personas clients",
    "etude-de-marche/type-etude:veille": "une veille",
    "etude-de-marche/zone-geographique:locale": "local",
    "etude-de-marche/zone-geographique:france": "français",
    "etude-de-marche/zone-geographique:europe": "européen",
    "etude-de-marche/zone-geographique:afrique": "africain",
    "etude-de-marche/zone-geographique:amerique-du-nord": "nord-américain",
    "etude-de-marche/zone-geographique:internationale": "international",
    "saisie-de-donnees/tache:saisie-manuelle": "votre saisie de données",
    "saisie-de-donnees/tache:conversion-pdf": "la conversion de vos PDF",
    "saisie-de-donnees/tache:nettoyage": "le nettoyage de vos données",
    "saisie-de-donnees/tache:extraction-web": "l'extraction de données web",
    "saisie-de-donnees/tache:mise-a-jour-crm": "la mise à jour de vos fiches",
    "saisie-de-donnees/tache:catalogue-produits": "la saisie de votre catalogue",
    "saisie-de-donnees/outil:crm": "votre CRM",
    "saisie-de-donnees/source:pdf": "à partir de PDF",
    "saisie-de-donnees/source:images-scans": "à partir de scans",
    "saisie-de-donnees/source:sites-web": "issues de sites web",
    "saisie-de-donnees/source:tableurs": "issues de tableurs",
    "saisie-de-donnees/source:audio": "à partir d'enregistrements",
}

SUBCATEGORIES: dict[str, GigVocabulary] = {
    # Graphisme et design
    "conception-logo": GigVocabulary(
        titles=(
            "Je vais créer un logo {style} pour votre entreprise",
            "Je vais concevoir votre logo {style}, livré en {format-fichier}",
            "Je vais créer un logo professionnel et unique pour votre entreprise",
            "Je vais concevoir un logo moderne et mémorable pour votre marque",
            "Je vais dessiner votre logo sur mesure",
            "Je vais redessiner et moderniser votre logo existant",
        ),
        pitches=(
            "Vous cherchez un logo qui reflète vraiment l'identité de votre entreprise ?",
            "Un bon logo est la première impression que votre marque laisse à vos clients.",
            "Je crée des logos clairs, lisibles et faciles à décliner sur tous vos supports.",
        ),
        included=(
            "Chaque proposition est livrée en haute résolution, en couleur et en noir et blanc.",
            "Vous recevez des fichiers vectoriels prêts pour l'impression comme pour le web.",
            "Les droits d'utilisation commerciale vous sont entièrement cédés à la livraison.",
        ),
        tags=(
            "logo {style}",
            "logo",
            "création de logo",
            "logo professionnel",
            "logo entreprise",
            "logotype",
            "identité visuelle",
            "design de logo",
        ),
        offers=(
            "Une proposition de logo en haute résolution (PNG et JPG).",
            "Trois propositions de logo, fichiers vectoriels et favicon.",
            "Cinq propositions, fichiers sources, déclinaisons et mini charte graphique.",
        ),
        basic_price=(5, 60),
        max_price=300,
        delivery_days=(1, 5),
    ),
    "identite-visuelle": GigVocabulary(
        titles=(
            "Je vais créer l'identité visuelle des marques {secteur}",
            "Je vais réaliser votre identité visuelle avec {livrables}",
            "Je vais créer l'identité visuelle complète de votre marque",
            "Je vais concevoir votre charte graphique professionnelle",
            "Je vais réaliser votre kit de marque : logo, couleurs et typographies",
        ),
        pitches=(
            "Une identité visuelle cohérente rend votre marque reconnaissable au premier coup "
            "d'œil.",
            "Je vous aide à construire une image de marque forte, du logo jusqu'aux supports "
            "imprimés.",
        ),
        included=(
            "La charte précise vos couleurs, vos typographies et les règles d'utilisation du logo.",
            "Cartes de visite, en-têtes et modèles pour les réseaux sociaux peuvent être inclus.",
        ),
        tags=(
            "identité visuelle",
            "charte graphique",
            "branding",
            "kit de marque",
            "image de marque",
            "carte de visite",
        ),
        offers=(
            "Palette de couleurs, typographies et planche de tendance.",
            "Charte graphique complète avec déclinaisons du logo.",
            "Charte complète, papeterie, modèles réseaux sociaux et fichiers sources.",
        ),
        basic_price=(30, 150),
        max_price=1200,
        delivery_days=(3, 10),
    ),
    "illustration": GigVocabulary(
        titles=(
            "Je vais dessiner une illustration {style} {usage}",
            "Je vais réaliser votre illustration {technique} {style}",
            "Je vais dessiner une illustration originale pour votre projet",
            "Je vais réaliser une illustration personnalisée de qualité professionnelle",
            "Je vais illustrer vos idées avec un style unique",
            "Je vais créer une illustration sur mesure à partir de votre brief",
        ),
        pitches=(
            "J'adore donner vie aux idées de mes clients à travers le dessin.",
            "Vous avez besoin d'une illustration unique pour un livre, une affiche ou un site ?",
        ),
        included=(
            "Je vous envoie un croquis à valider avant de passer à la mise en couleur.",
            "L'illustration finale est livrée en haute définition, prête à imprimer.",
        ),
        tags=(
            "illustration {style}",
            "illustration",
            "dessin",
            "illustration numérique",
            "portrait",
            "livre jeunesse",
            "dessin personnalisé",
        ),
        offers=(
            "Une illustration simple en noir et blanc.",
            "Une illustration en couleur avec arrière-plan simple.",
            "Une illustration détaillée en couleur, décor complet et fichier source.",
        ),
        basic_price=(10, 120),
        max_price=800,
        delivery_days=(2, 10),
    ),
    "visuels-reseaux-sociaux": GigVocabulary(
        titles=(
            "Je vais créer des visuels accrocheurs pour votre compte {plateforme}",
            "Je vais concevoir vos {type-visuel} pour {plateforme}",
            "Je vais créer des visuels accrocheurs pour vos réseaux sociaux",
            "Je vais concevoir des publications soignées pour vos réseaux sociaux",
            "Je vais réaliser des modèles Canva personnalisés pour vos posts",
        ),
        pitches=(
            "Des visuels soignés font toute la différence pour attirer l'attention dans un fil "
            "d'actualité.",
            "Je conçois des publications cohérentes avec votre image de marque et faciles à "
            "réutiliser.",
        ),
        included=(
            "Les visuels sont livrés aux bons formats pour chaque réseau social.",
            "Vous recevez aussi les modèles modifiables pour créer vos prochaines publications.",
        ),
        tags=(
            "visuels {plateforme}",
            "réseaux sociaux",
            "modèles canva",
            "bannière",
            "visuels réseaux sociaux",
            "design social media",
            "publication",
        ),
        offers=(
            "Trois visuels pour un réseau social.",
            "Dix visuels adaptés à deux réseaux sociaux.",
            "Vingt visuels, modèles Canva modifiables et bannières de profil.",
        ),
        basic_price=(5, 50),
        max_price=300,
        delivery_days=(1, 4),
    ),
    # Marketing digital
    "referencement-seo": GigVocabulary(
        titles=(
            "Je vais optimiser le référencement de votre site {cms}",
            "Je vais réaliser {type-seo} pour votre site {cms}",
            "Je vais améliorer le référencement des professionnels {secteur}",
            "Je vais optimiser le référencement SEO de votre site web",
            "Je vais réaliser un audit SEO complet de votre site",
            "Je vais rechercher les meilleurs mots-clés pour votre site",
            "Je vais améliorer votre positionnement sur Google",
        ),
        pitches=(
            "Votre site n'apparaît pas sur la première page de Google ?",
            "Un bon référencement naturel vous apporte des visiteurs qualifiés sans payer de "
            "publicité.",
        ),
        included=(
            "Je vous remets un rapport clair avec les actions prioritaires à mener.",
            "J'optimise les balises, la structure des pages et le maillage interne.",
            "Vous recevez une liste de mots-clés classés par volume de recherche et difficulté.",
        ),
        tags=(
            "seo {cms}",
            "seo",
            "référencement",
            "référencement naturel",
            "audit seo",
            "mots-clés",
            "google",
        ),
        offers=(
            "Audit rapide de la page d'accueil et recommandations.",
            "Audit complet, recherche de mots-clés et optimisation de cinq pages.",
            "Audit, stratégie de contenu, optimisation de quinze pages et suivi d'un mois.",
        ),
        basic_price=(15, 150),
        max_price=1500,
        delivery_days=(2, 10),
    ),
    "gestion-reseaux-sociaux": GigVocabulary(
        titles=(
            "Je vais gérer votre compte {plateforme} et animer votre communauté",
            "Je vais publier sur votre compte {plateforme} {frequence}",
            "Je vais prendre en charge {prestation} sur {plateforme}",
            "Je vais gérer vos réseaux sociaux et animer votre communauté",
            "Je vais être votre community manager pendant un mois",
            "Je vais créer et planifier vos publications sur les réseaux sociaux",
        ),
        pitches=(
            "Vous manquez de temps pour publier régulièrement sur vos réseaux sociaux ?",
            "Je m'occupe de votre présence en ligne pour que vous puissiez vous concentrer sur "
            "votre métier.",
        ),
        included=(
            "Je prépare un calendrier éditorial que vous validez avant toute publication.",
            "Je réponds aux commentaires et aux messages pour faire vivre votre communauté.",
            "Un rapport mensuel présente l'évolution de vos abonnés et de l'engagement.",
        ),
        tags=(
            "community manager {plateforme}",
            "community manager",
            "réseaux sociaux",
            "gestion instagram",
            "animation de communauté",
            "stratégie social media",
            "linkedin",
        ),
        offers=(
            "Huit publications par mois sur un réseau.",
            "Quinze publications par mois sur deux réseaux et réponses aux commentaires.",
            "Trente publications par mois, trois réseaux, stories et rapport mensuel.",
        ),
        basic_price=(30, 250),
        max_price=1500,
        delivery_days=(5, 30),
    ),
    "publicite-en-ligne": GigVocabulary(
        titles=(
            "Je vais créer et gérer vos campagnes {plateforme}",
            "Je vais lancer des campagnes {plateforme} pour générer {objectif}",
            "Je vais créer et gérer vos campagnes publicitaires en ligne",
            "Je vais lancer des campagnes publicitaires rentables pour votre entreprise",
            "Je vais optimiser vos campagnes publicitaires en ligne",
        ),
        pitches=(
            "Vous dépensez en publicité sans savoir ce qu'elle vous rapporte ?",
            "Je crée des campagnes ciblées qui transforment vos visiteurs en clients.",
        ),
        included=(
            "Je configure le suivi des conversions pour mesurer chaque euro investi.",
            "Je rédige les annonces et teste plusieurs variantes pour garder les meilleures.",
        ),
        tags=(
            "{plateforme}",
            "publicité en ligne",
            "campagne publicitaire",
            "sea",
            "acquisition payante",
            "social ads",
        ),
        offers=(
            "Création d'une campagne avec un groupe d'annonces.",
            "Trois campagnes, ciblage avancé et suivi des conversions.",
            "Stratégie complète, campagnes multiples et optimisation pendant un mois.",
        ),
        basic_price=(25, 200),
        max_price=1500,
        delivery_days=(2, 10),
    ),
    "emailing": GigVocabulary(
        titles=(
            "Je vais créer votre {type-campagne} sur {outil}",
            "Je vais configurer vos campagnes d'e-mailing sur {outil}",
            "Je vais créer votre newsletter et votre campagne d'emailing",
            "Je vais concevoir un modèle d'e-mail responsive pour vos campagnes",
            "Je vais mettre en place vos séquences d'e-mails automatisées",
        ),
        pitches=(
            "L'e-mail reste l'un des canaux les plus rentables pour fidéliser vos clients.",
            "Je conçois des newsletters soignées qui s'affichent parfaitement sur mobile.",
        ),
        included=(
            "Je rédige des objets accrocheurs pour améliorer votre taux d'ouverture.",
            "Le modèle est testé sur les principales messageries avant l'envoi.",
        ),
        tags=(
            "{outil}",
            "emailing",
            "newsletter",
            "e-mail marketing",
            "séquence automatisée",
            "campagne e-mail",
            "fidélisation",
        ),
        offers=(
            "Un modèle de newsletter responsive.",
            "Un modèle, la rédaction du contenu et l'envoi de la campagne.",
            "Séquence automatisée de cinq e-mails, segmentation et rapport.",
        ),
        basic_price=(20, 150),
        max_price=900,
        delivery_days=(2, 7),
    ),
    # Rédaction et traduction
    "traduction": GigVocabulary(
        titles=(
            "Je vais traduire vos documents {paire-langues}",
            "Je vais traduire vos {type-document} {paire-langues}",
            "Je vais réaliser une traduction {specialite} {paire-langues}",
            "Je vais traduire vos documents avec précision et fluidité",
            "Je vais réaliser une traduction professionnelle de vos textes",
            "Je vais traduire vos textes en respectant le sens et le ton",
        ),
        pitches=(
            "Une traduction réussie ne se contente pas de changer les mots : elle respecte le "
            "sens et le ton.",
            "Je traduis vos textes de façon naturelle, comme s'ils avaient été écrits "
            "directement dans la langue cible.",
        ),
        included=(
            "Chaque traduction est relue deux fois avant la livraison.",
            "Je respecte la mise en page de vos documents Word, PDF ou Excel.",
            "Aucune traduction automatique : tout est traduit à la main.",
        ),
        tags=(
            "traduction {specialite}",
            "traduction",
            "traducteur",
            "traduction professionnelle",
            "traduction de documents",
            "localisation",
        ),
        offers=(
            "Traduction de 500 mots.",
            "Traduction de 1 500 mots et relecture.",
            "Traduction de 4 000 mots, relecture et glossaire.",
        ),
        basic_price=(10, 80),
        max_price=600,
        delivery_days=(1, 5),
    ),
    "redaction-web": GigVocabulary(
        titles=(
            "Je vais rédiger {type-contenu} au ton {ton}",
            "Je vais rédiger du contenu web en {langue} pour les entreprises {secteur}",
            "Je vais rédiger des articles de blog optimisés pour le SEO",
            "Je vais écrire les textes de votre site internet",
            "Je vais rédiger des textes qui donnent envie d'acheter",
            "Je vais rédiger un contenu web captivant et bien référencé",
        ),
        pitches=(
            "Des textes clairs et bien construits donnent confiance à vos visiteurs.",
            "J'écris des contenus qui plaisent autant à vos lecteurs qu'aux moteurs de recherche.",
        ),
        included=(
            "Chaque texte est unique, vérifié contre le plagiat et optimisé pour vos mots-clés.",
            "Je livre des textes structurés avec titres, intertitres et méta-description.",
        ),
        tags=(
            "rédaction web",
            "article de blog",
            "rédacteur",
            "copywriting",
            "contenu seo",
            "fiche produit",
        ),
        offers=(
            "Un article de 500 mots.",
            "Un article de 1 000 mots optimisé SEO avec méta-description.",
            "Trois articles de 1 000 mots, recherche de mots-clés et images libres de droits.",
        ),
        basic_price=(10, 100),
        max_price=700,
        delivery_days=(1, 7),
    ),
    "relecture-correction": GigVocabulary(
        titles=(
            "Je vais relire et corriger vos textes en {langue}",
            "Je vais relire et corriger {type-document} en {langue}",
            "Je vais relire et corriger vos textes avec soin",
            "Je vais corriger l'orthographe et la grammaire de vos documents",
            "Je vais relire vos documents avec un œil attentif",
        ),
        pitches=(
            "Une faute d'orthographe peut suffire à faire perdre un client ou un jury.",
            "Je traque les fautes d'orthographe, de grammaire, de syntaxe et de ponctuation.",
        ),
        included=(
            "Les corrections sont visibles en mode suivi des modifications pour que vous "
            "gardiez la main.",
            "Je vous signale aussi les répétitions et les phrases à reformuler.",
        ),
        tags=(
            "relecture",
            "correction",
            "orthographe",
            "correcteur",
            "relecture de mémoire",
            "grammaire",
        ),
        offers=(
            "Relecture et correction de 2 000 mots.",
            "Relecture de 8 000 mots avec suggestions de style.",
            "Relecture de 25 000 mots, corrections de style et mise en page.",
        ),
        basic_price=(5, 60),
        max_price=500,
        delivery_days=(1, 5),
    ),
    "cv-lettre-motivation": GigVocabulary(
        titles=(
            "Je vais rédiger un CV percutant pour {niveau-experience}",
            "Je vais rédiger votre CV et votre lettre de motivation en {langue}",
            "Je vais soigner {prestation} pour {niveau-experience}",
            "Je vais rédiger un CV professionnel et percutant",
            "Je vais écrire votre lettre de motivation sur mesure",
            "Je vais optimiser votre CV et votre profil LinkedIn",
        ),
        pitches=(
            "Un recruteur passe en moyenne quelques secondes sur un CV : chaque ligne compte.",
            "Je vous aide à mettre en valeur votre parcours pour décrocher plus d'entretiens.",
        ),
        included=(
            "Le CV est adapté aux logiciels de recrutement et livré en Word et en PDF.",
            "Nous échangeons d'abord sur votre parcours et le poste que vous visez.",
        ),
        tags=(
            "cv",
            "lettre de motivation",
            "cv professionnel",
            "candidature",
            "profil linkedin",
            "recherche d'emploi",
        ),
        offers=(
            "Relecture et mise en forme de votre CV.",
            "Rédaction complète du CV et d'une lettre de motivation.",
            "CV, lettre de motivation et optimisation du profil LinkedIn.",
        ),
        basic_price=(10, 70),
        max_price=400,
        delivery_days=(1, 4),
    ),
    # Vidéo et animation
    "montage-video": GigVocabulary(
        titles=(
            "Je vais monter {type-video} de façon dynamique et professionnelle",
            "Je vais faire le montage de {type-video} au format {orientation}",
            "Je vais monter {type-video} avec {inclus}",
            "Je vais faire le montage professionnel de votre vidéo",
            "Je vais monter vos vidéos de façon dynamique et rythmée",
            "Je vais donner du rythme à vos vidéos grâce à un montage soigné",
        ),
        pitches=(
            "Un bon montage retient l'attention de vos spectateurs jusqu'à la dernière seconde.",
            "Vous filmez, je m'occupe du reste : coupes, rythme, musique et habillage.",
        ),
        included=(
            "J'ajoute transitions, titres, musique libre de droits et étalonnage des couleurs.",
            "La vidéo est exportée dans le format adapté à la plateforme de votre choix.",
        ),
        tags=(
            "montage vidéo",
            "monteur vidéo",
            "vlogmontage",
            "vidéo réseaux sociaux",
            "habillage vidéo",
        ),
        offers=(
            "Montage d'une vidéo jusqu'à 3 minutes.",
            "Montage jusqu'à 10 minutes avec sous-titres et musique.",
            "Montage jusqu'à 20 minutes, motion design, sous-titres et miniature.",
        ),
        basic_price=(10, 120),
        max_price=900,
        delivery_days=(1, 7),
    ),
    "video-explicative": GigVocabulary(
        titles=(
            "Je vais créer une vidéo explicative {style} {objectif}",
            "Je vais réaliser une vidéo animée {style} de {duree}",
            "Je vais créer une vidéo explicative animée pour votre produit",
            "Je vais réaliser une vidéo animée pour présenter votre service",
            "Je vais produire une vidéo animée claire et percutante pour votre entreprise",
        ),
        pitches=(
            "Une vidéo explicative fait comprendre votre offre en moins d'une minute.",
            "J'aide les entreprises à raconter leur produit simplement, en images animées.",
        ),
        included=(
            "Le projet comprend le script, le story-board, l'animation et la musique.",
            "Une voix off professionnelle peut être ajoutée en français ou en anglais.",
        ),
        tags=(
            "vidéo explicative",
            "motion design",
            "animation 2d",
            "vidéo animée",
            "whiteboard",
            "présentation produit",
        ),
        offers=(
            "Vidéo animée de 30 secondes.",
            "Vidéo de 60 secondes avec script et musique.",
            "Vidéo de 90 secondes, script, voix off et sous-titres.",
        ),
        basic_price=(40, 300),
        max_price=2500,
        delivery_days=(3, 14),
    ),
    "animation-logo": GigVocabulary(
        titles=(
            "Je vais animer votre logo {style} pour vos vidéos",
            "Je vais créer une animation de logo {style} en {format-fichier}",
            "Je vais animer votre logo pour une intro vidéo percutante",
            "Je vais créer une animation de logo professionnelle",
            "Je vais réaliser une intro et une outro animées avec votre logo",
        ),
        pitches=(
            "Un logo animé donne immédiatement un aspect professionnel à vos vidéos.",
            "Je transforme votre logo en une courte animation fluide et mémorable.",
        ),
        included=(
            "L'animation est livrée en Full HD ou en 4K, avec ou sans fond transparent.",
            "Un effet sonore assorti peut accompagner l'animation.",
        ),
        tags=(
            "animation logo {style}",
            "animation de logo",
            "logo animé",
            "intro vidéo",
            "motion design",
            "outro",
            "intro youtube",
        ),
        offers=(
            "Animation simple de 5 secondes en Full HD.",
            "Animation de 10 secondes avec effet sonore.",
            "Intro et outro animées en 4K, effets sonores et fichier source.",
        ),
        basic_price=(10, 80),
        max_price=500,
        delivery_days=(1, 5),
    ),
    "sous-titrage": GigVocabulary(
        titles=(
            "Je vais sous-titrer vos vidéos en {langue} avec précision",
            "Je vais ajouter {type-sous-titrage} en {langue} à vos vidéos",
            "Je vais sous-titrer vos vidéos et livrer les sous-titres {format-fichier}",
            "Je vais sous-titrer vos vidéos avec précision",
            "Je vais ajouter des sous-titres dynamiques à vos vidéos",
            "Je vais transcrire et sous-titrer vos vidéos YouTube",
        ),
        pitches=(
            "La plupart des vidéos sont regardées sans le son : les sous-titres sont "
            "indispensables.",
            "Des sous-titres bien synchronisés rendent vos vidéos accessibles à tous.",
        ),
        included=(
            "Je livre un fichier SRT ou la vidéo avec les sous-titres incrustés.",
            "Chaque sous-titre est relu et calé à l'image près.",
        ),
        tags=(
            "sous-titrage",
            "sous-titres",
            "transcription",
            "fichier srt",
            "sous-titres animés",
            "accessibilité",
        ),
        offers=(
            "Sous-titres pour 5 minutes de vidéo.",
            "Sous-titres pour 20 minutes de vidéo, incrustation comprise.",
            "Sous-titres pour 60 minutes, deux langues et style personnalisé.",
        ),
        basic_price=(5, 50),
        max_price=400,
        delivery_days=(1, 4),
    ),
    # Musique et audio
    "voix-off": GigVocabulary(
        titles=(
            "Je vais enregistrer une voix off {genre} professionnelle {objectif}",
            "Je vais enregistrer votre voix off en {langue}, accent {accent}",
            "Je vais enregistrer une voix off professionnelle pour votre vidéo",
            "Je vais prêter ma voix à votre publicité, podcast ou formation",
            "Je vais enregistrer une voix off chaleureuse et naturelle",
        ),
        pitches=(
            "Une voix chaleureuse et bien posée donne du poids à votre message.",
            "J'enregistre dans un home studio traité acoustiquement, avec un micro professionnel.",
        ),
        included=(
            "Le fichier est livré en WAV et en MP3, nettoyé et prêt à l'emploi.",
            "Je peux faire plusieurs prises avec des intentions différentes.",
        ),
        tags=(
            "voix off {langue}",
            "voix off",
            "comédien voix off",
            "narration",
            "voix publicitaire",
            "voix professionnelle",
            "enregistrement voix",
        ),
        offers=(
            "Enregistrement jusqu'à 100 mots.",
            "Enregistrement jusqu'à 300 mots, synchronisation sur la vidéo.",
            "Enregistrement jusqu'à 1 000 mots, musique de fond et droits de diffusion.",
        ),
        basic_price=(10, 100),
        max_price=700,
        delivery_days=(1, 4),
    ),
    "mixage-mastering": GigVocabulary(
        titles=(
            "Je vais mixer et masteriser votre morceau {genre-musical}",
            "Je vais assurer {prestation} de votre titre {genre-musical}",
            "Je vais mixer et masteriser votre morceau",
            "Je vais réaliser un mastering professionnel de votre titre",
            "Je vais mixer votre chanson pour un son de qualité radio",
        ),
        pitches=(
            "Un bon mixage fait ressortir chaque instrument et met votre voix en valeur.",
            "Je donne à vos morceaux la puissance et la clarté qu'ils méritent.",
        ),
        included=(
            "Vous recevez un master optimisé pour les plateformes de streaming.",
            "Je vous envoie une première version pour recueillir vos retours.",
        ),
        tags=(
            "mixage {genre-musical}",
            "mixage",
            "mastering",
            "mix",
            "ingénieur du son",
            "son radio",
            "home studio",
        ),
        offers=(
            "Mastering d'un titre.",
            "Mixage et mastering d'un titre jusqu'à 24 pistes.",
            "Mixage et mastering jusqu'à 60 pistes, stems et version instrumentale.",
        ),
        basic_price=(20, 150),
        max_price=800,
        delivery_days=(2, 7),
    ),
    "production-musicale": GigVocabulary(
        titles=(
            "Je vais produire une instrumentale {genre-musical} {usage}",
            "Je vais composer une musique {genre-musical} originale {usage}",
            "Je vais composer une musique originale pour votre projet",
            "Je vais produire une instrumentale sur mesure",
            "Je vais créer un jingle musical pour votre marque",
        ),
        pitches=(
            "Une musique originale donne une identité unique à votre vidéo, votre jeu ou votre "
            "marque.",
            "Je compose et produis des morceaux sur mesure, de l'idée au master final.",
        ),
        included=(
            "Vous recevez le morceau en haute qualité avec une licence d'utilisation claire.",
            "Nous définissons ensemble l'ambiance, le tempo et les références avant de commencer.",
        ),
        tags=(
            "instrumentale {genre-musical}",
            "production musicale",
            "composition",
            "instrumentale",
            "beatmaker",
            "jingle",
            "musique originale",
        ),
        offers=(
            "Une composition de 30 secondes.",
            "Un morceau de 2 minutes, mixé et masterisé.",
            "Un morceau complet, stems séparés et droits commerciaux.",
        ),
        basic_price=(30, 250),
        max_price=2000,
        delivery_days=(3, 14),
    ),
    "montage-podcast": GigVocabulary(
        titles=(
            "Je vais monter vos épisodes de podcast de {duree-episode}",
            "Je vais monter votre podcast {format-podcast} et soigner le son",
            "Je vais prendre en charge {prestation} de votre podcast",
            "Je vais monter et nettoyer l'audio de votre podcast",
            "Je vais éditer vos épisodes de podcast de façon professionnelle",
            "Je vais produire votre podcast de l'enregistrement à la publication",
        ),
        pitches=(
            "Un podcast agréable à écouter fidélise vos auditeurs épisode après épisode.",
            "Je supprime les silences, les hésitations et les bruits parasites de vos "
            "enregistrements.",
        ),
        included=(
            "J'ajoute votre générique, vos transitions et j'égalise le volume des voix.",
            "L'épisode est livré au format MP3, prêt à être publié.",
        ),
        tags=(
            "podcast {format-podcast}",
            "podcast",
            "montage podcast",
            "montage audio",
            "édition audio",
            "nettoyage audio",
            "générique podcast",
        ),
        offers=(
            "Montage d'un épisode jusqu'à 30 minutes.",
            "Montage jusqu'à 60 minutes, générique et réduction du bruit.",
            "Montage jusqu'à 90 minutes, générique, notes d'épisode et publication.",
        ),
        basic_price=(15, 100),
        max_price=600,
        delivery_days=(1, 5),
    ),
    # Programmation et tech
    "developpement-wordpress": GigVocabulary(
        titles=(
            "Je vais créer votre {type-site} sous WordPress avec {constructeur}",
            "Je vais assurer {prestation} pour votre site WordPress",
            "Je vais créer votre site WordPress professionnel et responsive",
            "Je vais corriger les bugs et les erreurs de votre site WordPress",
            "Je vais personnaliser votre thème WordPress selon votre charte",
        ),
        pitches=(
            "WordPress vous permet de gérer votre site en toute autonomie, sans connaissances "
            "techniques.",
            "Je crée des sites WordPress rapides, sécurisés et faciles à mettre à jour.",
        ),
        included=(
            "Le site est optimisé pour le mobile, la vitesse et le référencement.",
            "Je vous forme à la gestion de vos pages et de vos articles à la livraison.",
        ),
        tags=(
            "{constructeur}",
            "wordpress",
            "site wordpress",
            "création de site",
            "thème wordpress",
            "développeur wordpress",
        ),
        offers=(
            "Correction d'un bug ou site d'une page.",
            "Site vitrine de cinq pages avec formulaire de contact.",
            "Site complet de dix pages, blog, référencement de base et formation.",
        ),
        basic_price=(30, 300),
        max_price=2500,
        delivery_days=(2, 14),
    ),
    "site-web-sur-mesure": GigVocabulary(
        titles=(
            "Je vais développer votre {type-site} sur mesure en {technologie}",
            "Je vais coder votre {type-site} {nombre-pages} avec {technologie}",
            "Je vais développer votre site web sur mesure",
            "Je vais créer une application web rapide et sécurisée",
            "Je vais coder un site rapide, responsive et optimisé",
        ),
        pitches=(
            "Votre projet mérite mieux qu'un modèle générique.",
            "Je développe des sites et des applications web pensés pour vos besoins précis.",
        ),
        included=(
            "Le code est propre, documenté et livré avec un dépôt Git.",
            "Je m'occupe aussi de la mise en ligne et de la configuration du nom de domaine.",
        ),
        tags=(
            "{technologie}",
            "site web",
            "développement web",
            "site sur mesure",
            "développeur web",
            "landing page",
            "application web",
        ),
        offers=(
            "Une page responsive codée à la main.",
            "Site de cinq pages avec back-office simple.",
            "Application web complète, espace membre, base de données et mise en ligne.",
        ),
        basic_price=(80, 800),
        max_price=5000,
        delivery_days=(5, 30),
    ),
    "application-mobile": GigVocabulary(
        titles=(
            "Je vais développer votre application {type-application} en {technologie}",
            "Je vais créer votre application mobile {plateforme} avec {technologie}",
            "Je vais développer votre application mobile iOS et Android",
            "Je vais développer une application mobile fluide et intuitive",
            "Je vais concevoir et développer votre application de A à Z",
        ),
        pitches=(
            "Vous avez une idée d'application et cherchez quelqu'un pour la concrétiser ?",
            "Je développe des applications mobiles fluides, intuitives et stables.",
        ),
        included=(
            "Je vous accompagne jusqu'à la publication sur l'App Store et Google Play.",
            "Vous recevez le code source complet et une documentation technique.",
        ),
        tags=(
            "{technologie}",
            "application mobile",
            "développement mobile",
            "appli mobile",
            "création d'application",
        ),
        offers=(
            "Prototype ou correction d'une fonctionnalité.",
            "Application de cinq écrans avec connexion à une API.",
            "Application complète, back-end, notifications et publication sur les stores.",
        ),
        basic_price=(200, 1500),
        max_price=5000,
        delivery_days=(7, 30),
    ),
    "boutique-en-ligne": GigVocabulary(
        titles=(
            "Je vais créer votre boutique en ligne {plateforme} clé en main",
            "Je vais configurer votre boutique {plateforme} avec {nombre-produits} produits",
            "Je vais créer votre boutique en ligne clé en main",
            "Je vais développer votre site e-commerce complet et sécurisé",
            "Je vais configurer votre boutique en ligne et ajouter vos produits",
        ),
        pitches=(
            "Vendre en ligne n'a jamais été aussi accessible, à condition d'avoir une boutique "
            "bien pensée.",
            "Je crée des boutiques en ligne qui inspirent confiance et facilitent l'achat.",
        ),
        included=(
            "Paiement sécurisé, livraison et e-mails de confirmation sont configurés.",
            "J'ajoute vos premiers produits et je vous montre comment gérer les commandes.",
        ),
        tags=(
            "{plateforme}",
            "boutique en ligne",
            "e-commerce",
            "site marchand",
            "vente en ligne",
            "création de boutique",
        ),
        offers=(
            "Configuration d'une boutique avec dix produits.",
            "Boutique personnalisée, cinquante produits et paiement en ligne.",
            "Boutique complète, design sur mesure, cent produits et formation.",
        ),
        basic_price=(60, 500),
        max_price=4000,
        delivery_days=(3, 21),
    ),
    # Business
    "assistant-virtuel": GigVocabulary(
        titles=(
            "Je vais m'occuper de {tache} à distance",
            "Je vais vous assister {disponibilite} et organiser votre travail sur {outil}",
            "Je vais gérer vos tâches administratives à distance",
            "Je vais organiser votre agenda et trier vos e-mails",
            "Je vais vous assister dans la gestion quotidienne de votre activité",
        ),
        pitches=(
            "Déléguez les tâches chronophages et consacrez votre temps à l'essentiel.",
            "Je vous épaule au quotidien avec rigueur, discrétion et réactivité.",
        ),
        included=(
            "Gestion des e-mails, prise de rendez-vous, relances et classement de documents.",
            "Je m'adapte à vos outils : Google Workspace, Microsoft 365, Notion ou Trello.",
        ),
        tags=(
            "assistant virtuel",
            "assistance administrative",
            "secrétariat",
            "gestion d'agenda",
            "télésecrétariat",
            "gestion des e-mails",
        ),
        offers=(
            "Deux heures d'assistance.",
            "Cinq heures d'assistance et rapport d'activité.",
            "Quinze heures d'assistance sur le mois et suivi hebdomadaire.",
        ),
        basic_price=(10, 80),
        max_price=600,
        delivery_days=(1, 7),
    ),
    "business-plan": GigVocabulary(
        titles=(
            "Je vais rédiger {type-document} pour {objectif}",
            "Je vais rédiger un business plan solide pour les entreprises {secteur}",
            "Je vais rédiger un business plan professionnel pour votre projet",
            "Je vais réaliser votre prévisionnel financier sur trois ans",
            "Je vais préparer le business plan de votre levée de fonds",
        ),
        pitches=(
            "Un business plan solide convainc les banques, les investisseurs et vos associés.",
            "Je transforme votre idée en un projet chiffré, structuré et crédible.",
        ),
        included=(
            "Le dossier comprend l'étude de marché, la stratégie et le prévisionnel financier.",
            "Vous recevez un document Word modifiable et un tableur Excel détaillé.",
        ),
        tags=(
            "business plan",
            "prévisionnel financier",
            "création d'entreprise",
            "levée de fonds",
            "plan d'affaires",
            "étude financière",
        ),
        offers=(
            "Relecture et conseils sur votre business plan.",
            "Business plan complet avec prévisionnel sur trois ans.",
            "Business plan, prévisionnel, présentation investisseurs et accompagnement.",
        ),
        basic_price=(50, 400),
        max_price=3000,
        delivery_days=(3, 14),
    ),
    "etude-de-marche": GigVocabulary(
        titles=(
            "Je vais réaliser {type-etude} sur le marché {zone-geographique}",
            "Je vais étudier votre marché {zone-geographique} et vos concurrents",
            "Je vais réaliser une étude de marché détaillée pour votre projet",
            "Je vais analyser vos concurrents et votre marché cible",
            "Je vais mener une enquête et analyser les résultats pour vous",
        ),
        pitches=(
            "Avant de vous lancer, mieux vaut connaître votre marché et vos concurrents.",
            "Je vous fournis des données fiables pour prendre les bonnes décisions.",
        ),
        included=(
            "Le rapport présente la taille du marché, les tendances et les acteurs clés.",
            "Je cite toutes mes sources et je synthétise les résultats en graphiques clairs.",
        ),
        tags=(
            "étude de marché",
            "analyse concurrentielle",
            "veille",
            "marché cible",
            "enquête",
            "analyse de marché",
        ),
        offers=(
            "Analyse de cinq concurrents.",
            "Étude de marché de quinze pages avec recommandations.",
            "Étude complète, enquête en ligne et présentation des résultats.",
        ),
        basic_price=(40, 300),
        max_price=2500,
        delivery_days=(3, 14),
    ),
    "saisie-de-donnees": GigVocabulary(
        titles=(
            "Je vais effectuer {tache} sur {outil} sans erreur",
            "Je vais saisir vos données {source} dans {outil}",
            "Je vais saisir vos données rapidement et sans erreur",
            "Je vais effectuer votre saisie de données et la mise en forme",
            "Je vais extraire et organiser vos données avec rigueur",
        ),
        pitches=(
            "La saisie de données est longue et répétitive : confiez-la-moi.",
            "Je saisis, vérifie et organise vos données avec une grande précision.",
        ),
        included=(
            "Les fichiers sont livrés propres, sans doublons et prêts à l'emploi.",
            "Je travaille sur Excel, Google Sheets ou directement dans votre outil.",
        ),
        tags=(
            "{outil}",
            "saisie de données",
            "data entry",
            "tableur",
            "copier-coller",
            "saisie",
            "mise en forme",
            "base de données",
        ),
        offers=(
            "Saisie de 200 lignes.",
            "Saisie de 1 000 lignes avec vérification.",
            "Saisie de 3 000 lignes, nettoyage et mise en forme.",
        ),
        basic_price=(5, 40),
        max_price=300,
        delivery_days=(1, 5),
    ),
}

EXPERIENCE = (
    "Avec {years} ans d'expérience en {domain}, j'ai déjà accompagné plus de {clients} clients, "
    "des indépendants aux PME.",
    "Depuis {years} ans, je mets mon expertise en {domain} au service d'entrepreneurs, "
    "d'associations et d'entreprises de toutes tailles.",
    "Plus de {clients} clients m'ont déjà fait confiance pour des projets similaires.",
    "Je travaille en {domain} depuis {years} ans et chaque projet reçoit la même attention.",
    "Spécialiste en {domain}, j'ai réalisé plus de {clients} projets en {years} ans d'activité.",
    "{clients} commandes livrées et autant de clients satisfaits : votre projet est entre de "
    "bonnes mains.",
)

PROCESS = (
    "Avant de commencer, je vous pose quelques questions pour bien comprendre vos besoins.",
    "Je vous tiens au courant à chaque étape et je reste disponible par messagerie.",
    "Vous recevez une première version rapidement, puis nous l'ajustons ensemble.",
    "Les délais sont toujours respectés et la communication reste claire du début à la fin.",
    "Je vous envoie un aperçu avant la livraison finale pour valider la direction ensemble.",
    "Chaque étape est validée avec vous avant de passer à la suivante.",
    "Vous pouvez suivre l'avancement de votre commande à tout moment.",
)

CLOSINGS = (
    "N'hésitez pas à me contacter avant de commander pour discuter de votre projet.",
    "Envoyez-moi un message : je réponds en général en moins d'une heure.",
    "Votre satisfaction est ma priorité, les retouches sont faites sans discuter.",
    "Pour un projet particulier, demandez-moi un devis personnalisé.",
    "Au plaisir de travailler avec vous !",
)

# What makes titles of one subcategory differ at a million gigs: who the offer is for, and what
# the seller puts forward. A title naming a generic client ("pour votre entreprise") names one of
# the category's clients instead most of the time; others get one appended where it fits; a
# selling point often follows. Descriptions echo the same client.
GENERIC_AUDIENCES = ("pour votre entreprise", "pour votre marque", "pour votre projet")
AUDIENCES: dict[str, tuple[str, ...]] = {
    "graphisme-design": (
        "pour votre entreprise",
        "pour votre start-up",
        "pour votre boutique",
        "pour votre association",
        "pour votre restaurant",
        "pour votre salon de coiffure",
        "pour votre cabinet",
        "pour votre marque de vêtements",
        "pour votre chaîne YouTube",
        "pour votre food truck",
        "pour votre agence immobilière",
        "pour votre club de sport",
        "pour votre salle de sport",
        "pour votre boulangerie",
        "pour votre café",
        "pour votre école",
        "pour votre podcast",
        "pour votre marque de cosmétiques",
        "pour votre entreprise du bâtiment",
        "pour votre application",
    ),
    "marketing-digital": (
        "pour votre entreprise",
        "pour votre boutique en ligne",
        "pour votre start-up",
        "pour votre commerce local",
        "pour votre restaurant",
        "pour votre cabinet",
        "pour votre agence",
        "pour votre hôtel",
        "pour votre marque",
        "pour votre association",
        "pour votre site e-commerce",
        "pour votre activité de coaching",
        "pour votre salon",
        "pour votre marque de mode",
        "pour votre SaaS",
        "pour votre agence de voyage",
    ),
    "redaction-traduction": (
        "pour votre entreprise",
        "pour votre site internet",
        "pour votre blog",
        "pour votre boutique en ligne",
        "pour votre thèse",
        "pour votre mémoire",
        "pour votre start-up",
        "pour votre cabinet",
        "pour votre agence",
        "pour votre ONG",
        "pour votre association",
        "pour votre roman",
        "pour votre dossier de candidature",
        "pour votre catalogue",
        "pour votre fiche produit",
        "pour votre newsletter",
    ),
    "video-animation": (
        "pour votre entreprise",
        "pour votre chaîne YouTube",
        "pour votre compte TikTok",
        "pour votre mariage",
        "pour votre start-up",
        "pour votre formation en ligne",
        "pour votre marque",
        "pour votre événement",
        "pour votre association",
        "pour votre boutique",
        "pour votre lancement de produit",
        "pour votre podcast vidéo",
        "pour vos réseaux sociaux",
        "pour votre salon professionnel",
        "pour votre agence",
    ),
    "musique-audio": (
        "pour votre entreprise",
        "pour votre podcast",
        "pour votre publicité",
        "pour votre chaîne YouTube",
        "pour votre jeu vidéo",
        "pour votre court métrage",
        "pour votre album",
        "pour votre EP",
        "pour votre single",
        "pour votre formation",
        "pour votre livre audio",
        "pour votre standard téléphonique",
        "pour votre radio",
        "pour votre spectacle",
        "pour votre documentaire",
    ),
    "programmation-tech": (
        "pour votre entreprise",
        "pour votre start-up",
        "pour votre restaurant",
        "pour votre boutique",
        "pour votre cabinet",
        "pour votre association",
        "pour votre agence immobilière",
        "pour votre hôtel",
        "pour votre salle de sport",
        "pour votre école",
        "pour votre activité de coaching",
        "pour votre artisanat",
        "pour votre PME",
        "pour votre marque",
        "pour votre portfolio",
        "pour votre blog",
    ),
    "business": (
        "pour votre entreprise",
        "pour votre start-up",
        "pour votre PME",
        "pour votre cabinet",
        "pour votre commerce",
        "pour votre restaurant",
        "pour votre association",
        "pour votre franchise",
        "pour votre projet agricole",
        "pour votre levée de fonds",
        "pour votre prêt bancaire",
        "pour votre agence",
        "pour votre activité d'indépendant",
        "pour votre boutique en ligne",
    ),
}
SELLING_POINTS: dict[str, tuple[str, ...]] = {
    "": (
        "livré en 24 h",
        "livraison express",
        "retouches illimitées",
        "satisfaction garantie",
        "travail soigné",
        "devis gratuit",
        "résultat professionnel",
        "à petit prix",
        "en toute confidentialité",
        "suivi personnalisé",
        "premier échange offert",
        "réponse rapide",
    ),
    "graphisme-design": (
        "fichiers sources inclus",
        "fichiers vectoriels inclus",
        "droits commerciaux inclus",
        "trois propositions au choix",
        "haute définition",
        "prêt à imprimer",
    ),
    "marketing-digital": (
        "rapport détaillé inclus",
        "résultats mesurables",
        "audit offert",
        "stratégie sur mesure",
        "suivi mensuel",
    ),
    "redaction-traduction": (
        "relecture incluse",
        "texte optimisé SEO",
        "style naturel",
        "zéro faute",
        "par une plume native",
    ),
    "video-animation": (
        "musique libre de droits",
        "sous-titres inclus",
        "en 4K",
        "format vertical offert",
        "effets et transitions inclus",
    ),
    "musique-audio": (
        "qualité studio",
        "livré en WAV et MP3",
        "micro professionnel",
        "droits inclus",
        "deux versions au choix",
    ),
    "programmation-tech": (
        "code propre et documenté",
        "responsive",
        "maintenance incluse",
        "hébergement offert",
        "optimisé pour le SEO",
        "sécurisé",
        "formation incluse",
    ),
    "business": (
        "livrable Excel inclus",
        "modèle prêt à l'emploi",
        "accompagnement personnalisé",
        "données vérifiées",
        "présentation incluse",
    ),
}
# Verbs sellers use for the same work: the first verb of a title may be any of its group.
VERB_GROUPS = (
    ("créer", "concevoir", "réaliser", "imaginer"),
    ("rédiger", "écrire"),
    ("développer", "coder", "programmer"),
    ("optimiser", "améliorer", "booster"),
    ("gérer", "piloter"),
    ("monter", "éditer"),
)
AUDIENCE_SENTENCES = (
    "Cette offre a été pensée {audience}.",
    "Je travaille souvent {audience} et je connais les attentes de ce type de projet.",
    "Parfait {audience} qui veut un résultat professionnel sans y passer des semaines.",
    "Que ce soit {audience} ou pour un projet personnel, je m'adapte à votre demande.",
)

# Seller profiles. {based}, {freelance}, {passionate} and {glad} take the seller's gender.
PERSON_INTROS = (
    "Bonjour, je suis {first_name}, {profession} {based} {place}.",
    "Je m'appelle {first_name} et je suis {profession} {freelance}, {based} {place}.",
    "{profession_cap} {passionate}, j'habite {place} et je travaille avec des clients du monde "
    "entier.",
)
AGENCY_INTROS = (
    "{brand} est un petit studio basé {place}, spécialisé en {domain}.",
    "Nous sommes {brand}, une équipe de {team} passionnés de {domain}, installée {place}.",
)
PERSON_DETAILS = (
    "J'ai travaillé pour des start-up, des commerçants et des associations.",
    "Écoute, rigueur et respect des délais sont mes priorités.",
    "Avant de me lancer à mon compte, j'ai passé plusieurs années en agence.",
    "J'aime les projets qui ont du sens et les clients qui ont des idées.",
    "Je réponds rapidement et je m'adapte à votre fuseau horaire.",
    "Plus de {clients} clients m'ont déjà confié leurs projets.",
)
AGENCY_DETAILS = (
    "Nous avons déjà mené plus de {clients} projets pour des clients en Europe et en Afrique.",
    "Chaque commande est suivie par un chef de projet dédié.",
    "Nous travaillons en équipe pour livrer vite, sans sacrifier la qualité.",
)
PERSON_CLOSINGS = (
    "Écrivez-moi pour parler de votre projet !",
    "À bientôt sur Microtache !",
    "Je serai {glad} de vous aider.",
)
AGENCY_CLOSINGS = (
    "Contactez-nous pour un devis personnalisé.",
    "À bientôt sur Microtache !",
)

GENDERED = {
    "based": ("basée", "basé"),
    "freelance": ("indépendante", "indépendant"),
    "passionate": ("passionnée", "passionné"),
    "glad": ("ravie", "ravi"),
}

# Attributes whose labels are common nouns or adjectives, lowercased inside a sentence
# ("en français", "une traduction juridique"); other labels are names ("WordPress", "PNG").
LOWERCASE_ATTRIBUTES = (
    "langue",
    "specialite",
    "ton",
    "accent",
    "genre-musical",
    "duree-episode",
)

# Attributes whose values are language slugs ("fr") or pairs of them ("fr-en"): a seller offers
# the languages they speak.
LANGUAGE_ATTRIBUTES = ("langue", "paire-langues")

# Values that only go with some values of an earlier attribute of the same gig: an accent
# belongs to the languages of the voice over.
REQUIRES: dict[str, tuple[str, dict[str, frozenset[str]]]] = {
    "accent": (
        "langue",
        {
            "francais-france": frozenset({"fr"}),
            "quebecois": frozenset({"fr"}),
            "belge": frozenset({"fr"}),
            "suisse": frozenset({"fr"}),
            "africain": frozenset({"fr", "wo", "bm", "ln", "sw"}),
            "antillais": frozenset({"fr", "ht"}),
            "americain": frozenset({"en"}),
            "britannique": frozenset({"en"}),
            "australien": frozenset({"en"}),
            "espagnol-espagne": frozenset({"es"}),
            "espagnol-latino": frozenset({"es"}),
        },
    ),
}

# Attribute values that follow the seller: (feminine, masculine) for a voice, and the accent of
# the seller's country.
VOICE_GENDER = {"genre": ("femme", "homme")}
ACCENT_BY_COUNTRY = {
    "accent": {
        "FR": "francais-france",
        "MC": "francais-france",
        "CA": "quebecois",
        "BE": "belge",
        "CH": "suisse",
        "HT": "antillais",
        "US": "americain",
        "GB": "britannique",
        "ES": "espagnol-espagne",
        "SN": "africain",
        "CI": "africain",
        "CM": "africain",
        "BJ": "africain",
        "BF": "africain",
        "ML": "africain",
        "TG": "africain",
        "GN": "africain",
        "GA": "africain",
        "CD": "africain",
        "CG": "africain",
        "NE": "africain",
    },
}

BRAND_PREFIXES = ("Atelier", "Studio", "Agence", "Maison", "Collectif", "Lab")


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(","))


BRAND_NOUNS = _words(
    "Lumière, Pixel, Horizon, Boussole, Étincelle, Plume, Sillage, Écho, Comète, Mosaïque, Azur, "
    "Baobab, Sahel, Atlas, Cèdre, Nomade, Vanille, Colibri, Hibiscus, Méridien, Alizé, Zénith, "
    "Kora, Teranga, Jasmin, Érable"
)


@dataclass(frozen=True)
class Names:
    feminine: tuple[str, ...]
    masculine: tuple[str, ...]
    surnames: tuple[str, ...]


NAMES: dict[str, Names] = {
    "europe": Names(
        _words(
            "Claire, Sophie, Camille, Léa, Manon, Chloé, Inès, Émilie, Gaëlle, Zoé, Noémie, "
            "Hélène, Céline, Maëlle, Élodie, Mathilde, Pauline, Nathalie, Fanny, Océane, Anaïs, "
            "Margaux, Louise, Jade, Nina, Julie, Aurélie, Charlotte, Lucie, Sarah, Laëtitia, "
            "Justine, Marine, Elsa"
        ),
        _words(
            "Julien, Thomas, Hugo, Lucas, Benoît, François, Jérôme, Loïc, Raphaël, Antoine, "
            "Maxime, Clément, Sébastien, Stéphane, Arnaud, Laurent, Rémi, Bastien, Alexis, "
            "Gabriel, Arthur, Louis, Jules, Nathan, Théo, Mathieu, Nicolas, Quentin, Romain, "
            "Adrien, Cédric, Grégoire, Yannick"
        ),
        _words(
            "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, "
            "Simon, Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, "
            "Morel, Girard, André, Mercier, Dupont, Lambert, Bonnet, François, Martinez, Legrand, "
            "Peeters, Janssens, Maes, Jacobs, Favre, Rochat, Müller, Weber, Schmitt, Gauthier"
        ),
    ),
    "quebec": Names(
        _words(
            "Marie-Ève, Catherine, Geneviève, Isabelle, Audrey, Mélanie, Valérie, Annie, Josée, "
            "Maude, Émilie, Florence, Rosalie, Béatrice, Alexandra"
        ),
        _words(
            "Jean-François, Mathieu, Simon, Guillaume, Olivier, Félix, Samuel, Étienne, "
            "Marc-André, Francis, Sébastien, Maxime, Philippe, William"
        ),
        _words(
            "Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, Gagné, "
            "Ouellet, Pelletier, Bélanger, Lévesque, Bergeron, Leblanc, Paquette, Girard, Simard, "
            "Boucher"
        ),
    ),
    "maghreb": Names(
        _words(
            "Yasmine, Salma, Nadia, Rania, Imane, Khadija, Meriem, Amira, Leïla, Sofia, Nour, "
            "Ikram, Hajar, Asma, Samira, Lina, Soumaya, Kenza"
        ),
        _words(
            "Youssef, Karim, Amine, Mehdi, Sami, Wassim, Omar, Hamza, Anis, Bilal, Rachid, Nabil, "
            "Adel, Walid, Riad, Ilyes, Othmane, Zakaria"
        ),
        _words(
            "Benali, El Amrani, Bennani, Haddad, Mansouri, Belkacem, Cherif, Bouazizi, Trabelsi, "
            "Ben Salah, Alaoui, Tazi, Idrissi, Meziane, Saidi, Hamdi, Kaddour, Ouali, Chaabane, "
            "Mejri"
        ),
    ),
    "afrique_ouest": Names(
        _words(
            "Aïssatou, Fatou, Awa, Mariam, Aminata, Seynabou, Ndeye, Khady, Adjoua, Affoué, Aya, "
            "Rokia, Kadiatou, Fanta, Oumou, Ramatou, Mireille, Prisca, Estelle, Grâce"
        ),
        _words(
            "Mamadou, Moussa, Ousmane, Ibrahima, Cheikh, Abdoulaye, Adama, Koffi, Kouadio, Yao, "
            "Serge, Modeste, Boubacar, Seydou, Souleymane, Issa, Didier, Arsène, Fabrice, Landry"
        ),
        _words(
            "Diallo, Ndiaye, Diop, Fall, Sow, Ba, Sy, Traoré, Coulibaly, Koné, Ouattara, Konaté, "
            "Camara, Cissé, Kouassi, Kouamé, Yao, N'Guessan, Sawadogo, Ouédraogo, Agbodjan, "
            "Houngbédji, Mensah, Adjovi"
        ),
    ),
    "afrique_centrale": Names(
        _words(
            "Christelle, Sandrine, Murielle, Chantal, Nadège, Flore, Grâce, Ornella, Larissa, "
            "Ange, Danielle, Carine, Esther, Joëlle"
        ),
        _words(
            "Armel, Rodrigue, Landry, Hervé, Franck, Blaise, Patrick, Junior, Christian, Boris, "
            "Cédric, Jean-Paul, Dieudonné, Gaël"
        ),
        _words(
            "Mbarga, Nkoulou, Fotso, Tchoupo, Essomba, Ngono, Kamga, Mbappé, Nzeyimana, Mukendi, "
            "Ilunga, Tshibanda, Mavoungou, Moukala, Obiang, Ndong, Mba"
        ),
    ),
    "ocean_indien": Names(
        _words(
            "Fanja, Tiana, Hanta, Voahirana, Nirina, Lalaina, Mialy, Priya, Anjali, Vanessa, Noëlla"
        ),
        _words("Rova, Hery, Tojo, Faly, Andry, Mamy, Rado, Kevin, Vikash, Yannick"),
        _words(
            "Rakoto, Rasoanaivo, Randriamampionona, Andrianarisoa, Razafindrakoto, Rabe, "
            "Ravelojaona, Ramgoolam, Jugnauth, Bégué, Payet"
        ),
    ),
    "haiti": Names(
        _words("Nadège, Rose-Marie, Fabiola, Stéphanie, Guerline, Mirlande, Naïka"),
        _words("Jean-Robert, Wilson, Stanley, Ricardo, Frantz, Evens, Jimmy"),
        _words(
            "Joseph, Pierre, Jean-Baptiste, Louis, Charles, Désir, Étienne, Célestin, Fils-Aimé"
        ),
    ),
    "international": Names(
        _words("Maria, Sarah, Emma, Laura, Anna, Sofia, Giulia, Ana, Lotte, Hannah, Priya, Olivia"),
        _words("David, Daniel, Marco, Luca, Pedro, Javier, Lukas, Jan, Rahul, James, Tiago, Pablo"),
        _words(
            "Smith, Johnson, Brown, Rossi, Bianchi, García, López, Silva, Santos, Schneider, "
            "Fischer, de Vries, Jansen, Sharma, Patel"
        ),
    ),
}


@dataclass(frozen=True)
class CountryProfile:
    weight: float
    region: str  # a key of NAMES
    place: str  # reads after "basée": "en France"
    francophone: bool
    mother_tongues: tuple[str, ...] = ()  # often a seller's native language, besides French
    second_languages: tuple[str, ...] = ()  # often learnt at school or at work
    cities: tuple[str, ...] = ()  # a seller may name a city instead of the country
    main_timezone: str = ""  # where most people live, when the country spans several zones


def _country(
    weight: float,
    region: str,
    place: str,
    mother_tongues: str = "",
    cities: str = "",
    *,
    second: str = "",
    francophone: bool = True,
    main_timezone: str = "",
) -> CountryProfile:
    return CountryProfile(
        weight,
        region,
        place,
        francophone,
        tuple(mother_tongues.split()),
        tuple(second.split()),
        _words(cities) if cities else (),
        main_timezone,
    )


COUNTRIES: dict[str, CountryProfile] = {
    "FR": _country(
        52,
        "europe",
        "en France",
        cities="Paris, Lyon, Marseille, Bordeaux, Nantes, Lille, Toulouse, Rennes, Montpellier, "
        "Strasbourg, Nice, Grenoble",
    ),
    "BE": _country(
        7,
        "europe",
        "en Belgique",
        "",
        second="nl",
        cities="Bruxelles, Liège, Namur, Charleroi, Mons",
    ),
    "CH": _country(
        4, "europe", "en Suisse", "", second="de it", cities="Genève, Lausanne, Neuchâtel, Fribourg"
    ),
    "LU": _country(0.5, "europe", "au Luxembourg", second="de"),
    "MC": _country(0.2, "europe", "à Monaco", second="it"),
    "CA": _country(
        8,
        "quebec",
        "au Canada",
        second="en",
        cities="Montréal, Québec, Gatineau, Sherbrooke",
        main_timezone="America/Toronto",
    ),
    "MA": _country(6, "maghreb", "au Maroc", "ar", "Casablanca, Rabat, Marrakech, Tanger, Fès"),
    "DZ": _country(3, "maghreb", "en Algérie", "ar", "Alger, Oran, Constantine"),
    "TN": _country(3, "maghreb", "en Tunisie", "ar", "Tunis, Sfax, Sousse"),
    "SN": _country(4, "afrique_ouest", "au Sénégal", "wo", "Dakar, Thiès, Saint-Louis"),
    "CI": _country(4, "afrique_ouest", "en Côte d'Ivoire", "", "Abidjan, Bouaké, Yamoussoukro"),
    "CM": _country(3, "afrique_centrale", "au Cameroun", "", second="en", cities="Douala, Yaoundé"),
    "MG": _country(2, "ocean_indien", "à Madagascar", "mg", "Antananarivo, Toamasina"),
    "BJ": _country(1.5, "afrique_ouest", "au Bénin", "", "Cotonou, Porto-Novo"),
    "BF": _country(1, "afrique_ouest", "au Burkina Faso", "", "Ouagadougou"),
    "ML": _country(1, "afrique_ouest", "au Mali", "bm", "Bamako"),
    "NE": _country(0.4, "afrique_ouest", "au Niger", "", "Niamey"),
    "TG": _country(1, "afrique_ouest", "au Togo", "", "Lomé"),
    "GN": _country(0.8, "afrique_ouest", "en Guinée", "", "Conakry"),
    "GA": _country(0.6, "afrique_centrale", "au Gabon", "", "Libreville"),
    "CD": _country(
        1.5,
        "afrique_centrale",
        "en République démocratique du Congo",
        "ln",
        second="sw",
        cities="Kinshasa",
        main_timezone="Africa/Kinshasa",
    ),
    "CG": _country(0.5, "afrique_centrale", "au Congo", "ln", "Brazzaville, Pointe-Noire"),
    "RW": _country(0.3, "afrique_centrale", "au Rwanda", "sw", "Kigali"),
    "MU": _country(0.5, "ocean_indien", "à l'île Maurice", second="en"),
    "HT": _country(0.8, "haiti", "en Haïti", "ht", "Port-au-Prince"),
    "US": _country(
        1,
        "international",
        "aux États-Unis",
        "en",
        francophone=False,
        main_timezone="America/New_York",
    ),
    "GB": _country(0.6, "international", "au Royaume-Uni", "en", "Londres", francophone=False),
    "DE": _country(0.5, "international", "en Allemagne", "de", "Berlin", francophone=False),
    "ES": _country(
        0.5,
        "international",
        "en Espagne",
        "es",
        francophone=False,
        main_timezone="Europe/Madrid",
    ),
    "IT": _country(0.5, "international", "en Italie", "it", "Rome, Milan", francophone=False),
    "PT": _country(
        0.4,
        "international",
        "au Portugal",
        "pt",
        francophone=False,
        main_timezone="Europe/Lisbon",
    ),
    "NL": _country(0.3, "international", "aux Pays-Bas", "nl", "Amsterdam", francophone=False),
    "IN": _country(0.8, "international", "en Inde", "hi", second="en", francophone=False),
}

# Languages a seller may add on top of French and the local language, most common first.
EXTRA_LANGUAGES = ("en", "es", "de", "it", "pt", "ar", "nl", "ro", "pl", "ru", "tr", "zh", "ja")
EXTRA_LANGUAGE_WEIGHTS = (60, 12, 8, 6, 4, 3, 2, 1, 1, 1, 1, 1, 0.5)
