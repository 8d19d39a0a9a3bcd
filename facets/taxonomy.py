"""The category tree of Microtache and the attributes buyers filter on in each subcategory.

Data only. An attribute used by several subcategories is declared once; the quote criteria of a
subcategory (R-QUO-2, R-REQ-1) are the very same objects as its attributes.
"""

from __future__ import annotations

from facets.common import LANGUAGES
from facets.model import Attribute, Category, Label, Subcategory, Taxonomy, choices

# --- Shared ---------------------------------------------------------------------------------

SECTEUR = Attribute(
    "secteur",
    Label("Secteur d'activité", "Industry"),
    choices(
        ("tech", "Technologie", "Technology"),
        ("e-commerce", "E-commerce", "E-commerce"),
        ("restauration", "Restauration", "Food & restaurants"),
        ("mode", "Mode", "Fashion"),
        ("sante", "Santé", "Health"),
        ("beaute-bien-etre", "Beauté et bien-être", "Beauty & wellness"),
        ("immobilier", "Immobilier", "Real estate"),
        ("education", "Éducation", "Education"),
        ("finance", "Finance", "Finance"),
        ("sport", "Sport", "Sports"),
        ("tourisme", "Tourisme", "Travel & tourism"),
        ("artisanat", "Artisanat", "Crafts"),
        ("associatif", "Associatif", "Non-profit"),
    ),
)

# Language of the content produced (not the languages the seller speaks).
LANGUE = Attribute("langue", Label("Langue", "Language"), LANGUAGES, multi=True)

PLATEFORME_SOCIALE = Attribute(
    "plateforme",
    Label("Plateforme", "Platform"),
    choices(
        ("instagram", "Instagram", "Instagram"),
        ("facebook", "Facebook", "Facebook"),
        ("linkedin", "LinkedIn", "LinkedIn"),
        ("tiktok", "TikTok", "TikTok"),
        ("x-twitter", "X (Twitter)", "X (Twitter)"),
        ("pinterest", "Pinterest", "Pinterest"),
        ("youtube", "YouTube", "YouTube"),
    ),
    multi=True,
)

GENRE_MUSICAL = Attribute(
    "genre-musical",
    Label("Genre musical", "Music genre"),
    choices(
        ("pop", "Pop", "Pop"),
        ("rock", "Rock", "Rock"),
        ("hip-hop-rap", "Hip-hop / rap", "Hip-hop / rap"),
        ("rnb", "R&B", "R&B"),
        ("electro", "Électro", "Electronic"),
        ("afro", "Afrobeat / afro", "Afrobeat / afro"),
        ("reggae", "Reggae / dancehall", "Reggae / dancehall"),
        ("jazz", "Jazz", "Jazz"),
        ("classique", "Classique / orchestral", "Classical / orchestral"),
        ("metal", "Metal", "Metal"),
        ("variete-francaise", "Variété française", "French pop"),
        ("musique-de-film", "Musique de film", "Film score"),
    ),
    multi=True,
)

# --- Graphisme et design --------------------------------------------------------------------

LOGO_STYLE = Attribute(
    "style",
    Label("Style", "Style"),
    choices(
        ("minimaliste", "Minimaliste", "Minimalist"),
        ("vintage", "Vintage", "Vintage"),
        ("3d", "3D", "3D"),
        ("mascotte", "Mascotte", "Mascot"),
        ("typographique", "Lettrage / typographique", "Lettering / wordmark"),
        ("signature", "Signature", "Signature"),
        ("embleme", "Emblème", "Emblem"),
        ("abstrait", "Abstrait", "Abstract"),
        ("dessine-main", "Dessiné à la main", "Hand-drawn"),
    ),
)

FORMAT_FICHIER_GRAPHIQUE = Attribute(
    "format-fichier",
    Label("Format de fichier", "File format"),
    choices(
        ("ai", "AI", "AI"),
        ("eps", "EPS", "EPS"),
        ("pdf", "PDF", "PDF"),
        ("png", "PNG", "PNG"),
        ("svg", "SVG", "SVG"),
        ("jpg", "JPG", "JPG"),
        ("psd", "PSD", "PSD"),
    ),
    multi=True,
)

LOGO_INCLUS = Attribute(
    "inclus",
    Label("Inclus dans le service", "Service includes"),
    choices(
        ("fichier-source", "Fichier source", "Source file"),
        ("haute-resolution", "Haute résolution", "High resolution"),
        ("fond-transparent", "Fond transparent", "Transparent background"),
        ("vectoriel", "Fichier vectoriel", "Vector file"),
        ("mockup-3d", "Mockup 3D", "3D mockup"),
        ("kit-reseaux-sociaux", "Kit réseaux sociaux", "Social media kit"),
        ("fichier-impression", "Fichier prêt pour l'impression", "Printable file"),
    ),
    multi=True,
)

IDENTITE_LIVRABLES = Attribute(
    "livrables",
    Label("Livrables", "Deliverables"),
    choices(
        ("logo", "Logo", "Logo"),
        ("charte-graphique", "Charte graphique", "Brand style guide"),
        ("palette-couleurs", "Palette de couleurs", "Color palette"),
        ("typographies", "Typographies", "Typography"),
        ("cartes-de-visite", "Cartes de visite", "Business cards"),
        ("papier-en-tete", "Papier à en-tête", "Letterhead"),
        ("signature-email", "Signature e-mail", "Email signature"),
        ("kit-reseaux-sociaux", "Kit réseaux sociaux", "Social media kit"),
    ),
    multi=True,
)

ILLUSTRATION_STYLE = Attribute(
    "style",
    Label("Style", "Style"),
    choices(
        ("dessin-anime", "Dessin animé", "Cartoon"),
        ("realiste", "Réaliste", "Realistic"),
        ("aquarelle", "Aquarelle", "Watercolor"),
        ("manga", "Manga", "Anime / manga"),
        ("flat-design", "Flat design", "Flat"),
        ("ligne-claire", "Ligne claire", "Line art"),
        ("pixel-art", "Pixel art", "Pixel art"),
        ("croquis", "Croquis", "Sketch"),
    ),
)

ILLUSTRATION_USAGE = Attribute(
    "usage",
    Label("Utilisation", "Use"),
    choices(
        ("livre-jeunesse", "Livre jeunesse", "Children's book"),
        ("couverture-livre", "Couverture de livre", "Book cover"),
        ("bande-dessinee", "Bande dessinée", "Comics"),
        ("affiche", "Affiche", "Poster"),
        ("site-web", "Site web", "Website"),
        ("jeu-video", "Jeu vidéo", "Video game"),
        ("packaging", "Packaging", "Packaging"),
        ("portrait", "Portrait", "Portrait"),
    ),
)

