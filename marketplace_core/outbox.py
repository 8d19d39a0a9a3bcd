"""The search outbox: ids of what changed, written in the same transaction as the change.

One session hook sees every ORM flush. The models whose rows search documents copy declare it
with :func:`watch` (the catalog does, for gigs, packages, sellers and seller languages): a new,
changed or deleted row of theirs becomes a ``search_outbox`` row naming the document it
belongs to (ids only; the indexer rebuilds each document from the database when it sends it).
The outbox knows no model: imports go from the watched models to it. Some documents also
count rows they do not copy (a seller's record counts their orders and answers): those models
declare it with :func:`watch_counted`. Core bulk statements bypass the hook on purpose: the
demo seeder is followed by a full rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, Text, event, insert, inspect, select, text
from sqlalchemy.orm import Mapped, Session, SessionTransaction, UOWTransaction, mapped_column
from sqlalchemy.orm.attributes import flag_modified

from marketplace_core.db import Base, UTCDateTime, string_enum

log = logging.getLogger(__name__)


class OutboxEntity(StrEnum):
    GIG = "gig"
    SELLER = "seller"  # stands for every gig of the seller


class SearchOutbox(Base):
    __tablename__ = "search_outbox"

    # Oldest first is id order.
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[OutboxEntity] = mapped_column(string_enum(OutboxEntity, "outbox_entity", 16))
    entity_id: Mapped[int] = mapped_column(Integer)
    # NULL: never tried, ready now. Writers need no clock; the drain compares retries to its
    # own injected clock.
    available_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    # For monitoring the lag only; nothing reads it to decide anything.
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), server_default=text("CURRENT_TIMESTAMP")
    )


# -- what is watched -----------------------------------------------------------------------
@dataclass(frozen=True)
class Watch:
    """Changes to rows of ``model`` that reach the search document ``entity``."""

    model: type[Base]
    entity: OutboxEntity
    # The attributes the document copies; None: every column.
    fields: tuple[str, ...] | None = None
    # The document's id: the row's own id, or a foreign key (its old and new values: a row
    # may move between documents).
    key: str = "id"
    # The relationship to the document's own row, whose version a change must bump.
    parent: str | None = None
    # A new or deleted row writes a row too (False: only changes do).
    new_and_deleted: bool = True


_WATCHES: list[Watch] = []


def watch(
    model: type[Base],
    entity: OutboxEntity,
    *,
    fields: Iterable[str] | None = None,
    key: str = "id",
    parent: str | None = None,
    new_and_deleted: bool = True,
) -> None:
    """Changes to ``model`` rows go to the outbox as ``entity`` rows (see :class:`Watch`)."""
    _WATCHES.append(
        Watch(model, entity, tuple(fields) if fields else None, key, parent, new_and_deleted)
    )


@dataclass(frozen=True)
class Counted:
    """Rows a document counts without copying them: ``changed(session)``, before a flush,
    names the ids of the documents' own rows (of ``model``) whose counts the flush changes."""

    model: type[Base]
    entity: OutboxEntity
    changed: Callable[[Session], Iterable[int]]


_COUNTED: list[Counted] = []


def watch_counted(
    model: type[Base], entity: OutboxEntity, changed: Callable[[Session], Iterable[int]]
) -> None:
    """Flushes ``changed`` names change ``entity`` documents (see :class:`Counted`)."""
    _COUNTED.append(Counted(model, entity, changed))


# -- the flush hook ------------------------------------------------------------------------
_WRITTEN = "search_outbox.written"  # session.info: keys already written in this transaction
_COUNTS = "search_outbox.counts"  # session.info: documents whose counts this flush changes
_PENDING_KICK = "search_outbox.kick"  # session.info: rows were written, announce the commit

Key = tuple[OutboxEntity, int]


@event.listens_for(Session, "before_flush")
def _bump_aggregate_versions(session: Session, _flush: UOWTransaction, _objects: Any) -> None:
    """A package belongs to its gig, a language to its seller: changing one must bump the
    parent's version, which the search document's external version is made of."""
    for w in _WATCHES:
        if w.parent is not None:
            for child in _changed(session, w):
                _bump_versions(session, _parents(child, w.parent))
    counted: set[Key] = set()
    for c in _COUNTED:
        ids = sorted(set(c.changed(session)))
        _bump_versions(session, (row for id_ in ids if (row := _held(session, c.model, id_))))
        counted.update((c.entity, id_) for id_ in ids)
    session.info[_COUNTS] = counted


