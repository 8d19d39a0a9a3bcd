"""Catalog tables: sellers, the languages they speak, gigs and their packages; and what of
them the search documents copy (watched by the search outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# sellers.user_id refers to the accounts' users table: it must be in the metadata too.
import marketplace_core.accounts.models  # noqa: F401
from marketplace_core.catalog.enums import GigStatus, PackageTier, SellerLevel
from marketplace_core.db import Base, JSONDocument, UTCDateTime, string_enum
from marketplace_core.gig_images.models import GigImage
from marketplace_core.outbox import OutboxEntity, watch


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[SellerLevel] = mapped_column(string_enum(SellerLevel, "seller_level", 16))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rating_average: Mapped[float] = mapped_column(Float, default=0.0)
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    completed_orders: Mapped[int] = mapped_column(Integer, default=0)
    accepts_quotes: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The online flag as last sent to search; the presence sweep flips it when the computed
    # flag (last_seen_at within the window) differs, so heartbeats alone write nothing.
    search_online: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Bumped on every UPDATE like Gig.version; part of the gig documents' external version, so
    # a seller change reaches search although the gig did not change. The server default
    # serves bulk inserts (the demo seeder) and the rows that existed before the column.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))
    # The account that manages this profile; demo sellers have none.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)

    languages: Mapped[list[SellerLanguage]] = relationship(
        back_populates="seller", cascade="all, delete-orphan", order_by="SellerLanguage.language"
    )
    gigs: Mapped[list[Gig]] = relationship(back_populates="seller")

    __table_args__ = (
        CheckConstraint("rating_average >= 0 AND rating_average <= 5", name="rating_range"),
        CheckConstraint("rating_count >= 0 AND completed_orders >= 0", name="counts_positive"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)


class SellerLanguage(Base):
    __tablename__ = "seller_languages"

    seller_id: Mapped[int] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    proficiency: Mapped[str] = mapped_column(String(16))

    seller: Mapped[Seller] = relationship(back_populates="languages")


class Gig(Base):
    __tablename__ = "gigs"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    category: Mapped[str] = mapped_column(String(64), index=True)
    subcategory: Mapped[str] = mapped_column(String(64), index=True)
    # {attribute slug: [value slugs]}, validated against the subcategory's schema in facets/.
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    status: Mapped[GigStatus] = mapped_column(string_enum(GigStatus, "gig_status", 16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Bumped by SQLAlchemy on every UPDATE: optimistic concurrency, and the external
    # version of the search document so an older write never overwrites a newer one.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    seller: Mapped[Seller] = relationship(back_populates="gigs")
    packages: Mapped[list[GigPackage]] = relationship(
        back_populates="gig", cascade="all, delete-orphan", order_by="GigPackage.price_cents"
    )
    # The first is the thumbnail.
    images: Mapped[list[GigImage]] = relationship(
        cascade="all, delete-orphan", order_by="(GigImage.position, GigImage.id)"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)


class GigPackage(Base):
    __tablename__ = "gig_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    gig_id: Mapped[int] = mapped_column(ForeignKey("gigs.id", ondelete="CASCADE"), index=True)
    tier: Mapped[PackageTier] = mapped_column(string_enum(PackageTier, "package_tier", 16))
    price_cents: Mapped[int] = mapped_column(Integer)
    delivery_days: Mapped[int] = mapped_column(Integer)
    revisions: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")

    gig: Mapped[Gig] = relationship(back_populates="packages")

    __table_args__ = (
        UniqueConstraint("gig_id", "tier", name="gig_tier"),
        CheckConstraint("price_cents >= 500", name="price_min_5_dollars"),
        CheckConstraint("delivery_days >= 1", name="delivery_at_least_one_day"),
        CheckConstraint("revisions >= 0", name="revisions_positive"),
    )


class GigSearchDocument(Base):
    """A gig's search document as last built, with the version and format it was built at.

    Written by whatever builds documents (the search sync, a rebuild), so a rebuild that finds
    them current sends them as they are instead of building a million again. Derived data:
    deleting every row only makes the next rebuild build them all."""

    __tablename__ = "gig_search_documents"

    gig_id: Mapped[int] = mapped_column(ForeignKey("gigs.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)  # the document's external version
    format: Mapped[str] = mapped_column(String(32))  # what code and taxonomy built it
    body: Mapped[str] = mapped_column(Text)  # the JSON sent to the index


# -- what the search documents copy -----------------------------------------------------
# Every column of the gig itself counts. Of the seller, what gig documents show; last_seen_at
# is left out on purpose: heartbeats reach search through search_online only (the presence
# sweep). The parent relationships count too: before a flush, a package taken out of its gig
# (an orphan, to be deleted) shows only there.
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
PACKAGE_DOCUMENT_FIELDS = ("gig", "gig_id", "tier", "price_cents", "delivery_days", "revisions")
LANGUAGE_DOCUMENT_FIELDS = ("seller", "seller_id", "language")

watch(Gig, OutboxEntity.GIG)
watch(GigPackage, OutboxEntity.GIG, fields=PACKAGE_DOCUMENT_FIELDS, key="gig_id", parent="gig")
# A new seller has no gigs yet, and a seller with gigs cannot be deleted: only changes count.
watch(Seller, OutboxEntity.SELLER, fields=SELLER_DOCUMENT_FIELDS, new_and_deleted=False)
watch(
    SellerLanguage,
    OutboxEntity.SELLER,
    fields=LANGUAGE_DOCUMENT_FIELDS,
    key="seller_id",
    parent="seller",
)