ILLUSTRATION_TECHNIQUE = Attribute(
    "technique",
    Label("Technique", "Technique"),
    choices(
        ("numerique", "Numérique", "Digital"),
        ("vectorielle", "Vectorielle", "Vector"),
        ("traditionnelle", "Traditionnelle (papier)", "Traditional (on paper)"),
        ("3d", "3D", "3D"),
    ),
)

VISUEL_TYPE = Attribute(
    "type-visuel",
    Label("Type de visuel", "Design type"),
    choices(
        ("publication", "Publication", "Post"),
        ("story", "Story", "Story"),
        ("carrousel", "Carrousel", "Carousel"),
        ("banniere", "Bannière / couverture", "Banner / cover"),
        ("miniature-youtube", "Miniature YouTube", "YouTube thumbnail"),
        ("publicite", "Visuel publicitaire", "Ad creative"),
    ),
    multi=True,
)

# --- Marketing digital ----------------------------------------------------------------------

SEO_TYPE = Attribute(
    "type-seo",
    Label("Type de référencement", "SEO type"),
    choices(
        ("audit", "Audit SEO", "SEO audit"),
        ("on-page", "SEO on-page", "On-page SEO"),
        ("off-page", "Netlinking (off-page)", "Off-page / link building"),
        ("technique", "SEO technique", "Technical SEO"),
        ("local", "SEO local", "Local SEO"),
        ("mots-cles", "Recherche de mots-clés", "Keyword research"),
    ),
    multi=True,
)

CMS = Attribute(
    "cms",
    Label("Plateforme du site", "Website platform"),
    choices(
        ("wordpress", "WordPress", "WordPress"),
        ("shopify", "Shopify", "Shopify"),
        ("wix", "Wix", "Wix"),
        ("prestashop", "PrestaShop", "PrestaShop"),
        ("webflow", "Webflow", "Webflow"),
        ("squarespace", "Squarespace", "Squarespace"),
        ("sur-mesure", "Site sur mesure", "Custom-built"),
    ),
    multi=True,
)

RESEAUX_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("strategie", "Stratégie de contenu", "Content strategy"),
        ("creation-contenu", "Création de contenu", "Content creation"),
        ("planification", "Planification des publications", "Post scheduling"),
        ("community-management", "Animation de communauté", "Community management"),
        ("reporting", "Analyse et reporting", "Analytics & reporting"),
    ),
    multi=True,
)

RESEAUX_FREQUENCE = Attribute(
    "frequence",
    Label("Fréquence de publication", "Posting frequency"),
    choices(
        ("quotidienne", "Quotidienne", "Daily"),
        ("3-par-semaine", "3 fois par semaine", "3 times a week"),
        ("hebdomadaire", "Hebdomadaire", "Weekly"),
        ("mensuelle", "Mensuelle", "Monthly"),
    ),
)

PUB_PLATEFORME = Attribute(
    "plateforme",
    Label("Régie publicitaire", "Ad platform"),
    choices(
        ("google-ads", "Google Ads", "Google Ads"),
        ("meta-ads", "Meta Ads (Facebook, Instagram)", "Meta Ads (Facebook, Instagram)"),
        ("tiktok-ads", "TikTok Ads", "TikTok Ads"),
        ("linkedin-ads", "LinkedIn Ads", "LinkedIn Ads"),
        ("microsoft-ads", "Microsoft Ads", "Microsoft Ads"),
        ("youtube-ads", "YouTube Ads", "YouTube Ads"),
        ("snapchat-ads", "Snapchat Ads", "Snapchat Ads"),
    ),
    multi=True,
)

PUB_OBJECTIF = Attribute(
    "objectif",
    Label("Objectif de campagne", "Campaign goal"),
    choices(
        ("notoriete", "Notoriété", "Brand awareness"),
        ("trafic", "Trafic", "Traffic"),
        ("prospects", "Génération de prospects", "Lead generation"),
        ("ventes", "Ventes", "Sales"),
        ("installations-appli", "Installations d'application", "App installs"),
    ),
)

PUB_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("creation-campagne", "Création de campagne", "Campaign setup"),
        ("gestion-optimisation", "Gestion et optimisation", "Management & optimization"),
        ("audit", "Audit de compte", "Account audit"),
        ("suivi-conversions", "Suivi des conversions", "Conversion tracking"),
    ),
    multi=True,
)

EMAILING_OUTIL = Attribute(
    "outil",
    Label("Outil d'e-mailing", "Email platform"),
    choices(
        ("mailchimp", "Mailchimp", "Mailchimp"),
        ("brevo", "Brevo", "Brevo"),
        ("klaviyo", "Klaviyo", "Klaviyo"),
        ("hubspot", "HubSpot", "HubSpot"),
        ("activecampaign", "ActiveCampaign", "ActiveCampaign"),
        ("mailerlite", "MailerLite", "MailerLite"),
    ),
    multi=True,
)

EMAILING_TYPE = Attribute(
    "type-campagne",
    Label("Type de campagne", "Campaign type"),
    choices(
        ("newsletter", "Newsletter", "Newsletter"),
        ("promotionnelle", "Campagne promotionnelle", "Promotional campaign"),
        ("sequence-automatisee", "Séquence automatisée", "Automated sequence"),
        ("bienvenue", "Séquence de bienvenue", "Welcome series"),
        ("panier-abandonne", "Relance de panier abandonné", "Abandoned cart"),
    ),
    multi=True,
)

EMAILING_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("redaction", "Rédaction", "Copywriting"),
        ("design-modele", "Design de modèle", "Template design"),
        ("integration-html", "Intégration HTML", "HTML coding"),
        ("configuration", "Configuration et automatisation", "Setup & automation"),
        ("nettoyage-liste", "Nettoyage de liste", "List cleaning"),
    ),
    multi=True,
)

# --- Rédaction et traduction ----------------------------------------------------------------

