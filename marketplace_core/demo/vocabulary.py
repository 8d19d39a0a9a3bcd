"""French vocabulary of the demo catalog: offers per subcategory, names, places and pitches.

Texts may hold ``{placeholders}``. In gig titles and tags a placeholder names an attribute slug
of the subcategory and is replaced by the wording of the value chosen for that gig; a text whose
attribute does not exist in the taxonomy is simply never picked.
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

# Wording of an attribute value inside a title or a tag, keyed "attribute:value". Values not
# listed read as their French label (lowercased when it is an ordinary word).
VALUE_PHRASES: dict[str, str] = {}

SUBCATEGORIES: dict[str, GigVocabulary] = {
    # Graphisme et design
    "conception-logo": GigVocabulary(
        titles=(
            "Je vais créer un logo professionnel et unique pour votre entreprise",
            "Je vais concevoir un logo moderne et mémorable pour votre marque",
            "Je vais dessiner votre logo sur mesure, fichiers sources inclus",
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
        tags=("logo", "création de logo", "logo professionnel", "logo entreprise", "logotype",
              "identité visuelle", "design de logo"),
        offers=(
            "Une proposition de logo en haute résolution (PNG et JPG).",
            "Trois propositions de logo, fichiers vectoriels et favicon.",
            "Cinq propositions, fichiers sources, déclinaisons et mini charte graphique.",
        ),
        basic_price=(5, 60), max_price=300, delivery_days=(1, 5),
    ),
    "identite-visuelle": GigVocabulary(
        titles=(
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
            "La charte précise vos couleurs, vos typographies et les règles d'utilisation du "
            "logo.",
            "Cartes de visite, en-têtes et modèles pour les réseaux sociaux peuvent être inclus.",
        ),
        tags=("identité visuelle", "charte graphique", "branding", "kit de marque",
              "image de marque", "carte de visite"),
        offers=(
            "Palette de couleurs, typographies et planche de tendance.",
            "Charte graphique complète avec déclinaisons du logo.",
            "Charte complète, papeterie, modèles réseaux sociaux et fichiers sources.",
        ),
        basic_price=(30, 150), max_price=1200, delivery_days=(3, 10),
    ),
    "illustration": GigVocabulary(
        titles=(
            "Je vais dessiner une illustration originale pour votre projet",
            "Je vais réaliser une illustration personnalisée de qualité professionnelle",
            "Je vais illustrer votre livre jeunesse ou votre album",
            "Je vais dessiner votre portrait en illustration numérique",
        ),
        pitches=(
            "J'adore donner vie aux idées de mes clients à travers le dessin.",
            "Vous avez besoin d'une illustration unique pour un livre, une affiche ou un site ?",
        ),
        included=(
            "Je vous envoie un croquis à valider avant de passer à la mise en couleur.",
            "L'illustration finale est livrée en haute définition, prête à imprimer.",
        ),
        tags=("illustration", "dessin", "illustration numérique", "portrait", "livre jeunesse",
              "dessin personnalisé"),
        offers=(
            "Une illustration simple en noir et blanc.",
            "Une illustration en couleur avec arrière-plan simple.",
            "Une illustration détaillée en couleur, décor complet et fichier source.",
        ),
        basic_price=(10, 120), max_price=800, delivery_days=(2, 10),
    ),
    "visuels-reseaux-sociaux": GigVocabulary(
        titles=(
            "Je vais créer des visuels accrocheurs pour vos réseaux sociaux",
            "Je vais concevoir vos publications Instagram et Facebook",
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
        tags=("réseaux sociaux", "visuels instagram", "publication facebook", "post instagram",
              "modèles canva", "bannière"),
        offers=(
            "Trois visuels pour un réseau social.",
            "Dix visuels adaptés à deux réseaux sociaux.",
            "Vingt visuels, modèles Canva modifiables et bannières de profil.",
        ),
        basic_price=(5, 50), max_price=300, delivery_days=(1, 4),
    ),
    # Marketing digital
    "referencement-seo": GigVocabulary(
        titles=(
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
        tags=("seo", "référencement", "référencement naturel", "audit seo", "mots-clés",
              "google"),
        offers=(
            "Audit rapide de la page d'accueil et recommandations.",
            "Audit complet, recherche de mots-clés et optimisation de cinq pages.",
            "Audit, stratégie de contenu, optimisation de quinze pages et suivi d'un mois.",
        ),
        basic_price=(15, 150), max_price=1500, delivery_days=(2, 10),
    ),
    "gestion-reseaux-sociaux": GigVocabulary(
        titles=(
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
        tags=("community manager", "réseaux sociaux", "gestion instagram",
              "animation de communauté", "stratégie social media", "linkedin"),
        offers=(
            "Huit publications par mois sur un réseau.",
            "Quinze publications par mois sur deux réseaux et réponses aux commentaires.",
            "Trente publications par mois, trois réseaux, stories et rapport mensuel.",
        ),
        basic_price=(30, 250), max_price=1500, delivery_days=(5, 30),
    ),
    "publicite-en-ligne": GigVocabulary(
        titles=(
            "Je vais créer et gérer vos campagnes Google Ads",
            "Je vais lancer des publicités Facebook et Instagram rentables",
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
        tags=("publicité en ligne", "google ads", "facebook ads", "campagne publicitaire",
              "sea", "meta ads"),
        offers=(
            "Création d'une campagne avec un groupe d'annonces.",
            "Trois campagnes, ciblage avancé et suivi des conversions.",
            "Stratégie complète, campagnes multiples et optimisation pendant un mois.",
        ),
        basic_price=(25, 200), max_price=1500, delivery_days=(2, 10),
    ),
    "emailing": GigVocabulary(
        titles=(
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
        tags=("emailing", "newsletter", "e-mail marketing", "mailchimp",
              "séquence automatisée", "brevo"),
        offers=(
            "Un modèle de newsletter responsive.",
            "Un modèle, la rédaction du contenu et l'envoi de la campagne.",
            "Séquence automatisée de cinq e-mails, segmentation et rapport.",
        ),
        basic_price=(20, 150), max_price=900, delivery_days=(2, 7),
    ),
    # Rédaction et traduction
    "traduction": GigVocabulary(
        titles=(
            "Je vais traduire vos documents avec précision et fluidité",
            "Je vais réaliser une traduction professionnelle de vos textes",
            "Je vais traduire votre site web ou vos fiches produits",
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
        tags=("traduction", "traducteur", "traduction professionnelle", "traduction anglais",
              "traduction de documents", "localisation"),
        offers=(
            "Traduction de 500 mots.",
            "Traduction de 1 500 mots et relecture.",
            "Traduction de 4 000 mots, relecture et glossaire.",
        ),
        basic_price=(10, 80), max_price=600, delivery_days=(1, 5),
    ),
    "redaction-web": GigVocabulary(
        titles=(
            "Je vais rédiger des articles de blog optimisés pour le SEO",
            "Je vais écrire les textes de votre site internet",
            "Je vais rédiger des fiches produits qui donnent envie d'acheter",
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
        tags=("rédaction web", "article de blog", "rédacteur", "copywriting", "contenu seo",
              "fiche produit"),
        offers=(
            "Un article de 500 mots.",
            "Un article de 1 000 mots optimisé SEO avec méta-description.",
            "Trois articles de 1 000 mots, recherche de mots-clés et images libres de droits.",
        ),
        basic_price=(10, 100), max_price=700, delivery_days=(1, 7),
    ),
    "relecture-correction": GigVocabulary(
        titles=(
            "Je vais relire et corriger vos textes en français",
            "Je vais corriger l'orthographe et la grammaire de vos documents",
            "Je vais relire votre mémoire, votre thèse ou votre manuscrit",
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
        tags=("relecture", "correction", "orthographe", "correcteur", "relecture de mémoire",
              "grammaire"),
        offers=(
            "Relecture et correction de 2 000 mots.",
            "Relecture de 8 000 mots avec suggestions de style.",
            "Relecture de 25 000 mots, corrections de style et mise en page.",
        ),
        basic_price=(5, 60), max_price=500, delivery_days=(1, 5),
    ),
    "cv-lettre-motivation": GigVocabulary(
        titles=(
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
        tags=("cv", "lettre de motivation", "cv professionnel", "candidature",
              "profil linkedin", "recherche d'emploi"),
        offers=(
            "Relecture et mise en forme de votre CV.",
            "Rédaction complète du CV et d'une lettre de motivation.",
            "CV, lettre de motivation et optimisation du profil LinkedIn.",
        ),
        basic_price=(10, 70), max_price=400, delivery_days=(1, 4),
    ),
    # Vidéo et animation
    "montage-video": GigVocabulary(
        titles=(
            "Je vais faire le montage professionnel de votre vidéo",
            "Je vais monter vos vidéos YouTube de façon dynamique",
            "Je vais monter vos vidéos courtes pour TikTok, Reels et Shorts",
        ),
        pitches=(
            "Un bon montage retient l'attention de vos spectateurs jusqu'à la dernière seconde.",
            "Vous filmez, je m'occupe du reste : coupes, rythme, musique et habillage.",
        ),
        included=(
            "J'ajoute transitions, titres, musique libre de droits et étalonnage des couleurs.",
            "La vidéo est exportée dans le format adapté à la plateforme de votre choix.",
        ),
        tags=("montage vidéo", "monteur vidéo", "vidéo youtube", "reels", "tiktok", "vlog"),
        offers=(
            "Montage d'une vidéo jusqu'à 3 minutes.",
            "Montage jusqu'à 10 minutes avec sous-titres et musique.",
            "Montage jusqu'à 20 minutes, motion design, sous-titres et miniature.",
        ),
        basic_price=(10, 120), max_price=900, delivery_days=(1, 7),
    ),
    "video-explicative": GigVocabulary(
        titles=(
            "Je vais créer une vidéo explicative animée pour votre produit",
            "Je vais réaliser une vidéo en motion design pour présenter votre service",
            "Je vais produire une vidéo animée en 2D pour votre entreprise",
        ),
        pitches=(
            "Une vidéo explicative fait comprendre votre offre en moins d'une minute.",
            "J'aide les entreprises à raconter leur produit simplement, en images animées.",
        ),
        included=(
            "Le projet comprend le script, le story-board, l'animation et la musique.",
            "Une voix off professionnelle peut être ajoutée en français ou en anglais.",
        ),
        tags=("vidéo explicative", "motion design", "animation 2d", "vidéo animée",
              "whiteboard", "présentation produit"),
        offers=(
            "Vidéo animée de 30 secondes.",
            "Vidéo de 60 secondes avec script et musique.",
            "Vidéo de 90 secondes, script, voix off et sous-titres.",
        ),
        basic_price=(40, 300), max_price=2500, delivery_days=(3, 14),
    ),
    "animation-logo": GigVocabulary(
        titles=(
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
        tags=("animation de logo", "logo animé", "intro vidéo", "motion design", "outro",
              "intro youtube"),
        offers=(
            "Animation simple de 5 secondes en Full HD.",
            "Animation de 10 secondes avec effet sonore.",
            "Intro et outro animées en 4K, effets sonores et fichier source.",
        ),
        basic_price=(10, 80), max_price=500, delivery_days=(1, 5),
    ),
    "sous-titrage": GigVocabulary(
        titles=(
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
        tags=("sous-titrage", "sous-titres", "transcription", "fichier srt",
              "sous-titres animés", "accessibilité"),
        offers=(
            "Sous-titres pour 5 minutes de vidéo.",
            "Sous-titres pour 20 minutes de vidéo, incrustation comprise.",
            "Sous-titres pour 60 minutes, deux langues et style personnalisé.",
        ),
        basic_price=(5, 50), max_price=400, delivery_days=(1, 4),
    ),
    # Musique et audio
    "voix-off": GigVocabulary(
        titles=(
            "Je vais enregistrer une voix off professionnelle pour votre vidéo",
            "Je vais prêter ma voix à votre publicité, podcast ou formation",
            "Je vais enregistrer votre message de répondeur téléphonique",
        ),
        pitches=(
            "Une voix chaleureuse et bien posée donne du poids à votre message.",
            "J'enregistre dans un home studio traité acoustiquement, avec un micro "
            "professionnel.",
        ),
        included=(
            "Le fichier est livré en WAV et en MP3, nettoyé et prêt à l'emploi.",
            "Je peux faire plusieurs prises avec des intentions différentes.",
        ),
        tags=("voix off", "comédien voix off", "voix française", "narration", "répondeur",
              "voix publicitaire"),
        offers=(
            "Enregistrement jusqu'à 100 mots.",
            "Enregistrement jusqu'à 300 mots, synchronisation sur la vidéo.",
            "Enregistrement jusqu'à 1 000 mots, musique de fond et droits de diffusion.",
        ),
        basic_price=(10, 100), max_price=700, delivery_days=(1, 4),
    ),
    "mixage-mastering": GigVocabulary(
        titles=(
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
        tags=("mixage", "mastering", "mix", "ingénieur du son", "son radio", "home studio"),
        offers=(
            "Mastering d'un titre.",
            "Mixage et mastering d'un titre jusqu'à 24 pistes.",
            "Mixage et mastering jusqu'à 60 pistes, stems et version instrumentale.",
        ),
        basic_price=(20, 150), max_price=800, delivery_days=(2, 7),
    ),
    "production-musicale": GigVocabulary(
        titles=(
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
            "Nous définissons ensemble l'ambiance, le tempo et les références avant de "
            "commencer.",
        ),
        tags=("production musicale", "composition", "instrumentale", "beatmaker", "jingle",
              "musique originale"),
        offers=(
            "Une composition de 30 secondes.",
            "Un morceau de 2 minutes, mixé et masterisé.",
            "Un morceau complet, stems séparés et droits commerciaux.",
        ),
        basic_price=(30, 250), max_price=2000, delivery_days=(3, 14),
    ),
    "montage-podcast": GigVocabulary(
        titles=(
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
        tags=("podcast", "montage podcast", "montage audio", "édition audio",
              "nettoyage audio", "générique podcast"),
        offers=(
            "Montage d'un épisode jusqu'à 30 minutes.",
            "Montage jusqu'à 60 minutes, générique et réduction du bruit.",
            "Montage jusqu'à 90 minutes, générique, notes d'épisode et publication.",
        ),
        basic_price=(15, 100), max_price=600, delivery_days=(1, 5),
    ),
    # Programmation et tech
    "developpement-wordpress": GigVocabulary(
        titles=(
            "Je vais créer votre site WordPress professionnel et responsive",
            "Je vais corriger les bugs et les erreurs de votre site WordPress",
            "Je vais personnaliser votre thème WordPress avec Elementor",
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
        tags=("wordpress", "site wordpress", "elementor", "création de site",
              "thème wordpress", "développeur wordpress"),
        offers=(
            "Correction d'un bug ou site d'une page.",
            "Site vitrine de cinq pages avec formulaire de contact.",
            "Site complet de dix pages, blog, référencement de base et formation.",
        ),
        basic_price=(30, 300), max_price=2500, delivery_days=(2, 14),
    ),
    "site-web-sur-mesure": GigVocabulary(
        titles=(
            "Je vais développer votre site web sur mesure",
            "Je vais créer une application web rapide et sécurisée",
            "Je vais coder votre page d'atterrissage responsive en HTML et CSS",
        ),
        pitches=(
            "Votre projet mérite mieux qu'un modèle générique.",
            "Je développe des sites et des applications web pensés pour vos besoins précis.",
        ),
        included=(
            "Le code est propre, documenté et livré avec un dépôt Git.",
            "Je m'occupe aussi de la mise en ligne et de la configuration du nom de domaine.",
        ),
        tags=("site web", "développement web", "site sur mesure", "développeur web",
              "landing page", "application web"),
        offers=(
            "Une page responsive codée à la main.",
            "Site de cinq pages avec back-office simple.",
            "Application web complète, espace membre, base de données et mise en ligne.",
        ),
        basic_price=(80, 800), max_price=5000, delivery_days=(5, 30),
    ),
    "application-mobile": GigVocabulary(
        titles=(
            "Je vais développer votre application mobile iOS et Android",
            "Je vais créer votre application mobile avec Flutter",
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
        tags=("application mobile", "développement mobile", "android", "ios", "flutter",
              "react native"),
        offers=(
            "Prototype ou correction d'une fonctionnalité.",
            "Application de cinq écrans avec connexion à une API.",
            "Application complète, back-end, notifications et publication sur les stores.",
        ),
        basic_price=(200, 1500), max_price=5000, delivery_days=(7, 30),
    ),
    "boutique-en-ligne": GigVocabulary(
        titles=(
            "Je vais créer votre boutique en ligne Shopify clé en main",
            "Je vais développer votre site e-commerce avec WooCommerce",
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
        tags=("boutique en ligne", "e-commerce", "shopify", "woocommerce", "site marchand",
              "vente en ligne"),
        offers=(
            "Configuration d'une boutique avec dix produits.",
            "Boutique personnalisée, cinquante produits et paiement en ligne.",
            "Boutique complète, design sur mesure, cent produits et formation.",
        ),
        basic_price=(60, 500), max_price=4000, delivery_days=(3, 21),
    ),
    # Business
    "assistant-virtuel": GigVocabulary(
        titles=(
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
        tags=("assistant virtuel", "assistance administrative", "secrétariat",
              "gestion d'agenda", "télésecrétariat", "gestion des e-mails"),
        offers=(
            "Deux heures d'assistance.",
            "Cinq heures d'assistance et rapport d'activité.",
            "Quinze heures d'assistance sur le mois et suivi hebdomadaire.",
        ),
        basic_price=(10, 80), max_price=600, delivery_days=(1, 7),
    ),
    "business-plan": GigVocabulary(
        titles=(
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
        tags=("business plan", "prévisionnel financier", "création d'entreprise",
              "levée de fonds", "plan d'affaires", "étude financière"),
        offers=(
            "Relecture et conseils sur votre business plan.",
            "Business plan complet avec prévisionnel sur trois ans.",
            "Business plan, prévisionnel, présentation investisseurs et accompagnement.",
        ),
        basic_price=(50, 400), max_price=3000, delivery_days=(3, 14),
    ),
    "etude-de-marche": GigVocabulary(
        titles=(
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
        tags=("étude de marché", "analyse concurrentielle", "veille", "marché cible",
              "enquête", "analyse de marché"),
        offers=(
            "Analyse de cinq concurrents.",
            "Étude de marché de quinze pages avec recommandations.",
            "Étude complète, enquête en ligne et présentation des résultats.",
        ),
        basic_price=(40, 300), max_price=2500, delivery_days=(3, 14),
    ),
    "saisie-de-donnees": GigVocabulary(
        titles=(
            "Je vais saisir vos données dans Excel rapidement et sans erreur",
            "Je vais effectuer votre saisie de données et la mise en forme",
            "Je vais extraire et organiser vos données dans un tableur",
        ),
        pitches=(
            "La saisie de données est longue et répétitive : confiez-la-moi.",
            "Je saisis, vérifie et organise vos données avec une grande précision.",
        ),
        included=(
            "Les fichiers sont livrés propres, sans doublons et prêts à l'emploi.",
            "Je travaille sur Excel, Google Sheets ou directement dans votre outil.",
        ),
        tags=("saisie de données", "excel", "data entry", "tableur", "copier-coller",
              "google sheets"),
        offers=(
            "Saisie de 200 lignes.",
            "Saisie de 1 000 lignes avec vérification.",
            "Saisie de 3 000 lignes, nettoyage et mise en forme.",
        ),
        basic_price=(5, 40), max_price=300, delivery_days=(1, 5),
    ),
}

EXPERIENCE = (
    "Avec {years} ans d'expérience en {domain}, j'ai déjà accompagné plus de {clients} clients, "
    "des indépendants aux PME.",
    "Depuis {years} ans, je mets mon expertise en {domain} au service d'entrepreneurs, "
    "d'associations et d'entreprises de toutes tailles.",
    "Plus de {clients} clients m'ont déjà fait confiance pour des projets similaires.",
    "Je travaille en {domain} depuis {years} ans et chaque projet reçoit la même attention.",
)

PROCESS = (
    "Avant de commencer, je vous pose quelques questions pour bien comprendre vos besoins.",
    "Je vous tiens au courant à chaque étape et je reste disponible par messagerie.",
    "Vous recevez une première version rapidement, puis nous l'ajustons ensemble.",
    "Les délais sont toujours respectés et la communication reste claire du début à la fin.",
)

CLOSINGS = (
    "N'hésitez pas à me contacter avant de commander pour discuter de votre projet.",
    "Envoyez-moi un message : je réponds en général en moins d'une heure.",
    "Votre satisfaction est ma priorité, les retouches sont faites sans discuter.",
    "Pour un projet particulier, demandez-moi un devis personnalisé.",
    "Au plaisir de travailler avec vous !",
)

# Seller profiles. {based}, {freelance} and {passionate} take the seller's grammatical gender.
PERSON_INTROS = (
    "Bonjour, je suis {first_name}, {profession} {based} {place}.",
    "Je m'appelle {first_name} et je suis {profession} {freelance}, {based} {place}.",
    "{profession_cap} {passionate}, j'habite {place} et je travaille avec des clients du monde "
    "entier.",
)
AGENCY_INTROS = (
    "{brand} est un petit studio {place_adj} {place}, spécialisé en {domain}.",
    "Nous sommes {brand}, une équipe de {team} passionnés de {domain} {place_adj} {place}.",
)
PERSON_DETAILS = (
    "J'ai travaillé pour des start-up, des commerçants et des associations.",
    "Écoute, rigueur et respect des délais sont mes priorités.",
    "Avant de me lancer en indépendant, j'ai passé plusieurs années en agence.",
    "J'aime les projets qui ont du sens et les clients qui ont des idées.",
    "Je réponds rapidement et je m'adapte à votre fuseau horaire.",
)
AGENCY_DETAILS = (
    "Nous avons déjà mené plus de {clients} projets pour des clients en Europe et en Afrique.",
    "Chaque commande est suivie par un chef de projet dédié.",
    "Nous travaillons en équipe pour livrer vite, sans sacrifier la qualité.",
)
PROFILE_CLOSINGS = (
    "Écrivez-moi pour parler de votre projet !",
    "À bientôt sur Microtache !",
    "Je serai ravie de vous aider.",
    "Je serai ravi de vous aider.",
    "Contactez-nous pour un devis personnalisé.",
)

GENDERED = {
    "based": ("basée", "basé"),
    "freelance": ("indépendante", "indépendant"),
    "passionate": ("passionnée", "passionné"),
}

BRAND_PREFIXES = ("Atelier", "Studio", "Agence", "Maison", "Collectif", "Lab")
BRAND_NOUNS = (
    "Lumière", "Pixel", "Horizon", "Boussole", "Étincelle", "Plume", "Sillage", "Écho",
    "Comète", "Mosaïque", "Azur", "Baobab", "Sahel", "Atlas", "Cèdre", "Nomade", "Vanille",
    "Colibri", "Hibiscus", "Méridien", "Alizé", "Zénith", "Kora", "Teranga", "Jasmin", "Érable",
)

# First names (feminine, masculine) and surnames by region.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "europe": (
        ("Claire", "Sophie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Émilie", "Gaëlle",
         "Zoé", "Noémie", "Hélène", "Céline", "Maëlle", "Élodie", "Mathilde", "Pauline",
         "Nathalie", "Fanny", "Océane", "Anaïs", "Margaux", "Louise", "Jade", "Nina", "Julie",
         "Aurélie", "Charlotte", "Lucie", "Sarah", "Laëtitia", "Justine", "Marine", "Elsa"),
        ("Julien", "Thomas", "Hugo", "Lucas", "Benoît", "François", "Jérôme", "Loïc", "Raphaël",
         "Antoine", "Maxime", "Clément", "Sébastien", "Stéphane", "Arnaud", "Laurent", "Rémi",
         "Bastien", "Alexis", "Gabriel", "Arthur", "Louis", "Jules", "Nathan", "Théo",
         "Mathieu", "Nicolas", "Quentin", "Romain", "Adrien", "Cédric", "Grégoire", "Yannick"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
         "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
         "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
         "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Peeters", "Janssens",
         "Maes", "Jacobs", "Favre", "Rochat", "Müller", "Weber", "Schmitt", "Gauthier"),
    ),
    "quebec": (
        ("Marie-Ève", "Catherine", "Geneviève", "Isabelle", "Audrey", "Mélanie", "Valérie",
         "Annie", "Josée", "Maude", "Émilie", "Florence", "Rosalie", "Béatrice", "Alexandra"),
        ("Jean-François", "Mathieu", "Simon", "Guillaume", "Olivier", "Félix", "Samuel",
         "Étienne", "Marc-André", "Francis", "Sébastien", "Maxime", "Philippe", "William"),
        ("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
         "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
         "Leblanc", "Paquette", "Girard", "Simard", "Boucher"),
    ),
    "maghreb": (
        ("Yasmine", "Salma", "Nadia", "Rania", "Imane", "Khadija", "Meriem", "Amira", "Leïla",
         "Sofia", "Nour", "Ikram", "Hajar", "Asma", "Samira", "Lina", "Soumaya", "Kenza"),
        ("Youssef", "Karim", "Amine", "Mehdi", "Sami", "Wassim", "Omar", "Hamza", "Anis",
         "Bilal", "Rachid", "Nabil", "Adel", "Walid", "Riad", "Ilyes", "Othmane", "Zakaria"),
        ("Benali", "El Amrani", "Bennani", "Haddad", "Mansouri", "Belkacem", "Cherif",
         "Bouazizi", "Trabelsi", "Ben Salah", "Alaoui", "Tazi", "Idrissi", "Meziane",
         "Saidi", "Hamdi", "Kaddour", "Ouali", "Chaabane", "Mejri"),
    ),
    "afrique_ouest": (
        ("Aïssatou", "Fatou", "Awa", "Mariam", "Aminata", "Seynabou", "Ndeye", "Khady",
         "Adjoua", "Affoué", "Aya", "Rokia", "Kadiatou", "Fanta", "Oumou", "Ramatou",
         "Mireille", "Prisca", "Estelle", "Grâce"),
        ("Mamadou", "Moussa", "Ousmane", "Ibrahima", "Cheikh", "Abdoulaye", "Adama",
         "Koffi", "Kouadio", "Yao", "Serge", "Modeste", "Boubacar", "Seydou", "Souleymane",
         "Issa", "Didier", "Arsène", "Fabrice", "Landry"),
        ("Diallo", "Ndiaye", "Diop", "Fall", "Sow", "Ba", "Sy", "Traoré", "Coulibaly", "Koné",
         "Ouattara", "Konaté", "Camara", "Cissé", "Kouassi", "Kouamé", "Yao", "N'Guessan",
         "Sawadogo", "Ouédraogo", "Agbodjan", "Houngbédji", "Mensah", "Adjovi"),
    ),
    "afrique_centrale": (
        ("Christelle", "Sandrine", "Murielle", "Chantal", "Nadège", "Flore", "Grâce",
         "Ornella", "Larissa", "Ange", "Danielle", "Carine", "Esther", "Joëlle"),
        ("Armel", "Rodrigue", "Landry", "Hervé", "Franck", "Blaise", "Patrick", "Junior",
         "Christian", "Boris", "Cédric", "Jean-Paul", "Dieudonné", "Gaël"),
        ("Mbarga", "Nkoulou", "Fotso", "Tchoupo", "Essomba", "Ngono", "Kamga", "Mbappé",
         "Nzeyimana", "Mukendi", "Kabila", "Ilunga", "Tshibanda", "Mavoungou", "Moukala",
         "Obiang", "Ndong", "Mba"),
    ),
    "ocean_indien": (
        ("Fanja", "Tiana", "Hanta", "Voahirana", "Nirina", "Lalaina", "Mialy", "Priya",
         "Anjali", "Vanessa", "Noëlla"),
        ("Rova", "Hery", "Tojo", "Faly", "Andry", "Mamy", "Rado", "Kevin", "Vikash", "Yannick"),
        ("Rakoto", "Rasoanaivo", "Randriamampionona", "Andrianarisoa", "Razafindrakoto",
         "Rabe", "Ravelojaona", "Ramgoolam", "Jugnauth", "Bégué", "Payet"),
    ),
    "haiti": (
        ("Nadège", "Rose-Marie", "Fabiola", "Stéphanie", "Guerline", "Mirlande", "Naïka"),
        ("Jean-Robert", "Wilson", "Stanley", "Ricardo", "Frantz", "Evens", "Jimmy"),
        ("Joseph", "Pierre", "Jean-Baptiste", "Louis", "Charles", "Désir", "Étienne",
         "Célestin", "Fils-Aimé"),
    ),
    "international": (
        ("Maria", "Sarah", "Emma", "Laura", "Anna", "Sofia", "Giulia", "Ana", "Lotte",
         "Hannah", "Priya", "Olivia"),
        ("David", "Daniel", "Marco", "Luca", "Pedro", "Javier", "Lukas", "Jan", "Rahul",
         "James", "Tiago", "Pablo"),
        ("Smith", "Johnson", "Brown", "Rossi", "Bianchi", "García", "López", "Silva",
         "Santos", "Schneider", "Fischer", "de Vries", "Jansen", "Sharma", "Patel"),
    ),
}


@dataclass(frozen=True)
class CountryProfile:
    weight: float
    region: str  # a key of NAMES
    place: str  # reads after "basée": "en France"
    francophone: bool
    local_languages: tuple[str, ...] = ()  # the native language besides French, if any
    cities: tuple[str, ...] = ()
    main_timezone: str = ""  # where most of the country lives, when it spans several zones


COUNTRIES: dict[str, CountryProfile] = {
    "FR": CountryProfile(52, "europe", "en France", True, (),
                         ("Paris", "Lyon", "Marseille", "Bordeaux", "Nantes", "Lille",
                          "Toulouse", "Rennes", "Montpellier", "Strasbourg", "Nice", "Grenoble")),
    "BE": CountryProfile(7, "europe", "en Belgique", True, ("nl",),
                         ("Bruxelles", "Liège", "Namur", "Charleroi", "Mons")),
    "CH": CountryProfile(4, "europe", "en Suisse", True, ("de", "it"),
                         ("Genève", "Lausanne", "Neuchâtel", "Fribourg")),
    "LU": CountryProfile(0.5, "europe", "au Luxembourg", True, ("de",)),
    "MC": CountryProfile(0.2, "europe", "à Monaco", True, ("it",)),
    "CA": CountryProfile(8, "quebec", "au Canada", True, ("en",),
                         ("Montréal", "Québec", "Gatineau", "Sherbrooke"), "America/Toronto"),
    "MA": CountryProfile(6, "maghreb", "au Maroc", True, ("ar",),
                         ("Casablanca", "Rabat", "Marrakech", "Tanger", "Fès")),
    "DZ": CountryProfile(3, "maghreb", "en Algérie", True, ("ar",),
                         ("Alger", "Oran", "Constantine")),
    "TN": CountryProfile(3, "maghreb", "en Tunisie", True, ("ar",), ("Tunis", "Sfax", "Sousse")),
    "SN": CountryProfile(4, "afrique_ouest", "au Sénégal", True, ("wo",), ("Dakar", "Thiès")),
    "CI": CountryProfile(4, "afrique_ouest", "en Côte d'Ivoire", True, (),
                         ("Abidjan", "Bouaké", "Yamoussoukro")),
    "CM": CountryProfile(3, "afrique_centrale", "au Cameroun", True, ("en",),
                         ("Douala", "Yaoundé")),
    "MG": CountryProfile(2, "ocean_indien", "à Madagascar", True, ("mg",), ("Antananarivo",)),
    "BJ": CountryProfile(1.5, "afrique_ouest", "au Bénin", True, (), ("Cotonou",)),
    "BF": CountryProfile(1, "afrique_ouest", "au Burkina Faso", True, (), ("Ouagadougou",)),
    "ML": CountryProfile(1, "afrique_ouest", "au Mali", True, ("bm",), ("Bamako",)),
    "NE": CountryProfile(0.4, "afrique_ouest", "au Niger", True, (), ("Niamey",)),
    "TG": CountryProfile(1, "afrique_ouest", "au Togo", True, (), ("Lomé",)),
    "GN": CountryProfile(0.8, "afrique_ouest", "en Guinée", True, (), ("Conakry",)),
    "GA": CountryProfile(0.6, "afrique_centrale", "au Gabon", True, (), ("Libreville",)),
    "CD": CountryProfile(1.5, "afrique_centrale", "en République démocratique du Congo", True,
                         ("ln", "sw"), ("Kinshasa",), "Africa/Kinshasa"),
    "CG": CountryProfile(0.5, "afrique_centrale", "au Congo", True, ("ln",), ("Brazzaville",)),
    "RW": CountryProfile(0.3, "afrique_centrale", "au Rwanda", True, ("sw",), ("Kigali",)),
    "MU": CountryProfile(0.5, "ocean_indien", "à l'île Maurice", True, ("en",)),
    "HT": CountryProfile(0.8, "haiti", "en Haïti", True, ("ht",)),
    "US": CountryProfile(1, "international", "aux États-Unis", False, ("en",), (),
                         "America/New_York"),
    "GB": CountryProfile(0.6, "international", "au Royaume-Uni", False, ("en",), ("Londres",)),
    "DE": CountryProfile(0.5, "international", "en Allemagne", False, ("de",), ("Berlin",)),
    "ES": CountryProfile(0.5, "international", "en Espagne", False, ("es",), (),
                         "Europe/Madrid"),
    "IT": CountryProfile(0.5, "international", "en Italie", False, ("it",), ("Rome", "Milan")),
    "PT": CountryProfile(0.4, "international", "au Portugal", False, ("pt",), (),
                         "Europe/Lisbon"),
    "NL": CountryProfile(0.3, "international", "aux Pays-Bas", False, ("nl",), ("Amsterdam",)),
    "IN": CountryProfile(0.8, "international", "en Inde", False, ("hi", "en")),
}

# Languages a seller may add on top of French and the local language, most common first.
EXTRA_LANGUAGES = ("en", "es", "de", "it", "pt", "ar", "nl", "ro", "pl", "ru", "tr", "zh", "ja")
EXTRA_LANGUAGE_WEIGHTS = (60, 12, 8, 6, 4, 3, 2, 1, 1, 1, 1, 1, 0.5)
