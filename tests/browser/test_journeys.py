"""What a buyer sees in Chromium, journey by journey, each checked against the database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facets.hours import zones_within
from facets.taxonomy import TAXONOMY
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, Seller
from marketplace_core.favorites.models import Favorite
from marketplace_core.orders.models import Order
from marketplace_core.quotes.models import QuoteRequest
from marketplace_core.requests.models import BuyerRequest
from tests.browser.conftest import HOSTILE_NAME, HOSTILE_TITLE, OpenPage, Site, screenshot


@dataclass(frozen=True)
class Row:
    id: int
    category: str
    subcategory: str
    level: str
    packages: list[tuple[int, int]]  # price in cents, delivery days


def catalog(site: Site) -> list[Row]:
    with Session(site.engine) as session:
        gigs = session.scalars(
            select(Gig)
            .where(Gig.status == GigStatus.ACTIVE)
            .options(selectinload(Gig.packages), selectinload(Gig.seller))
        ).all()
        return [
            Row(
                g.id,
                g.category,
                g.subcategory,
                g.seller.level.value,
                [(p.price_cents, p.delivery_days) for p in g.packages],
            )
            for g in gigs
        ]


def card_ids(page: Page) -> list[int]:
    hrefs = page.locator(".cards .card-link").evaluate_all("links => links.map(a => a.href)")
    return [int(urlsplit(h).path.rsplit("/", 1)[1]) for h in hrefs]


def total(page: Page) -> int:
    return int(page.locator("#total").get_attribute("data-total") or -1)


def counts(page: Page, facet: str) -> dict[str, int]:
    options = page.locator(f'[data-facet="{facet}"] label.option')
    found = {}
    for i in range(options.count()):
        option = options.nth(i)
        value = option.locator("input").get_attribute("value") or ""
        found[value] = int(option.locator(".count").inner_text())
    return found


def chip_labels(page: Page) -> list[str]:
    return page.locator(".chip > span").all_inner_texts()


def query_of(page: Page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def log_in(page: Page, site: Site) -> None:
    page.get_by_label("Adresse e-mail").fill(site.buyer_email)
    page.get_by_label("Mot de passe").fill(site.password)
    page.get_by_role("button", name="Se connecter").click()


def test_typing_lgo_offers_conception_de_logo_and_enter_opens_its_results(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/autocomplete" in r.url else None)
    box = page.get_by_role("combobox", name="Rechercher un service")
    box.press_sequentially("lgo", delay=40)
    wanted = page.get_by_role(
        "option", name="conception de logo · Graphisme et design › Conception de logo"
    )
    expect(wanted).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert len(asked) == 1, asked  # three keystrokes, one request: debounced
    screenshot(site, page, "autocomplete-lgo")

    for _ in range(8):
        box.press("ArrowDown")
        if wanted.get_attribute("aria-selected") == "true":
            break
    expect(wanted).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/categories/graphisme-design/conception-logo\?"))
    assert ("q", "conception de logo") in query_of(page)
    expect(page.locator(".crumbs")).to_contain_text("Conception de logo")
    expect(page.locator("h1")).to_contain_text("conception de logo")
    ids = card_ids(page)
    assert ids
    subcategories = {r.id: r.subcategory for r in catalog(site)}
    assert {subcategories[i] for i in ids} == {"conception-logo"}


def test_the_results_where_the_words_are_understood_to_be_are_offered_first(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/")
    box = page.get_by_role("combobox", name="Rechercher un service")
    box.press_sequentially("traduction", delay=20)
    first = page.get_by_role("option").first
    expect(first).to_have_text("traduction — dans Traduction")
    expect(first.locator("mark")).to_have_text("traduction")
    screenshot(site, page, "autocomplete-understood")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/categories/redaction-traduction/traduction\?"))
    assert ("q", "traduction") in query_of(page)
    ids = card_ids(page)
    assert ids
    subcategories = {r.id: r.subcategory for r in catalog(site)}
    assert {subcategories[i] for i in ids} == {"traduction"}


def test_the_suggestions_work_with_the_keyboard_alone(open_page: OpenPage, site: Site) -> None:
    page = open_page("/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    box = page.locator("#q")
    expect(box).to_be_focused()
    page.keyboard.type("trad", delay=30)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "q-option-1")
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "q-option-0")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(options.first.locator("mark")).to_have_text("trad")  # the typed part, marked
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#q-suggestions")).to_be_hidden()
    expect(box).to_have_value("trad")

    page.keyboard.type("u", delay=30)
    expect(options.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    term = options.first.locator("span").first.inner_text()
    screenshot(site, page, "autocomplete-keyboard")
    page.keyboard.press("Enter")
    # The first line: a suggestion, or the place « tradu » is understood to be about.
    page.wait_for_url(re.compile(r"/categories/[a-z-]+(/[a-z-]+)?\?q="))
    assert ("q", term) in query_of(page)
    assert total(page) > 0


def test_two_seller_levels_are_either_one_and_the_counts_stay_right(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/categories/graphisme-design")
    before = counts(page, "level")
    chosen = [level for level in ("new", "top_rated") if before.get(level)]
    assert len(chosen) == 2, before
    page.get_by_role("checkbox", name=re.compile("Nouveau prestataire")).check()
    page.wait_for_url(re.compile("level=new"))
    page.get_by_role("checkbox", name=re.compile("Top Rated")).check()
    page.wait_for_url(re.compile("level=top_rated"))

    assert [v for k, v in query_of(page) if k == "level"] == ["new", "top_rated"]
    assert chip_labels(page) == [
        "Catégorie : Graphisme et design",
        "Niveau du vendeur : Nouveau prestataire",
        "Niveau du vendeur : Top Rated",
    ]
    assert counts(page, "level") == before  # a filter's own counts ignore its selection
    assert total(page) == before["new"] + before["top_rated"]
    expected = [r for r in catalog(site) if r.category == "graphisme-design" and r.level in chosen]
    assert total(page) == len(expected)
    screenshot(site, page, "two-seller-levels")


def test_the_x_of_a_chip_removes_only_that_filter(open_page: OpenPage, site: Site) -> None:
    page = open_page("/categories/graphisme-design?level=new&level=top_rated&delivery=7d")
    assert len(chip_labels(page)) == 4  # the category, two levels, the delivery
    page.get_by_role("link", name="Retirer le filtre Niveau du vendeur : Top Rated").click()
    page.wait_for_url(lambda url: "top_rated" not in url)
    assert chip_labels(page) == [
        "Catégorie : Graphisme et design",
        "Délai de livraison : Jusqu'à 7 jours",
        "Niveau du vendeur : Nouveau prestataire",
    ]
    assert sorted(query_of(page)) == [("delivery", "7d"), ("level", "new")]
    expected = [
        r
        for r in catalog(site)
        if r.category == "graphisme-design"
        and r.level == "new"
        and any(days <= 7 for _, days in r.packages)
    ]
    assert total(page) == len(expected)
    screenshot(site, page, "chip-removed")

    page.go_back()  # every state is in the history
    page.wait_for_url(re.compile("level=top_rated"))
    expect(page.locator(".chip")).to_have_count(4)


def test_budget_and_delivery_hold_for_one_same_package(open_page: OpenPage, site: Site) -> None:
    page = open_page("/recherche")
    page.get_by_label("Budget maximum ($)").fill("20")
    page.get_by_label("Budget maximum ($)").press("Enter")
    page.wait_for_url(re.compile("budget_max=2000"))
    page.get_by_role("radio", name=re.compile("24 heures")).check()
    page.wait_for_url(re.compile("delivery=24h"))

    def one_package(r: Row) -> bool:
        return any(price <= 2000 and days <= 1 for price, days in r.packages)

    expected = {r.id for r in catalog(site) if one_package(r)}
    # Gigs with a cheap package and a fast but dearer one must not count.
    mixed = [
        r
        for r in catalog(site)
        if not one_package(r)
        and any(p <= 2000 for p, _ in r.packages)
        and any(d <= 1 for _, d in r.packages)
    ]
    assert mixed, "the catalog should hold gigs that meet each condition with another package"
    assert total(page) == len(expected)
    ids = card_ids(page)
    assert ids
    assert set(ids) <= expected
    assert chip_labels(page) == ["Budget : Jusqu'à $20", "Délai de livraison : 24 heures"]
    screenshot(site, page, "budget-and-delivery")


def test_nothing_found_offers_corrections_and_a_prefilled_request(
    open_page: OpenPage, site: Site
) -> None:
    # The words as typed (« Rechercher plutôt … »): otherwise a misspelt query is answered
    # for its correction, which finds gigs.
    page = open_page("/recherche?q=lgoi+vintaeg&correct=false&budget_max=5000&delivery=3d")
    expect(page.get_by_role("heading", name="Aucun service ne correspond")).to_be_visible()
    correction = page.locator(".did-you-mean a").first
    expect(correction).to_have_text("logo vintage")
    screenshot(site, page, "nothing-found")
    page.get_by_role("link", name="Publier une demande").click()

    page.wait_for_url(re.compile("/demandes/nouvelle"))
    description = page.get_by_label("Ce qu'il vous faut")
    expect(description).to_have_value("lgoi vintaeg")
    expect(page.get_by_label("Sous-catégorie")).to_have_value("conception-logo")
    expect(page.get_by_label("Budget ($)")).to_have_value("50")
    expect(page.get_by_label("Délai")).to_have_value("3d")
    text = "Un logo vintage pour ma brasserie artisanale, avec une version pour les étiquettes."
    description.fill(text)
    page.get_by_role("button", name="Publier la demande").click()

    # Not logged in: the login, then the same form, still filled in.
    page.wait_for_url(re.compile("/connexion"))
    log_in(page, site)
    page.wait_for_url(re.compile("/demandes/nouvelle"))
    expect(page.get_by_label("Ce qu'il vous faut")).to_have_value(text)
    page.get_by_role("button", name="Publier la demande").click()

    page.wait_for_url(re.compile("/mes-demandes"))
    expect(page.get_by_role("status")).to_contain_text("Votre demande a été publiée")
    item = page.locator(".request-item").filter(has_text="brasserie artisanale")
    expect(item).to_contain_text("0 offres")
    expect(item).to_contain_text("En attente de vérification")
    with Session(site.engine) as session:
        row = session.scalars(select(BuyerRequest).where(BuyerRequest.description == text)).one()
    assert (row.subcategory, row.budget_cents, row.delivery_days) == ("conception-logo", 5000, 3)
    screenshot(site, page, "request-posted")


def test_on_a_phone_the_filters_are_in_a_drawer(open_page: OpenPage, site: Site) -> None:
    page = open_page("/recherche?q=logo", width=375)
    drawer = page.locator("#filtres")
    toggle = page.get_by_role("link", name="Filtres", exact=True)
    expect(drawer).to_be_hidden()
    expect(page.locator(".cards .card").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    toggle.click()
    expect(drawer).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("checkbox", name=re.compile("Niveau 1")).check()
    page.wait_for_url(re.compile("level=level_1"))
    expect(drawer).to_be_visible()  # still open to pick more
    screenshot(site, page, "phone-drawer")
    page.get_by_role("link", name="Fermer les filtres").click()
    expect(drawer).to_be_hidden()
    assert chip_labels(page) == ["Niveau du vendeur : Niveau 1"]


def test_without_javascript_links_and_forms_still_filter(open_page: OpenPage, site: Site) -> None:
    page = open_page("/recherche?q=logo", javascript=False)
    rows = catalog(site)
    page.get_by_role("checkbox", name=re.compile("Niveau 2")).check()
    page.get_by_label("Budget maximum ($)").fill("40")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(re.compile("budget_max=4000"))  # the form's dollars, as cents
    assert ("level", "level_2") in query_of(page)
    assert chip_labels(page) == ["Budget : Jusqu'à $40", "Niveau du vendeur : Niveau 2"]
    ids = card_ids(page)
    by_id = {r.id: r for r in rows}
    assert ids
    assert all(by_id[i].level == "level_2" for i in ids)
    assert all(any(p <= 4000 for p, _ in by_id[i].packages) for i in ids)

    page.get_by_role("link", name="Retirer le filtre Budget : Jusqu'à $40").click()
    page.wait_for_url(lambda url: "budget_max" not in url)
    assert chip_labels(page) == ["Niveau du vendeur : Niveau 2"]
    page.locator('[data-facet="category"] a').first.click()  # a link filter
    page.wait_for_url(re.compile("/categories/"))
    screenshot(site, page, "javascript-off")
    page.get_by_role("link", name="Tout effacer").click()
    page.wait_for_url(re.compile(r"/recherche\?q=logo$"))
    expect(page.locator(".chip")).to_have_count(0)


def test_a_logged_in_buyer_orders_and_contacts_from_the_gig_page(
    open_page: OpenPage, site: Site
) -> None:
    gig_id = site.hostile_gig  # its seller has an account: it takes orders
    page = open_page(f"/connexion?next=/services/{gig_id}")
    log_in(page, site)
    page.wait_for_url(re.compile(f"/services/{gig_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_TITLE)  # as text
    expect(page.locator(".seller-card .seller-name a")).to_have_text(HOSTILE_NAME)
    packages = page.locator(".package")
    expect(packages).to_have_count(3)
    boxes = [packages.nth(i).bounding_box() for i in range(3)]
    assert len({round(b["y"]) for b in boxes if b}) == 1  # side by side
    screenshot(site, page, "gig-page")
    packages.nth(1).get_by_role("button", name=re.compile("Commander")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commande passée")
    with Session(site.engine) as session:
        order = session.scalars(select(Order).order_by(Order.id.desc())).first()
    assert order is not None
    assert (order.price_cents, order.delivery_days) == (3000, 2)

    page.goto(f"{site.url}/services/{gig_id}")
    page.get_by_label("Votre message").fill("Bonjour, êtes-vous disponible cette semaine ?")
    page.get_by_role("button", name="Contacter").click()
    expect(page.get_by_role("status")).to_contain_text("Votre message a été envoyé")


def test_a_sellers_profile_and_its_quote_button(open_page: OpenPage, site: Site) -> None:
    with Session(site.engine) as session:
        sellers = session.scalars(select(Seller).options(selectinload(Seller.gigs))).all()
        quoting = next(
            s.username
            for s in sellers
            if s.accepts_quotes
            and any(TAXONOMY.subcategory(g.subcategory).offers_quotes for g in s.gigs)  # type: ignore[union-attr]
        )
        not_quoting = next(s.username for s in sellers if not s.accepts_quotes and s.gigs)
    page = open_page(f"/{quoting}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"@{quoting}")
    expect(page.get_by_role("link", name="Obtenir un devis")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Heure locale")
    expect(page.locator(".cards .card").first).to_be_visible()
    screenshot(site, page, "seller-profile")
    page.goto(f"{site.url}/vendeurs/{not_quoting}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"@{not_quoting}")
    expect(page.get_by_role("link", name="Obtenir un devis")).to_have_count(0)

    # Asking for the quote: log in, then the form.
    page.goto(f"{site.url}/{quoting}")
    page.get_by_role("link", name="Obtenir un devis").click()
    page.wait_for_url(re.compile("/connexion"))
    log_in(page, site)
    page.wait_for_url(re.compile(f"/vendeurs/{quoting}/devis"))
    text = "Pouvez-vous me proposer un devis pour trois déclinaisons de mon projet ?"
    page.get_by_label("Ce qu'il vous faut").fill(text)
    page.get_by_label("Délai souhaité (jours)").fill("5")
    page.get_by_label("Budget ($)").fill("120")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("status")).to_contain_text("Votre demande de devis a été envoyée")
    with Session(site.engine) as session:
        quote = session.scalars(select(QuoteRequest).where(QuoteRequest.description == text)).one()
    assert (quote.delivery_days, quote.budget_cents) == (5, 12000)


def test_a_logged_in_buyer_hearts_a_result(open_page: OpenPage, site: Site) -> None:
    page = open_page("/connexion?next=/recherche?q=logo")
    log_in(page, site)
    page.wait_for_url(re.compile(r"/recherche\?q=logo"))
    first = page.locator(".cards .card").first
    gig_id = card_ids(page)[0]
    heart = first.get_by_role("button", name=re.compile("Ajouter aux favoris"))
    expect(heart).to_have_attribute("aria-pressed", "false")
    heart.click()
    page.wait_for_url(re.compile(r"/recherche\?q=logo"))
    expect(
        page.locator(".cards .card").first.get_by_role(
            "button", name=re.compile("Retirer des favoris")
        )
    ).to_have_attribute("aria-pressed", "true")
    with Session(site.engine) as session:
        assert session.scalar(select(Favorite.gig_id).where(Favorite.gig_id == gig_id)) == gig_id


def test_english_is_one_switch_away(open_page: OpenPage, site: Site) -> None:
    page = open_page("/recherche?q=logo&level=new")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile("lang=en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert chip_labels(page) == ["Seller level: New seller"]
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_visible()


def test_the_first_image_is_the_thumbnail_and_the_gig_page_shows_them_all(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/")
    cards = page.locator(".cards .card")
    expect(cards.first).to_be_visible()
    ids = card_ids(page)
    with Session(site.engine) as session:
        gigs = {
            g.id: g
            for g in session.scalars(
                select(Gig).where(Gig.id.in_(ids)).options(selectinload(Gig.images))
            )
        }
        first_keys = {i: gigs[i].images[0].key for i in ids}
        all_keys = {i: [im.key for im in gigs[i].images] for i in ids}
    sources = page.locator(".cards .card .thumb img").evaluate_all(
        "images => images.map(i => i.getAttribute('src'))"
    )
    assert sources == [f"/images/{first_keys[i]}/thumb.jpg" for i in ids]
    page.wait_for_function(  # the image itself, loaded
        "() => { const i = document.querySelector('.cards .thumb img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    assert page.locator(".cards .card .thumb img").first.evaluate("i => i.naturalWidth") == 480

    gig_id = max(ids, key=lambda i: len(all_keys[i]))
    page.goto(f"{site.url}/services/{gig_id}")
    gallery = page.locator(".gallery img")
    expect(gallery).to_have_count(len(all_keys[gig_id]))
    shown = gallery.evaluate_all("images => images.map(i => i.getAttribute('src'))")
    assert shown == [f"/images/{key}/full.jpg" for key in all_keys[gig_id]]


def test_works_in_my_hours_takes_the_browsers_time_zone(open_page: OpenPage, site: Site) -> None:
    page = open_page("/categories/graphisme-design")
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    expect(page.locator("input[name=tz]")).to_have_value(zone)
    page.get_by_role("radio", name="Au moins 8 h en commun").check()
    page.wait_for_url(re.compile("overlap=8"))
    assert ("tz", zone) in query_of(page)
    shown = page.locator('[data-facet="overlap"] label.option:has(.count)')
    assert shown.count() == 4  # counted once the zone is known
    near = set(zones_within(zone, 8, site.runtime.clock.now()))
    with Session(site.engine) as session:
        sellers = {s.id: s.timezone for s in session.scalars(select(Seller))}
        owners = session.execute(
            select(Gig.seller_id).where(
                Gig.status == GigStatus.ACTIVE, Gig.category == "graphisme-design"
            )
        ).scalars()
        expected = sum(sellers[owner] in near for owner in owners)
    assert total(page) == expected
    assert "Dans mes horaires : Au moins 8 h en commun" in chip_labels(page)
