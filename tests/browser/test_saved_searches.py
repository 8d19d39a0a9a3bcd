"""The buyer's controls on the results page, in Chromium: saving the search (logged in, and
logged out through the login and back), the saved searches listed and deleted on « Mes
recherches », the budget's price histogram and its two handles changing the results."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from marketplace_core.accounts.models import User
from marketplace_core.alerts.models import SavedSearch
from tests.browser.conftest import OpenPage, Site, screenshot
from tests.browser.test_accessibility import violations

RESULTS = "/recherche?q=logo&level=level_1"


def log_in(page: Page, site: Site) -> None:
    page.get_by_label("Adresse e-mail").fill(site.buyer_email)
    page.get_by_label("Mot de passe").fill(site.password)
    page.get_by_role("button", name="Se connecter").click()


def saved_queries(site: Site) -> list[str]:
    with Session(site.engine) as session:
        buyer = session.scalar(select(User.id).where(User.email == site.buyer_email))
        return list(
            session.scalars(
                select(SavedSearch.query)
                .where(SavedSearch.user_id == buyer)
                .order_by(SavedSearch.id)
            )
        )


def total(page: Page) -> int:
    return int(page.locator("#total").get_attribute("data-total") or -1)


def test_a_buyer_saves_the_search_sees_it_listed_and_deletes_it(
    open_page: OpenPage, site: Site
) -> None:
    # Words a buyer typed that must stay text on every page.
    hostile = 'logo <b>gras</b> <img src=x onerror=alert("q")>'
    page = open_page("/connexion?next=/recherche")
    log_in(page, site)
    page.wait_for_url(re.compile(r"/recherche"))
    page.goto(site.url + "/recherche?" + urlencode({"q": hostile, "level": "level_1"}))
    before = saved_queries(site)
    page.get_by_role("button", name="Sauvegarder cette recherche").click()
    page.wait_for_url(re.compile(r"/mes-recherches\?enregistree=\d+"))
    expect(page.get_by_role("status")).to_contain_text("Recherche enregistrée")
    [added] = [q for q in saved_queries(site) if q not in before]
    assert dict(parse_qsl(added)) == {"level": "level_1", "q": hostile}
    item = page.locator('.saved-item[aria-current="true"]')
    expect(item.get_by_role("link")).to_have_text(f"« {hostile} »")
    expect(item).to_contain_text("Niveau 1")
    screenshot(site, page, "saved-searches")
    # Its link opens the same results.
    href = item.get_by_role("link").get_attribute("href") or ""
    assert dict(parse_qsl(urlsplit(href).query)) == {"level": "level_1", "q": hostile}

    item.get_by_role("button", name=re.compile("Supprimer la recherche")).click()
    page.wait_for_url(re.compile(r"/mes-recherches\?supprimee=1"))
    expect(page.get_by_role("status")).to_have_text("Recherche supprimée.")
    assert added not in saved_queries(site)
    expect(page.get_by_role("link", name=f"« {hostile} »", exact=True)).to_have_count(0)


def test_logged_out_saving_goes_through_the_login_and_back_to_the_same_page(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/categories/graphisme-design/conception-logo?q=logo&style=vintage")
    page.get_by_role("button", name="Sauvegarder cette recherche").click()
    page.wait_for_url(re.compile(r"/connexion\?"))
    log_in(page, site)
    page.wait_for_url(re.compile(r"/categories/graphisme-design/conception-logo\?"))
    assert dict(parse_qsl(urlsplit(page.url).query)) == {"q": "logo", "style": "vintage"}
    # Logged in now: the same button saves it.
    page.get_by_role("button", name="Sauvegarder cette recherche").click()
    page.wait_for_url(re.compile(r"/mes-recherches\?enregistree=\d+"))
    saved = "category=graphisme-design&q=logo&style=vintage&subcategory=conception-logo"
    assert saved in saved_queries(site)


def test_english_labels(open_page: OpenPage, site: Site) -> None:
    page = open_page(RESULTS + "&lang=en")
    expect(page.get_by_role("button", name="Save this search")).to_be_visible()
    expect(page.get_by_role("img", name="Prices")).to_be_visible()


def test_the_price_histogram_and_its_handles_change_the_results(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page("/recherche?q=logo")
    chart = page.get_by_role("img", name="Répartition des prix")
    expect(chart).to_be_visible()
    bars = chart.locator("rect")
    assert bars.count() >= 3
    heights = [float(bars.nth(i).get_attribute("height") or 0) for i in range(bars.count())]
    assert max(heights) == 40
    everything = total(page)
    low = page.get_by_role("slider", name="Curseur du budget minimum")
    high = page.get_by_role("slider", name="Curseur du budget maximum")
    floor = int(low.get_attribute("min") or 0)
    top = int(high.get_attribute("max") or 0)
    assert int(low.input_value()) == floor
    assert int(high.input_value()) == top
    # The low handle up: only the gigs from that price, the URL and the number input say so.
    chosen = floor + (top - floor) // 3
    low.fill(str(chosen))
    page.wait_for_url(re.compile(rf"budget_min={chosen * 100}"))
    expect(page.locator("#f-prix-min")).to_have_value(str(chosen))
    narrowed = total(page)
    assert 0 < narrowed < everything
    # The high handle to the low one: they never cross.
    high.fill(str(floor))
    page.wait_for_url(re.compile(rf"budget_max={chosen * 100}"))
    screenshot(site, page, "price-histogram")


def test_without_javascript_the_budget_inputs_still_filter(open_page: OpenPage, site: Site) -> None:
    page = open_page("/recherche?q=logo", javascript=False)
    expect(page.locator("[data-budget-slider]")).to_be_hidden()
    expect(page.get_by_role("img", name="Répartition des prix")).to_be_visible()
    page.locator("#f-prix-min").fill("50")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_url(re.compile(r"budget_min=5000"))


def test_the_results_page_with_its_controls_has_no_accessibility_violation(
    open_page: OpenPage, site: Site
) -> None:
    page = open_page(RESULTS)
    expect(page.get_by_role("button", name="Sauvegarder cette recherche")).to_be_visible()
    expect(page.locator("[data-budget-slider]")).to_be_visible()
    assert violations(page) == []
