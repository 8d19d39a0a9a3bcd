"""``/support/merchandising/rules``: customer support pins, hides, boosts and buries gigs on
the pages of a query or of a category, each rule within its window; a preview shows a page
with and without a rule.

A change applies to this process's searches at once and to every other API process's
within ``MERCHANDISING_REFRESH_SECONDS`` (each checks the stored version in the background
and swaps its copy whole).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.orm import Session

from facets.selection import parse_selection
from facets.taxonomy import TAXONOMY
from indexer.merchandising import page_plan
from indexer.search import search_steps
from indexer.steps import run_async
from marketplace_core.merchandising import service
from marketplace_core.merchandising.rules import Rule, Trigger
from marketplace_core.merchandising.service import STATES, LiveRules
from microtache.runtime import Runtime
from search_api.deps import DbSession, RuntimeDep, SupportUser
from search_api.live_copies import live_copy, refresh_now
from search_api.routers.search import SEARCH_PARAMETERS, applied_out, results_out
from search_api.schemas.errors import errors
from search_api.schemas.merchandising import PreviewOut, PreviewPage, RuleIn, RuleOut


def _live_rules(runtime: Runtime) -> tuple[LiveRules, float]:
    live = LiveRules(runtime.sessions, runtime.clock)
    return live, runtime.settings.merchandising_refresh_seconds


# The process's rules (``app.state.merchandising``), loaded before the first search.
router = APIRouter(
    tags=["merchandising"],
    lifespan=live_copy("merchandising", "merchandising rules", _live_rules),
)


def _live(request: Request) -> LiveRules:
    live: LiveRules = request.app.state.merchandising
    return live


def _commit(session: Session, request: Request) -> None:
    """Then this process applies the change at once; the others at their next check."""
    session.commit()
    refresh_now(_live(request), "merchandising rules")


@router.post(
    "/support/merchandising/rules",
    response_model=RuleOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter une règle de mise en avant",
    description="Customer support only: for the pages of `query` (match `exact` or "
    "`contains`) or of a `category` (or subcategory) browsed without words, `pin` a gig at "
    "a `position` (labelled `sponsored` or `featured`), `hide` a gig, or `boost` / `bury` "
    "the gigs of a seller level or subcategory, from `starts_at` (now) until `ends_at`. "
    "Rules act on the default order (relevance, or the best sellers without words); hides "
    "on every order.",
    responses=errors(401, 403, 413, 422),
)
def add_rule(
    body: RuleIn, support: SupportUser, session: DbSession, runtime: RuntimeDep, request: Request
) -> RuleOut:
    now = runtime.clock.now()
    row = service.add_rule(
        session,
        body.as_input(now),
        author_id=support.user.id,
        taxonomy=TAXONOMY,
        clock=runtime.clock,
    )
    _commit(session, request)
    return RuleOut.of(row, now)


@router.get(
    "/support/merchandising/rules",
    response_model=list[RuleOut],
    summary="Règles de mise en avant",
    description="Customer support only, newest first: `current` (in force or scheduled, the "
    "default), `in_force`, `scheduled`, `ended`, `removed` or `all`.",
    responses=errors(401, 403, 422),
)
def list_rules(
    _support: SupportUser,
    session: DbSession,
    runtime: RuntimeDep,
    state: Annotated[str, Query(pattern="^(" + "|".join(STATES) + ")$")] = "current",
) -> list[RuleOut]:
    now = runtime.clock.now()
    return [RuleOut.of(r, now) for r in service.list_rules(session, state, now)]


@router.delete(
    "/support/merchandising/rules/{rule_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Retirer une règle de mise en avant",
    description="Customer support only: searches stop applying it within seconds; the rule "
    "is kept, with who removed it. Removing it again is 409.",
    responses=errors(401, 403, 404, 409, 422),
)
def remove_rule(
    rule_id: int, support: SupportUser, session: DbSession, runtime: RuntimeDep, request: Request
) -> Response:
    service.remove_rule(session, rule_id, actor_id=support.user.id, clock=runtime.clock)
    _commit(session, request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _own_page(rule: Rule) -> list[tuple[str, str]]:
    if rule.trigger is Trigger.CATEGORY:
        name = "subcategory" if TAXONOMY.subcategory(rule.target) else "category"
        return [(name, rule.target)]
    return [("q", rule.target)]


@router.get(
    "/support/merchandising/rules/{rule_id}/preview",
    response_model=PreviewOut,
    summary="Aperçu d'une règle de mise en avant",
    description="Customer support only: a results page with the rule (whatever its window) "
    "and without it, beside the other rules in force now. The page is given with the "
    "parameters of `GET /search`; without words nor category, it is the rule's own page.",
    responses=errors(401, 403, 404, 422),
    openapi_extra={"parameters": SEARCH_PARAMETERS},
)
async def preview(
    rule_id: int, _support: SupportUser, runtime: RuntimeDep, request: Request
) -> PreviewOut:
    with runtime.sessions() as session:
        row = service.get_rule(session, rule_id)
    rule = service.as_rule(row)
    now = runtime.clock.now()
    params = list(request.query_params.multi_items())
    if not any(name in ("q", "category", "subcategory") for name, _ in params):
        params += _own_page(rule)
    selection = parse_selection(params, TAXONOMY)
    others = [r for r in _live(request).current if r.id != rule.id and r.in_force(now)]
    pages = []
    for rules in ([*others, rule], others):
        plan = page_plan(rules, selection, None)
        result = await run_async(
            request.app.state.search_async,
            search_steps(
                runtime.names,
                selection,
                TAXONOMY,
                request.app.state.budget_bands,
                request.app.state.thesaurus.current,
                request.app.state.understanding.current,
                now,
                plan,
            ),
        )
        pages.append(
            PreviewPage(
                total=result.total,
                results=results_out(result, selection.lang),
                applied_rules=applied_out(result.applied_rules),
            )
        )
    applies = any(a.id == rule.id for a in pages[0].applied_rules)
    return PreviewOut(
        rule=RuleOut.of(row, now),
        query=urlencode(params),
        applies=applies,
        with_rule=pages[0],
        without_rule=pages[1],
    )