PAIRE_LANGUES = Attribute(
    "paire-langues",
    Label("Paire de langues", "Language pair"),
    choices(
        ("fr-en", "Français → Anglais", "French → English"),
        ("en-fr", "Anglais → Français", "English → French"),
        ("fr-es", "Français → Espagnol", "French → Spanish"),
        ("es-fr", "Espagnol → Français", "Spanish → French"),
        ("fr-de", "Français → Allemand", "French → German"),
        ("de-fr", "Allemand → Français", "German → French"),
        ("fr-it", "Français → Italien", "French → Italian"),
        ("it-fr", "Italien → Français", "Italian → French"),
        ("fr-pt", "Français → Portugais", "French → Portuguese"),
        ("pt-fr", "Portugais → Français", "Portuguese → French"),
        ("fr-ar", "Français → Arabe", "French → Arabic"),
        ("ar-fr", "Arabe → Français", "Arabic → French"),
        ("fr-nl", "Français → Néerlandais", "French → Dutch"),
        ("nl-fr", "Néerlandais → Français", "Dutch → French"),
        ("en-es", "Anglais → Espagnol", "English → Spanish"),
        ("es-en", "Espagnol → Anglais", "Spanish → English"),
        ("en-de", "Anglais → Allemand", "English → German"),
        ("de-en", "Allemand → Anglais", "German → English"),
    ),
    multi=True,
)

TRADUCTION_TYPE_DOCUMENT = Attribute(
    "type-document",
    Label("Type de document", "Document type"),
    choices(
        ("document-texte", "Document texte", "Text document"),
        ("site-web", "Site web", "Website"),
        ("application-logiciel", "Application / logiciel", "App / software"),
        ("fiches-produits", "Fiches produits", "Product descriptions"),
        ("presentation", "Présentation", "Presentation"),
        ("livre", "Livre", "Book"),
        ("document-officiel", "Document officiel", "Official document"),
        ("cv", "CV", "Resume"),
    ),
)

TRADUCTION_SPECIALITE = Attribute(
    "specialite",
    Label("Spécialité", "Field"),
    choices(
        ("generale", "Générale", "General"),
        ("juridique", "Juridique", "Legal"),
        ("medicale", "Médicale", "Medical"),
        ("technique", "Technique", "Technical"),
        ("financiere", "Financière", "Financial"),
        ("marketing", "Marketing", "Marketing"),
        ("litteraire", "Littéraire", "Literary"),
        ("scientifique", "Scientifique", "Scientific"),
    ),
)

TRADUCTION_TYPE = Attribute(
    "type-traduction",
    Label("Type de traduction", "Translation type"),
    choices(
        ("humaine", "Traduction humaine", "Human translation"),
        ("post-edition", "Post-édition de traduction automatique", "MT post-editing"),
        ("assermentee", "Traduction assermentée", "Certified translation"),
    ),
)

REDACTION_TYPE_CONTENU = Attribute(
    "type-contenu",
    Label("Type de contenu", "Content type"),
    choices(
        ("article-blog", "Article de blog", "Blog post"),
        ("page-site", "Page de site web", "Website page"),
        ("fiche-produit", "Fiche produit", "Product description"),
        ("communique-presse", "Communiqué de presse", "Press release"),
        ("livre-blanc", "Livre blanc", "White paper"),
        ("script-video", "Script vidéo", "Video script"),
    ),
)

REDACTION_TON = Attribute(
    "ton",
    Label("Ton", "Tone"),
    choices(
        ("professionnel", "Professionnel", "Professional"),
        ("decontracte", "Décontracté", "Casual"),
        ("persuasif", "Persuasif", "Persuasive"),
        ("informatif", "Informatif", "Informative"),
        ("humoristique", "Humoristique", "Humorous"),
    ),
    multi=True,
)

RELECTURE_TYPE_DOCUMENT = Attribute(
    "type-document",
    Label("Type de document", "Document type"),
    choices(
        ("article", "Article", "Article"),
        ("memoire-these", "Mémoire / thèse", "Thesis / dissertation"),
        ("roman", "Roman / manuscrit", "Novel / manuscript"),
        ("site-web", "Site web", "Website"),
        ("document-professionnel", "Document professionnel", "Business document"),
        ("cv", "CV", "Resume"),
    ),
)

RELECTURE_TYPE_CORRECTION = Attribute(
    "type-correction",
    Label("Type de correction", "Editing type"),
    choices(
        ("orthographe-grammaire", "Orthographe et grammaire", "Spelling & grammar"),
        ("typographie", "Typographie et mise en forme", "Typography & formatting"),
        ("style", "Style et reformulation", "Style & rewording"),
        ("editoriale", "Correction éditoriale complète", "Full copy editing"),
    ),
    multi=True,
)

CV_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("redaction-cv", "Rédaction de CV", "Resume writing"),
        ("lettre-motivation", "Lettre de motivation", "Cover letter"),
        ("profil-linkedin", "Profil LinkedIn", "LinkedIn profile"),
        ("mise-en-page", "Mise en page", "Resume design"),
    ),
    multi=True,
)

CV_NIVEAU_EXPERIENCE = Attribute(
    "niveau-experience",
    Label("Niveau d'expérience", "Career level"),
    choices(
        ("etudiant", "Étudiant", "Student"),
        ("jeune-diplome", "Jeune diplômé", "Entry level"),
        ("confirme", "Confirmé", "Mid-career"),
        ("cadre", "Cadre", "Senior / manager"),
        ("dirigeant", "Dirigeant", "Executive"),
    ),
    multi=True,
)

# --- Vidéo et animation ---------------------------------------------------------------------

MONTAGE_TYPE_VIDEO = Attribute(
    "type-video",
    Label("Type de vidéo", "Video type"),
    choices(
        ("youtube", "Vidéo YouTube", "YouTube video"),
        ("video-courte", "Vidéo courte (Reels, Shorts)", "Short-form (Reels, Shorts)"),
        ("publicite", "Publicité", "Commercial"),
        ("entreprise", "Vidéo d'entreprise", "Corporate video"),
        ("evenement", "Mariage / événement", "Wedding / event"),
        ("gaming", "Gaming", "Gaming"),
        ("documentaire", "Documentaire", "Documentary"),
    ),
)

MONTAGE_ORIENTATION = Attribute(
    "orientation",
    Label("Format d'image", "Aspect ratio"),
    choices(
        ("horizontal", "Horizontal (16:9)", "Landscape (16:9)"),
        ("vertical", "Vertical (9:16)", "Portrait (9:16)"),
        ("carre", "Carré (1:1)", "Square (1:1)"),
    ),
    multi=True,
)

