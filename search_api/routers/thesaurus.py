"""``/support/thesaurus``: customer support manages the search thesaurus.

Equivalences and one-way expansions per language, a curated default installed with the
engine, every change audited. A change applies to this process's searches at once and to
every other API process's within ``THESAURUS_REFRESH_SECONDS``: each checks the stored
version in the background and swaps its compiled copy whole, so no search ever sees half a
change nor waits for one. Nothing in the index changes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.orm import Session

from marketplace_core.thesaurus import service
from marketplace_core.thesaurus.rules import RuleKind
from marketplace_core.thesaurus.service import LiveThesaurus
from microtache.runtime import Runtime
from search_api import saved_searches
from search_api.deps import MAX_ID, DbSession, Id, RuntimeDep, SupportUser
from search_api.live_copies import live_copy, refresh_now
from search_api.schemas.errors import errors
from search_api.schemas.quotes import RefusedOut
from search_api.schemas.thesaurus import (
    ChangeOut,
    ExpansionOut,
    Kind,
    LangCode,
    RuleIn,
    RuleOut,
    RulesOut,
    VariantOut,
)


def _live_thesaurus(runtime: Runtime) -> tuple[LiveThesaurus, float]:
    return LiveThesaurus(runtime.sessions), runtime.settings.thesaurus_refresh_seconds


# The process's thesaurus (``app.state.thesaurus``), loaded before the first search.
router = APIRouter(
    tags=["thesaurus"], lifespan=live_copy("thesaurus", "thesaurus", _live_thesaurus)
)
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {
        "model": RefusedOut,
        "description": "The same rule is active (`thesaurus.rule.duplicate`), or a term is "
        "already in another equivalence of the language (`thesaurus.term.in_equivalence`).",
    }
}


def _live(request: Request) -> LiveThesaurus:
    live: LiveThesaurus = request.app.state.thesaurus
    return live


def _commit(session: Session, request: Request) -> None:
    """Then this process applies the change at once; the others at their next check (as
    this one, should it fail). The saved searches it rephrases are stored again, so their
    alerts follow it as searches do."""
    session.commit()
    live = _live(request)
    refresh_now(live, "thesaurus")
    saved_searches.follow_thesaurus(request.app.state.runtime, live.current)


@router.get(
    "/support/thesaurus",
    response_model=RulesOut,
    summary="Thésaurus de la recherche",
    description="Customer support only: the active rules, oldest first.",
    responses=errors(401, 403, 422),
)
def list_rules(
    _support: SupportUser,
    session: DbSession,
    lang: Annotated[LangCode | None, Query(description="only this language's rules")] = None,
    kind: Annotated[Kind | None, Query(description="only equivalences or expansions")] = None,
) -> RulesOut:
    rows = service.active_rows(session, lang=lang, kind=RuleKind(kind) if kind else None)
    return RulesOut(version=service.version(session), rules=[RuleOut.of(r) for r in rows])


@router.post(
    "/support/thesaurus",
    response_model=RuleOut,
    status_code=status.HTTP_201_CREATED,
    summary="Ajouter une règle au thésaurus",
    description="Customer support only: an equivalence (2 or more terms) or an expansion "
    "(terms and their targets). Searches use it within seconds; the change is audited.",
    responses=errors(401, 403, 413, 422) | CONFLICT,
)
def add_rule(
    body: RuleIn, support: SupportUser, session: DbSession, runtime: RuntimeDep, request: Request
) -> RuleOut:
    row = service.add_rule(
        session,
        lang=body.lang,
        kind=body.kind,
        terms=body.terms,
        targets=body.targets,
        actor_id=support.user.id,
        clock=runtime.clock,
    )
    _commit(session, request)
    return RuleOut.of(row)


@router.delete(
    "/support/thesaurus/{rule_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Retirer une règle du thésaurus",
    description="Customer support only: searches stop using it within seconds; the rule "
    "stays in the audit. A shipped default once removed is not installed again.",
    responses=errors(401, 403, 404, 422),
)
def remove_rule(
    rule_id: Id, support: SupportUser, session: DbSession, runtime: RuntimeDep, request: Request
) -> Response:
    service.remove_rule(session, rule_id, actor_id=support.user.id, clock=runtime.clock)
    _commit(session, request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/support/thesaurus/changes",
    response_model=list[ChangeOut],
    summary="Historique du thésaurus",
    description="Customer support only: who added or removed which rule, and when; newest "
    "first, paged with `before` (the last change id of the previous page).",
    responses=errors(401, 403, 422),
)
def changes(
    _support: SupportUser,
    session: DbSession,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> list[ChangeOut]:
    return [ChangeOut.of(c) for c in service.changes(session, limit=limit, before=before)]


@router.get(
    "/support/thesaurus/expand",
    response_model=ExpansionOut,
    summary="Essayer le thésaurus",
    description="Customer support only: the phrasings a search for `q` is sent with, as "
    "this process applies the thesaurus now.",
    responses=errors(401, 403, 422),
)
def expand(
    _support: SupportUser, request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]
) -> ExpansionOut:
    version, thesaurus = _live(request).snapshot
    return ExpansionOut(
        q=q,
        version=version,
        variants=[VariantOut(text=v.text, weight=v.weight) for v in thesaurus.variants(q)],
    )
