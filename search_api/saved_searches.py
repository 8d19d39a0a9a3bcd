"""A buyer's saved search kept or dropped the one way the API and the pages both do it: the
database row first, the stored percolator query second, then the commit, the query held
throughout (saves and deletes of one query take turns). If the search cluster refuses, nothing
is committed; a stored query left without its row (the commit failing after) never alerts
anyone, and one another buyer still keeps stays."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from facets.taxonomy import TAXONOMY
from indexer import alerts
from indexer.alerts import delete_saved_search, put_saved_search
from marketplace_core.alerts import service
from marketplace_core.alerts.models import SavedSearch
from marketplace_core.thesaurus.rules import Thesaurus
from microtache.runtime import Runtime

log = logging.getLogger(__name__)


def save_search(
    session: Session, runtime: Runtime, thesaurus: Thesaurus, user_id: int, search: str
) -> SavedSearch:
    """``search``: a results page's query string (checked as the page checks it), its words
    matched with the ``thesaurus`` phrasings the searches use."""
    row, saved = service.save_search(
        session, user_id, search, taxonomy=TAXONOMY, clock=runtime.clock
    )
    put_saved_search(
        runtime.search,
        runtime.names,
        TAXONOMY,
        thesaurus,
        query=row.query,
        selection=saved.selection,
    )
    session.commit()
    return row


def drop_search(session: Session, runtime: Runtime, row: SavedSearch) -> None:
    """The stored query goes too unless another buyer's row keeps it; decided while the
    query is held (:func:`service.hold_query`), so a save of it in flight waits its turn."""
    query = row.query
    service.delete_saved_search(session, row)
    if not service.query_saved(session, query):
        delete_saved_search(runtime.search, runtime.names, query)
    session.commit()


def follow_thesaurus(runtime: Runtime, thesaurus: Thesaurus) -> None:
    """The thesaurus changed: the saved searches it rephrases stored again. A failure is
    logged, never the change's: the next change stores them again."""
    try:
        with runtime.sessions() as session:
            alerts.follow_thesaurus(session, runtime.search, runtime.names, TAXONOMY, thesaurus)
    except Exception:
        log.exception("saved searches not stored again after a thesaurus change")