MONTAGE_INCLUS = Attribute(
    "inclus",
    Label("Inclus dans le service", "Service includes"),
    choices(
        ("sous-titres", "Sous-titres", "Subtitles"),
        ("etalonnage", "Étalonnage", "Color grading"),
        ("motion-design", "Motion design", "Motion graphics"),
        ("musique", "Musique libre de droits", "Royalty-free music"),
        ("effets-sonores", "Effets sonores", "Sound effects"),
        ("miniature", "Miniature", "Thumbnail"),
    ),
    multi=True,
)

EXPLICATIVE_STYLE = Attribute(
    "style",
    Label("Style d'animation", "Animation style"),
    choices(
        ("2d", "Animation 2D", "2D animation"),
        ("3d", "Animation 3D", "3D animation"),
        ("tableau-blanc", "Tableau blanc (whiteboard)", "Whiteboard"),
        ("motion-design", "Motion design", "Motion graphics"),
        ("isometrique", "Isométrique", "Isometric"),
        ("prise-de-vue-reelle", "Prise de vue réelle", "Live action"),
    ),
)

EXPLICATIVE_DUREE = Attribute(
    "duree",
    Label("Durée de la vidéo", "Video length"),
    choices(
        ("moins-30s", "Moins de 30 secondes", "Under 30 seconds"),
        ("30s-1min", "30 secondes à 1 minute", "30 seconds to 1 minute"),
        ("1-2min", "1 à 2 minutes", "1 to 2 minutes"),
        ("2-3min", "2 à 3 minutes", "2 to 3 minutes"),
        ("plus-3min", "Plus de 3 minutes", "Over 3 minutes"),
    ),
)

EXPLICATIVE_OBJECTIF = Attribute(
    "objectif",
    Label("Objectif", "Purpose"),
    choices(
        ("presentation-produit", "Présentation de produit", "Product demo"),
        ("presentation-entreprise", "Présentation d'entreprise", "Company presentation"),
        ("tutoriel", "Tutoriel", "Tutorial"),
        ("formation", "Formation / e-learning", "Training / e-learning"),
        ("publicite", "Publicité", "Advertising"),
        ("levee-de-fonds", "Levée de fonds", "Crowdfunding / fundraising"),
    ),
)

EXPLICATIVE_INCLUS = Attribute(
    "inclus",
    Label("Inclus dans le service", "Service includes"),
    choices(
        ("script", "Script", "Script"),
        ("storyboard", "Storyboard", "Storyboard"),
        ("voix-off", "Voix off", "Voice over"),
        ("musique", "Musique de fond", "Background music"),
        ("sous-titres", "Sous-titres", "Subtitles"),
    ),
    multi=True,
)

ANIMATION_LOGO_STYLE = Attribute(
    "style",
    Label("Style d'animation", "Animation style"),
    choices(
        ("2d", "2D", "2D"),
        ("3d", "3D", "3D"),
        ("revelation", "Révélation simple", "Simple reveal"),
        ("glitch", "Glitch", "Glitch"),
        ("particules", "Particules", "Particles"),
        ("neon", "Néon", "Neon"),
        ("dessine-main", "Dessiné à la main", "Hand-drawn"),
    ),
)

ANIMATION_LOGO_DUREE = Attribute(
    "duree",
    Label("Durée de l'animation", "Animation length"),
    choices(
        ("moins-5s", "Moins de 5 secondes", "Under 5 seconds"),
        ("5-10s", "5 à 10 secondes", "5 to 10 seconds"),
        ("10-20s", "10 à 20 secondes", "10 to 20 seconds"),
    ),
)

ANIMATION_LOGO_FORMAT = Attribute(
    "format-fichier",
    Label("Format de fichier", "File format"),
    choices(
        ("mp4", "MP4", "MP4"),
        ("mov", "MOV", "MOV"),
        ("gif", "GIF", "GIF"),
        ("webm", "WebM", "WebM"),
        ("lottie", "Lottie (JSON)", "Lottie (JSON)"),
    ),
    multi=True,
)

ANIMATION_LOGO_INCLUS = Attribute(
    "inclus",
    Label("Inclus dans le service", "Service includes"),
    choices(
        ("effets-sonores", "Effets sonores", "Sound effects"),
        ("fond-transparent", "Fond transparent (canal alpha)", "Transparent background (alpha)"),
        ("4k", "Résolution 4K", "4K resolution"),
        ("fichier-source", "Fichier source", "Source file"),
    ),
    multi=True,
)

SOUS_TITRAGE_TYPE = Attribute(
    "type-sous-titrage",
    Label("Type de sous-titrage", "Subtitle type"),
    choices(
        ("transcription", "Transcription (même langue)", "Same-language captions"),
        ("traduction", "Sous-titres traduits", "Translated subtitles"),
        ("sme", "Sourds et malentendants (SME)", "Closed captions (SDH)"),
        ("animes", "Sous-titres animés", "Animated captions"),
    ),
    multi=True,
)

SOUS_TITRAGE_FORMAT = Attribute(
    "format-fichier",
    Label("Format de fichier", "File format"),
    choices(
        ("srt", "SRT", "SRT"),
        ("vtt", "WebVTT", "WebVTT"),
        ("ass", "ASS / SSA", "ASS / SSA"),
        ("sbv", "SBV", "SBV"),
        ("incrustes", "Incrustés dans la vidéo", "Burned-in"),
    ),
    multi=True,
)

# --- Musique et audio -----------------------------------------------------------------------

VOIX_GENRE = Attribute(
    "genre",
    Label("Genre de la voix", "Voice gender"),
    choices(
        ("homme", "Homme", "Male"),
        ("femme", "Femme", "Female"),
        ("neutre", "Neutre", "Gender-neutral"),
    ),
)

VOIX_TRANCHE_AGE = Attribute(
    "tranche-age",
    Label("Tranche d'âge", "Age range"),
    choices(
        ("enfant", "Enfant", "Child"),
        ("ado", "Adolescent", "Teen"),
        ("jeune-adulte", "Jeune adulte", "Young adult"),
        ("adulte", "Adulte", "Middle-aged"),
        ("senior", "Senior", "Senior"),
    ),
)

