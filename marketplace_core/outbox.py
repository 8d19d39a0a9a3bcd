"""The search outbox: ids of what changed, written in the same transaction as the change.

One session hook, registered when the catalog models are imported, sees every ORM flush: new,
changed and deleted gigs, packages, sellers and seller languages become ``search_outbox`` rows
(ids only; the indexer rebuilds each document from the database when it sends it). Seller
changes count only for the attributes that appear on gig documents, and so do changes to the
seller's record (``marketplace_core.sellers.quality``): an order delivered, completed or
cancelled, a buyer's message answered; those also bump the seller's version, which the
documents' external version is made of. Core bulk statements bypass the hook on purpose:
the demo seeder is followed by a full rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, Integer, Text, event, insert, inspect, select, text
from sqlalchemy.orm import Mapped, Session, SessionTransaction, UOWTransaction, mapped_column
from sqlalchemy.orm.attributes import flag_modified

from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.conversations.models import ConversationMessage
from marketplace_core.db import Base, UTCDateTime
from marketplace_core.orders.enums import OrderStatus
from marketplace_core.orders.models import Order

log = logging.getLogger(__name__)


class OutboxEntity(StrEnum):
    GIG = "gig"
    SELLER = "seller"  # stands for every gig of the seller


# What gig documents copy from each row; a change anywhere else writes no row. Every column of
# the gig itself counts. The seller's last_seen_at is left out on purpose: heartbeats reach
# search through search_online only.
SELLER_DOCUMENT_FIELDS = (
    "username",
    "display_name",
    "level",
    "country",
    "timezone",
    "rating_average",
    "rating_count",
    "completed_orders",
    "search_online",
)
# The parent relationship too: before a flush, a package taken out of its gig (an orphan, to
# be deleted) shows only there.
PACKAGE_DOCUMENT_FIELDS = ("gig", "gig_id", "tier", "price_cents", "delivery_days", "revisions")
LANGUAGE_DOCUMENT_FIELDS = ("seller", "seller_id", "language")
# Order statuses that change the seller's record: on time or not, completed or cancelled.
RECORD_STATUSES = frozenset({OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.CANCELLED})


class SearchOutbox(Base):
    __tablename__ = "search_outbox"

    # Oldest first is id order.
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[OutboxEntity] = mapped_column(
        Enum(
            OutboxEntity,
            name="outbox_entity",
            native_enum=False,
            create_constraint=True,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
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


# -- the flush hook ------------------------------------------------------------------------
_WRITTEN = "search_outbox.written"  # session.info: keys already written in this transaction
_RECORDS = "search_outbox.records"  # session.info: sellers whose record this flush changes
_PENDING_KICK = "search_outbox.kick"  # session.info: rows were written, announce the commit

Key = tuple[OutboxEntity, int]


@event.listens_for(Session, "before_flush")
def _bump_aggregate_versions(session: Session, _flush: UOWTransaction, _objects: Any) -> None:
    """A package belongs to its gig, a language to its seller: changing one must bump the
    parent's version, which the search document's external version is made of."""
    for package in _changed(session, GigPackage, PACKAGE_DOCUMENT_FIELDS):
        _bump_versions(session, _parents(package, "gig"))
    for language in _changed(session, SellerLanguage, LANGUAGE_DOCUMENT_FIELDS):
        _bump_versions(session, _parents(language, "seller"))
    changed = _record_changes(session)
    _bump_versions(session, changed)
    session.info[_RECORDS] = {seller.id for seller in changed}


def _record_changes(session: Session) -> list[Seller]:
    """Sellers whose record this flush changes: an order of theirs reached a status the
    record counts, or they answered a message of the other party."""
    seller_ids: set[int] = set()
    for order in session.dirty:
        if (
            isinstance(order, Order)
            and _any_changed(order, ("status",))
            and order.status in RECORD_STATUSES
        ):
            seller_ids.add(order.seller_id)
    for message in session.new:
        if not isinstance(message, ConversationMessage):
            continue
        last_sender = session.scalar(
            select(ConversationMessage.sender_id)
            .where(ConversationMessage.conversation_id == message.conversation_id)
            .order_by(ConversationMessage.id.desc())
            .limit(1)
        )
        if last_sender is None or last_sender == message.sender_id:
            continue  # not an answer: the first word, or more of the sender's own
        seller_id = session.scalar(select(Seller.id).where(Seller.user_id == message.sender_id))
        if seller_id is not None:
            seller_ids.add(seller_id)
    return [seller for seller_id in sorted(seller_ids) if (seller := _locked(session, seller_id))]


def _locked(session: Session, seller_id: int) -> Seller | None:
    """The seller whose version this flush bumps. One already changed in this session is
    taken as it is (its changes are not lost, and whoever changed it locked it); any other
    is read afresh and held until commit, so that two transactions bumping the same seller
    wait for each other instead of the second finding its version stale."""
    for obj in session.dirty:
        if isinstance(obj, Seller) and obj.id == seller_id:
            return obj
    return session.scalars(
        select(Seller)
        .where(Seller.id == seller_id)
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
    for gig in _changed(session, Gig):
        keys[(OutboxEntity.GIG, gig.id)] = None
    for package in _changed(session, GigPackage, PACKAGE_DOCUMENT_FIELDS):
        for gig_id in _values(package, "gig_id"):
            keys[(OutboxEntity.GIG, gig_id)] = None
    for seller in session.dirty:
        if isinstance(seller, Seller) and _any_changed(seller, SELLER_DOCUMENT_FIELDS):
            keys[(OutboxEntity.SELLER, seller.id)] = None
    # A new seller has no gigs yet (each new gig writes its own row), and a seller with gigs
    # cannot be deleted: neither writes a row.
    for seller_id in sorted(session.info.pop(_RECORDS, ())):
        keys[(OutboxEntity.SELLER, seller_id)] = None
    new_sellers = {s.id for s in session.new if isinstance(s, Seller)}
    for language in _changed(session, SellerLanguage, LANGUAGE_DOCUMENT_FIELDS):
        for seller_id in _values(language, "seller_id") - new_sellers:
            keys[(OutboxEntity.SELLER, seller_id)] = None
    return list(keys)


def _changed(
    session: Session, model: type[Base], fields: Iterable[str] | None = None
) -> Iterable[Any]:
    """New and deleted objects of ``model``, and changed ones (in ``fields``, or any column)."""
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, model):
            yield obj
    for obj in session.dirty:
        if not isinstance(obj, model) or obj in session.deleted:
            continue
        if fields is None:
            if session.is_modified(obj, include_collections=False):
                yield obj
        elif _any_changed(obj, fields):
            yield obj


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