def _held(session: Session, model: type[Base], id_: int) -> Any:
    """The row whose version a count bumps. One already changed in this session is taken as
    it is (its changes are not lost, and whoever changed it locked it); any other is read
    afresh and held until commit, so that two transactions bumping the same row wait for each
    other instead of the second finding its version stale."""
    for obj in session.dirty:
        if isinstance(obj, model) and _id(obj) == id_:
            return obj
    return session.scalars(
        select(model)
        .where(inspect(model).primary_key[0] == id_)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _bump_versions(session: Session, parents: Iterable[Any]) -> None:
    for parent in parents:
        if inspect(parent).persistent and parent not in session.deleted:
            _ = parent.updated_at  # loaded if expired: only a loaded attribute can be flagged
            flag_modified(parent, "updated_at")  # an UPDATE, hence a new version


@event.listens_for(Session, "after_flush")
def _write_outbox_rows(session: Session, _flush: UOWTransaction) -> None:
    # After the flush new rows have their ids; new/dirty/deleted and attribute history still
    # describe what this flush wrote.
    written: set[Key] = session.info.setdefault(_WRITTEN, set())
    keys = [key for key in _outbox_keys(session) if key not in written]
    if not keys:
        return
    session.connection().execute(
        insert(SearchOutbox), [{"entity": entity, "entity_id": id_} for entity, id_ in keys]
    )
    written.update(keys)
    session.info[_PENDING_KICK] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_written(session: Session, transaction: SessionTransaction) -> None:
    # Each flush runs in a subtransaction of its own: only the end of the real transaction
    # counts, or of a savepoint (the rows it rolled back must be written again).
    if transaction.nested:
        session.info.pop(_WRITTEN, None)
    elif transaction.parent is None:
        session.info.pop(_WRITTEN, None)
        session.info.pop(_PENDING_KICK, None)


@event.listens_for(Session, "after_commit")
def _announce_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None or not session.info.pop(_PENDING_KICK, False):
        return
    for listener in list(_commit_listeners):
        try:
            listener()
        except Exception:  # the change is committed; a failed wake-up only delays search
            log.exception("search outbox commit listener failed")


def _outbox_keys(session: Session) -> list[Key]:
    keys: dict[Key, None] = {}  # ordered and unique
    # A document whose own row is new while it only counts changes has nothing to send yet:
    # a new seller has no gigs (each new gig writes its own row).
    fresh = {
        (w.entity, _id(obj))
        for w in _WATCHES
        if not w.new_and_deleted and w.key == "id"
        for obj in session.new
        if isinstance(obj, w.model)
    }
    for w in _WATCHES:
        for obj in _changed(session, w):
            for id_ in {_id(obj)} if w.key == "id" else _values(obj, w.key):
                if (w.entity, id_) not in fresh:
                    keys[(w.entity, id_)] = None
    for key in sorted(session.info.pop(_COUNTS, ())):
        keys[key] = None
    return list(keys)


def _changed(session: Session, w: Watch) -> Iterable[Any]:
    """New and deleted rows of the watched model, and changed ones (in its fields, or any
    column)."""
    if w.new_and_deleted:
        for obj in (*session.new, *session.deleted):
            if isinstance(obj, w.model):
                yield obj
    for obj in session.dirty:
        if not isinstance(obj, w.model) or obj in session.deleted:
            continue
        if w.fields is None:
            if session.is_modified(obj, include_collections=False):
                yield obj
        elif _any_changed(obj, w.fields):
            yield obj


def _id(obj: Any) -> int:
    return int(obj.id)


def _any_changed(obj: Base, fields: Iterable[str]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _values(obj: Base, field: str) -> set[int]:
    """Current and previous values of a foreign key (a row may have moved between parents)."""
    history = inspect(obj).attrs[field].history
    return {v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None}


def _parents(obj: Base, relationship: str) -> list[Any]:
    """The parent objects, current and previous; loads the current one if needed."""
    history = inspect(obj).attrs[relationship].history
    parents = [p for p in (*history.added, *history.unchanged, *history.deleted) if p is not None]
    if not parents:
        parent = getattr(obj, relationship)
        parents = [parent] if parent is not None else []
    return parents


# -- commit listeners ----------------------------------------------------------------------
_commit_listeners: list[Callable[[], None]] = []


def add_commit_listener(listener: Callable[[], None]) -> None:
    """Call ``listener`` (which must be quick) after each commit that wrote outbox rows: the
    indexer wakes its drain with it, so a change is searchable without waiting for a sweep."""
    _commit_listeners.append(listener)


def remove_commit_listener(listener: Callable[[], None]) -> None:
    if listener in _commit_listeners:
        _commit_listeners.remove(listener)