VOIX_OBJECTIF = Attribute(
    "objectif",
    Label("Objectif", "Purpose"),
    choices(
        ("publicite", "Publicité", "Commercial"),
        ("e-learning", "E-learning", "E-learning"),
        ("documentaire", "Documentaire", "Documentary"),
        ("video-explicative", "Vidéo explicative", "Explainer video"),
        ("jeu-video", "Jeu vidéo", "Video game"),
        ("dessin-anime", "Dessin animé", "Animation"),
        ("livre-audio", "Livre audio", "Audiobook"),
        ("podcast", "Podcast", "Podcast"),
        ("repondeur", "Répondeur / standard téléphonique", "Voicemail / IVR"),
    ),
    multi=True,
)

VOIX_ACCENT = Attribute(
    "accent",
    Label("Accent", "Accent"),
    choices(
        ("francais-france", "Français de France", "French (France)"),
        ("quebecois", "Québécois", "Québécois"),
        ("belge", "Belge", "Belgian"),
        ("suisse", "Suisse", "Swiss"),
        ("africain", "Africain", "African"),
        ("antillais", "Antillais", "Caribbean"),
        ("americain", "Américain", "American"),
        ("britannique", "Britannique", "British"),
        ("australien", "Australien", "Australian"),
        ("espagnol-espagne", "Espagnol d'Espagne", "Spanish (Spain)"),
        ("espagnol-latino", "Espagnol d'Amérique latine", "Latin American Spanish"),
    ),
    multi=True,
)

MIXAGE_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("mixage", "Mixage", "Mixing"),
        ("mastering", "Mastering", "Mastering"),
        ("mixage-mastering", "Mixage et mastering", "Mixing & mastering"),
        ("mastering-stems", "Mastering par stems", "Stem mastering"),
        ("edition-voix", "Édition et tuning de voix", "Vocal editing & tuning"),
    ),
    multi=True,
)

FORMAT_AUDIO = Attribute(
    "format-fichier",
    Label("Format de fichier", "File format"),
    choices(
        ("wav", "WAV", "WAV"),
        ("mp3", "MP3", "MP3"),
        ("flac", "FLAC", "FLAC"),
        ("aiff", "AIFF", "AIFF"),
        ("ddp", "DDP", "DDP"),
    ),
    multi=True,
)

PRODUCTION_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("composition", "Composition", "Songwriting / composition"),
        ("instrumental", "Instrumental / beat", "Instrumental / beat"),
        ("arrangement", "Arrangement", "Arrangement"),
        ("production-complete", "Production complète", "Full production"),
        ("jingle", "Jingle", "Jingle"),
    ),
    multi=True,
)

PRODUCTION_USAGE = Attribute(
    "usage",
    Label("Utilisation", "Use"),
    choices(
        ("sortie-artiste", "Sortie d'artiste", "Artist release"),
        ("publicite", "Publicité", "Commercial"),
        ("film", "Film / série", "Film / TV"),
        ("jeu-video", "Jeu vidéo", "Video game"),
        ("podcast", "Podcast", "Podcast"),
        ("reseaux-sociaux", "Réseaux sociaux", "Social media"),
    ),
)

PODCAST_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("montage", "Montage", "Editing"),
        ("nettoyage-audio", "Nettoyage audio", "Audio cleanup"),
        ("mixage", "Mixage", "Mixing"),
        ("intro-outro", "Intro et outro", "Intro & outro"),
        ("transcription", "Transcription", "Transcription"),
        ("notes-episode", "Notes d'épisode", "Show notes"),
        ("mise-en-ligne", "Mise en ligne", "Publishing"),
    ),
    multi=True,
)

PODCAST_DUREE = Attribute(
    "duree-episode",
    Label("Durée de l'épisode", "Episode length"),
    choices(
        ("moins-30min", "Moins de 30 minutes", "Under 30 minutes"),
        ("30-60min", "30 à 60 minutes", "30 to 60 minutes"),
        ("60-90min", "60 à 90 minutes", "60 to 90 minutes"),
        ("plus-90min", "Plus de 90 minutes", "Over 90 minutes"),
    ),
)

PODCAST_FORMAT = Attribute(
    "format-podcast",
    Label("Format du podcast", "Podcast format"),
    choices(
        ("audio", "Audio", "Audio"),
        ("video", "Vidéo", "Video"),
    ),
    multi=True,
)

# --- Programmation et tech ------------------------------------------------------------------

WORDPRESS_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("creation-site", "Création de site", "Website creation"),
        ("personnalisation-theme", "Personnalisation de thème", "Theme customization"),
        ("developpement-extension", "Développement d'extension", "Plugin development"),
        ("correction-bugs", "Correction de bugs", "Bug fixes"),
        ("migration", "Migration", "Migration"),
        ("optimisation-vitesse", "Optimisation de la vitesse", "Speed optimization"),
        ("securite", "Sécurité", "Security"),
    ),
    multi=True,
)

WORDPRESS_CONSTRUCTEUR = Attribute(
    "constructeur",
    Label("Constructeur de pages", "Page builder"),
    choices(
        ("elementor", "Elementor", "Elementor"),
        ("divi", "Divi", "Divi"),
        ("gutenberg", "Gutenberg", "Gutenberg"),
        ("wpbakery", "WPBakery", "WPBakery"),
        ("beaver-builder", "Beaver Builder", "Beaver Builder"),
        ("bricks", "Bricks", "Bricks"),
    ),
    multi=True,
)

WORDPRESS_TYPE_SITE = Attribute(
    "type-site",
    Label("Type de site", "Website type"),
    choices(
        ("vitrine", "Site vitrine", "Business website"),
        ("blog", "Blog", "Blog"),
        ("woocommerce", "Boutique WooCommerce", "WooCommerce store"),
        ("portfolio", "Portfolio", "Portfolio"),
        ("adhesion", "Site à adhésion", "Membership site"),
        ("formation", "Plateforme de formation (LMS)", "Online courses (LMS)"),
    ),
    multi=True,
)

SUR_MESURE_TYPE_SITE = Attribute(
    "type-site",
    Label("Type de site", "Website type"),
    choices(
        ("vitrine", "Site vitrine", "Business website"),
        ("page-atterrissage", "Page d'atterrissage", "Landing page"),
        ("e-commerce", "E-commerce", "E-commerce"),
        ("application-web", "Application web / SaaS", "Web app / SaaS"),
        ("place-de-marche", "Place de marché", "Marketplace"),
        ("portail", "Portail / intranet", "Portal / intranet"),
    ),
)

SUR_MESURE_TECHNOLOGIE = Attribute(
    "technologie",
    Label("Technologie", "Technology"),
    choices(
        ("html-css", "HTML / CSS", "HTML / CSS"),
        ("react", "React", "React"),
        ("nextjs", "Next.js", "Next.js"),
        ("vue", "Vue.js", "Vue.js"),
        ("angular", "Angular", "Angular"),
        ("nodejs", "Node.js", "Node.js"),
        ("django", "Django", "Django"),
        ("laravel", "Laravel", "Laravel"),
        ("symfony", "Symfony", "Symfony"),
        ("rails", "Ruby on Rails", "Ruby on Rails"),
    ),
    multi=True,
)

SUR_MESURE_NOMBRE_PAGES = Attribute(
    "nombre-pages",
    Label("Nombre de pages", "Number of pages"),
    choices(
        ("1-page", "1 page", "1 page"),
        ("2-5-pages", "2 à 5 pages", "2 to 5 pages"),
        ("6-10-pages", "6 à 10 pages", "6 to 10 pages"),
        ("plus-10-pages", "Plus de 10 pages", "More than 10 pages"),
    ),
)

SUR_MESURE_INCLUS = Attribute(
    "inclus",
    Label("Inclus dans le service", "Service includes"),
    choices(
        ("design", "Design", "Design"),
        ("responsive", "Adapté au mobile", "Responsive design"),
        ("hebergement", "Hébergement", "Hosting"),
        ("nom-de-domaine", "Nom de domaine", "Domain name"),
        ("seo-de-base", "SEO de base", "Basic SEO"),
        ("maintenance", "Maintenance", "Maintenance"),
    ),
    multi=True,
)

MOBILE_PLATEFORME = Attribute(
    "plateforme",
    Label("Plateforme", "Platform"),
    choices(
        ("ios", "iOS", "iOS"),
        ("android", "Android", "Android"),
        ("multiplateforme", "Multiplateforme", "Cross-platform"),
    ),
    multi=True,
)

MOBILE_TECHNOLOGIE = Attribute(
    "technologie",
    Label("Technologie", "Technology"),
    choices(
        ("swift", "Swift", "Swift"),
        ("kotlin", "Kotlin", "Kotlin"),
        ("flutter", "Flutter", "Flutter"),
        ("react-native", "React Native", "React Native"),
        ("ionic", "Ionic", "Ionic"),
        ("dotnet-maui", ".NET MAUI", ".NET MAUI"),
    ),
    multi=True,
)

MOBILE_TYPE_APPLICATION = Attribute(
    "type-application",
    Label("Type d'application", "App type"),
    choices(
        ("e-commerce", "E-commerce", "E-commerce"),
        ("reseau-social", "Réseau social", "Social network"),
        ("reservation", "Réservation", "Booking"),
        ("livraison", "Livraison", "Delivery"),
        ("sante-fitness", "Santé et fitness", "Health & fitness"),
        ("education", "Éducation", "Education"),
        ("utilitaire", "Utilitaire", "Utility"),
        ("jeu", "Jeu", "Game"),
    ),
)

MOBILE_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("developpement-complet", "Développement complet", "Full development"),
        ("design-ui-ux", "Design UI/UX", "UI/UX design"),
        ("correction-bugs", "Correction de bugs", "Bug fixes"),
        ("publication-stores", "Publication sur les stores", "App store publishing"),
        ("maintenance", "Maintenance", "Maintenance"),
    ),
    multi=True,
)

BOUTIQUE_PLATEFORME = Attribute(
    "plateforme",
    Label("Plateforme e-commerce", "E-commerce platform"),
    choices(
        ("shopify", "Shopify", "Shopify"),
        ("woocommerce", "WooCommerce", "WooCommerce"),
        ("prestashop", "PrestaShop", "PrestaShop"),
        ("magento", "Magento (Adobe Commerce)", "Magento (Adobe Commerce)"),
        ("wix", "Wix", "Wix"),
        ("squarespace", "Squarespace", "Squarespace"),
        ("bigcommerce", "BigCommerce", "BigCommerce"),
    ),
)

BOUTIQUE_PRESTATION = Attribute(
    "prestation",
    Label("Prestation", "Service type"),
    choices(
        ("creation-boutique", "Création de boutique", "Store setup"),
        ("personnalisation-theme", "Personnalisation de thème", "Theme customization"),
        ("ajout-produits", "Ajout de produits", "Product upload"),
        ("paiement", "Intégration du paiement", "Payment integration"),
        ("migration", "Migration", "Migration"),
        ("dropshipping", "Dropshipping", "Dropshipping"),
    ),
    multi=True,
)

BOUTIQUE_NOMBRE_PRODUITS = Attribute(
    "nombre-produits",
    Label("Nombre de produits", "Number of products"),
    choices(
        ("1-10", "1 à 10", "1 to 10"),
        ("11-50", "11 à 50", "11 to 50"),
        ("51-200", "51 à 200", "51 to 200"),
        ("plus-200", "Plus de 200", "More than 200"),
    ),
)

# --- Business -------------------------------------------------------------------------------

ASSISTANT_TACHE = Attribute(
    "tache",
    Label("Tâche", "Task"),
    choices(
        ("gestion-emails", "Gestion des e-mails", "Email management"),
        ("gestion-agenda", "Gestion d'agenda", "Calendar management"),
        ("recherche-web", "Recherches sur le web", "Web research"),
        ("service-client", "Service client", "Customer support"),
        ("administratif", "Tâches administratives", "Administrative tasks"),
        ("organisation-voyages", "Organisation de voyages", "Travel planning"),
    ),
    multi=True,
)

ASSISTANT_OUTIL = Attribute(
    "outil",
    Label("Outils maîtrisés", "Tools"),
    choices(
        ("google-workspace", "Google Workspace", "Google Workspace"),
        ("microsoft-365", "Microsoft 365", "Microsoft 365"),
        ("notion", "Notion", "Notion"),
        ("trello", "Trello", "Trello"),
        ("asana", "Asana", "Asana"),
        ("slack", "Slack", "Slack"),
        ("hubspot", "HubSpot", "HubSpot"),
    ),
    multi=True,
)

ASSISTANT_DISPONIBILITE = Attribute(
    "disponibilite",
    Label("Disponibilité", "Availability"),
    choices(
        ("ponctuelle", "Mission ponctuelle", "One-off task"),
        ("temps-partiel", "Temps partiel", "Part-time"),
        ("temps-plein", "Temps plein", "Full-time"),
    ),
)

BUSINESS_PLAN_DOCUMENT = Attribute(
    "type-document",
    Label("Type de document", "Document type"),
    choices(
        ("business-plan-complet", "Business plan complet", "Full business plan"),
        ("previsionnel-financier", "Prévisionnel financier", "Financial forecast"),
        ("pitch-deck", "Pitch deck", "Pitch deck"),
        ("etude-faisabilite", "Étude de faisabilité", "Feasibility study"),
        ("resume-executif", "Résumé exécutif", "Executive summary"),
    ),
    multi=True,
)

BUSINESS_PLAN_OBJECTIF = Attribute(
    "objectif",
    Label("Objectif", "Purpose"),
    choices(
        ("levee-de-fonds", "Levée de fonds", "Fundraising"),
        ("pret-bancaire", "Prêt bancaire", "Bank loan"),
        ("subvention", "Subvention", "Grant application"),
        ("visa", "Visa ou titre de séjour", "Visa application"),
        ("usage-interne", "Usage interne", "Internal planning"),
    ),
)

ETUDE_TYPE = Attribute(
    "type-etude",
    Label("Type d'étude", "Research type"),
    choices(
        ("analyse-concurrentielle", "Analyse concurrentielle", "Competitor analysis"),
        ("taille-marche", "Taille du marché", "Market sizing"),
        ("quantitative", "Étude quantitative (sondage)", "Quantitative (survey)"),
        ("qualitative", "Étude qualitative (entretiens)", "Qualitative (interviews)"),
        ("persona", "Personas clients", "Customer personas"),
        ("veille", "Veille sectorielle", "Industry watch"),
    ),
    multi=True,
)

ETUDE_ZONE = Attribute(
    "zone-geographique",
    Label("Zone géographique", "Geographic scope"),
    choices(
        ("locale", "Locale", "Local"),
        ("france", "France", "France"),
        ("europe", "Europe", "Europe"),
        ("afrique", "Afrique", "Africa"),
        ("amerique-du-nord", "Amérique du Nord", "North America"),
        ("internationale", "Internationale", "Worldwide"),
    ),
    multi=True,
)

SAISIE_TACHE = Attribute(
    "tache",
    Label("Tâche", "Task"),
    choices(
        ("saisie-manuelle", "Saisie manuelle", "Manual data entry"),
        ("conversion-pdf", "Conversion PDF vers Excel / Word", "PDF to Excel / Word"),
        ("nettoyage", "Nettoyage de données", "Data cleansing"),
        ("extraction-web", "Extraction de données web", "Web data extraction"),
        ("mise-a-jour-crm", "Mise à jour de CRM", "CRM updates"),
        ("catalogue-produits", "Saisie de catalogue produits", "Product listing"),
    ),
    multi=True,
)

SAISIE_OUTIL = Attribute(
    "outil",
    Label("Outil", "Tool"),
    choices(
        ("excel", "Excel", "Excel"),
        ("google-sheets", "Google Sheets", "Google Sheets"),
        ("access", "Access", "Access"),
        ("airtable", "Airtable", "Airtable"),
        ("crm", "CRM", "CRM"),
        ("shopify", "Shopify", "Shopify"),
    ),
    multi=True,
)

SAISIE_SOURCE = Attribute(
    "source",
    Label("Source des données", "Data source"),
    choices(
        ("pdf", "PDF", "PDF"),
        ("images-scans", "Images / scans", "Images / scans"),
        ("sites-web", "Sites web", "Websites"),
        ("tableurs", "Tableurs", "Spreadsheets"),
        ("audio", "Enregistrements audio", "Audio recordings"),
    ),
    multi=True,
)

# --- The tree -------------------------------------------------------------------------------

TAXONOMY = Taxonomy(
    [
        Category(
            "graphisme-design",
            Label("Graphisme et design", "Graphics & Design"),
            (
                Subcategory(
                    "conception-logo",
                    Label("Conception de logo", "Logo design"),
                    (LOGO_STYLE, FORMAT_FICHIER_GRAPHIQUE, LOGO_INCLUS),
                    quote_criteria=(LOGO_STYLE, FORMAT_FICHIER_GRAPHIQUE, LOGO_INCLUS),
                ),
                Subcategory(
                    "identite-visuelle",
                    Label("Identité visuelle", "Brand identity"),
                    (IDENTITE_LIVRABLES, SECTEUR, FORMAT_FICHIER_GRAPHIQUE),
                ),
                Subcategory(
                    "illustration",
                    Label("Illustration", "Illustration"),
                    (
                        ILLUSTRATION_STYLE,
                        ILLUSTRATION_USAGE,
                        ILLUSTRATION_TECHNIQUE,
                        FORMAT_FICHIER_GRAPHIQUE,
                    ),
                ),
                Subcategory(
                    "visuels-reseaux-sociaux",
                    Label("Visuels pour réseaux sociaux", "Social media design"),
                    (PLATEFORME_SOCIALE, VISUEL_TYPE, FORMAT_FICHIER_GRAPHIQUE),
                ),
            ),
        ),
        Category(
            "marketing-digital",
            Label("Marketing digital", "Digital marketing"),
            (
                Subcategory(
                    "referencement-seo",
                    Label("Référencement SEO", "SEO"),
                    (SEO_TYPE, CMS, SECTEUR),
                ),
                Subcategory(
                    "gestion-reseaux-sociaux",
                    Label("Gestion des réseaux sociaux", "Social media management"),
                    (PLATEFORME_SOCIALE, RESEAUX_PRESTATION, RESEAUX_FREQUENCE),
                ),
                Subcategory(
                    "publicite-en-ligne",
                    Label("Publicité en ligne", "Online advertising"),
                    (PUB_PLATEFORME, PUB_OBJECTIF, PUB_PRESTATION),
                ),
                Subcategory(
                    "emailing",
                    Label("E-mailing", "Email marketing"),
                    (EMAILING_OUTIL, EMAILING_TYPE, EMAILING_PRESTATION),
                ),
            ),
        ),
        Category(
            "redaction-traduction",
            Label("Rédaction et traduction", "Writing & Translation"),
            (
                Subcategory(
                    "traduction",
                    Label("Traduction", "Translation"),
                    (
                        PAIRE_LANGUES,
                        TRADUCTION_TYPE_DOCUMENT,
                        TRADUCTION_SPECIALITE,
                        TRADUCTION_TYPE,
                    ),
                    quote_criteria=(
                        PAIRE_LANGUES,
                        TRADUCTION_TYPE_DOCUMENT,
                        TRADUCTION_SPECIALITE,
                        TRADUCTION_TYPE,
                    ),
                ),
                Subcategory(
                    "redaction-web",
                    Label("Rédaction web", "Web writing"),
                    (REDACTION_TYPE_CONTENU, LANGUE, REDACTION_TON, SECTEUR),
                ),
                Subcategory(
                    "relecture-correction",
                    Label("Relecture et correction", "Proofreading & editing"),
                    (LANGUE, RELECTURE_TYPE_DOCUMENT, RELECTURE_TYPE_CORRECTION),
                ),
                Subcategory(
                    "cv-lettre-motivation",
                    Label("CV et lettre de motivation", "Resume & cover letter"),
                    (CV_PRESTATION, CV_NIVEAU_EXPERIENCE, SECTEUR, LANGUE),
                ),
            ),
        ),
        Category(
            "video-animation",
            Label("Vidéo et animation", "Video & Animation"),
            (
                Subcategory(
                    "montage-video",
                    Label("Montage vidéo", "Video editing"),
                    (MONTAGE_TYPE_VIDEO, MONTAGE_ORIENTATION, MONTAGE_INCLUS),
                ),
                Subcategory(
                    "video-explicative",
                    Label("Vidéo explicative", "Explainer video"),
                    (
                        EXPLICATIVE_STYLE,
                        EXPLICATIVE_DUREE,
                        EXPLICATIVE_OBJECTIF,
                        EXPLICATIVE_INCLUS,
                    ),
                    quote_criteria=(
                        EXPLICATIVE_STYLE,
                        EXPLICATIVE_DUREE,
                        EXPLICATIVE_OBJECTIF,
                        EXPLICATIVE_INCLUS,
                    ),
                ),
                Subcategory(
                    "animation-logo",
                    Label("Animation de logo", "Logo animation"),
                    (
                        ANIMATION_LOGO_STYLE,
                        ANIMATION_LOGO_DUREE,
                        ANIMATION_LOGO_FORMAT,
                        ANIMATION_LOGO_INCLUS,
                    ),
                ),
                Subcategory(
                    "sous-titrage",
                    Label("Sous-titrage", "Subtitling"),
                    (SOUS_TITRAGE_TYPE, LANGUE, SOUS_TITRAGE_FORMAT),
                ),
            ),
        ),
        Category(
            "musique-audio",
            Label("Musique et audio", "Music & Audio"),
            (
                Subcategory(
                    "voix-off",
                    Label("Voix off", "Voice over"),
                    (VOIX_GENRE, LANGUE, VOIX_TRANCHE_AGE, VOIX_OBJECTIF, VOIX_ACCENT),
                    quote_criteria=(
                        VOIX_GENRE,
                        LANGUE,
                        VOIX_TRANCHE_AGE,
                        VOIX_OBJECTIF,
                        VOIX_ACCENT,
                    ),
                ),
                Subcategory(
                    "mixage-mastering",
                    Label("Mixage et mastering", "Mixing & mastering"),
                    (MIXAGE_PRESTATION, GENRE_MUSICAL, FORMAT_AUDIO),
                ),
                Subcategory(
                    "production-musicale",
                    Label("Production musicale", "Music production"),
                    (GENRE_MUSICAL, PRODUCTION_PRESTATION, PRODUCTION_USAGE),
                    quote_criteria=(GENRE_MUSICAL, PRODUCTION_PRESTATION, PRODUCTION_USAGE),
                ),
                Subcategory(
                    "montage-podcast",
                    Label("Montage de podcast", "Podcast editing"),
                    (PODCAST_PRESTATION, PODCAST_DUREE, PODCAST_FORMAT),
                ),
            ),
        ),
        Category(
            "programmation-tech",
            Label("Programmation et tech", "Programming & Tech"),
            (
                Subcategory(
                    "developpement-wordpress",
                    Label("Développement WordPress", "WordPress development"),
                    (WORDPRESS_PRESTATION, WORDPRESS_CONSTRUCTEUR, WORDPRESS_TYPE_SITE),
                ),
                Subcategory(
                    "site-web-sur-mesure",
                    Label("Site web sur mesure", "Custom website"),
                    (
                        SUR_MESURE_TYPE_SITE,
                        SUR_MESURE_TECHNOLOGIE,
                        SUR_MESURE_NOMBRE_PAGES,
                        SUR_MESURE_INCLUS,
                    ),
                    quote_criteria=(
                        SUR_MESURE_TYPE_SITE,
                        SUR_MESURE_TECHNOLOGIE,
                        SUR_MESURE_NOMBRE_PAGES,
                        SUR_MESURE_INCLUS,
                    ),
                ),
                Subcategory(
                    "application-mobile",
                    Label("Application mobile", "Mobile app"),
                    (
                        MOBILE_PLATEFORME,
                        MOBILE_TECHNOLOGIE,
                        MOBILE_TYPE_APPLICATION,
                        MOBILE_PRESTATION,
                    ),
                    quote_criteria=(
                        MOBILE_PLATEFORME,
                        MOBILE_TECHNOLOGIE,
                        MOBILE_TYPE_APPLICATION,
                        MOBILE_PRESTATION,
                    ),
                ),
                Subcategory(
                    "boutique-en-ligne",
                    Label("Boutique en ligne", "E-commerce store"),
                    (BOUTIQUE_PLATEFORME, BOUTIQUE_PRESTATION, BOUTIQUE_NOMBRE_PRODUITS),
                ),
            ),
        ),
        Category(
            "business",
            Label("Business", "Business"),
            (
                Subcategory(
                    "assistant-virtuel",
                    Label("Assistant virtuel", "Virtual assistant"),
                    (ASSISTANT_TACHE, ASSISTANT_OUTIL, ASSISTANT_DISPONIBILITE),
                ),
                Subcategory(
                    "business-plan",
                    Label("Business plan", "Business plan"),
                    (BUSINESS_PLAN_DOCUMENT, BUSINESS_PLAN_OBJECTIF, SECTEUR),
                ),
                Subcategory(
                    "etude-de-marche",
                    Label("Étude de marché", "Market research"),
                    (ETUDE_TYPE, ETUDE_ZONE, SECTEUR),
                ),
                Subcategory(
                    "saisie-de-donnees",
                    Label("Saisie de données", "Data entry"),
                    (SAISIE_TACHE, SAISIE_OUTIL, SAISIE_SOURCE),
                ),
            ),
        ),
    ]
)
