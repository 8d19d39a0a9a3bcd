"""Write the demo catalog into the database, in batches, with flat memory and a progress bar;
and the demo's accounts, so a newcomer can log in as a buyer, a seller or customer support."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from sqlalchemy import Connection, Engine, func, insert, select, update
from tqdm import tqdm

from facets.taxonomy import TAXONOMY
from marketplace_core.accounts.enums import Role
from marketplace_core.accounts.models import User
from marketplace_core.accounts.passwords import hash_password
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.catalog.presence import is_online
from marketplace_core.catalog.rules import GigInput, PackageInput, validate_gig
from marketplace_core.clock import Clock
from marketplace_core.config import get_settings
from marketplace_core.demo.generator import DemoSeller, generate_catalog
from marketplace_core.demo.images import DemoImage, draw_demo_images, image_rows
from marketplace_core.gig_images.models import GigImage
from marketplace_core.storage import FileStorage


@dataclass(frozen=True)
class DemoAccount:
    """An account of the demo catalog. Its password is public (README): these accounts exist
    only in a database the demo seed wrote."""

    kind: str  # what the newcomer tries with it
    email: str
    password: str
    role: Role


DEMO_ACCOUNTS = (
    DemoAccount("buyer", "acheteur@demo.microtache.fr", "demo-acheteur", Role.USER),
    # Owns the demo's first seller and its gigs.
    DemoAccount("seller", "vendeur@demo.microtache.fr", "demo-vendeur", Role.USER),
    DemoAccount("support", "support@demo.microtache.fr", "demo-support", Role.SUPPORT),
)


@dataclass(frozen=True)
class SeedReport:
    sellers: int
    gigs: int


def catalog_is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not conn.execute(select(func.count()).select_from(Seller)).scalar_one()


def seed_catalog(
    engine: Engine,
    *,
    gigs: int,
    seed: int,
    clock: Clock,
    batch_sellers: int = 500,
    progress: bool = True,
    online_window: timedelta | None = None,
    images: FileStorage | None = None,
) -> SeedReport:
    """Insert ``gigs`` demo gigs (and their sellers); every gig passes the catalog rules.

    Sellers' search online flag is set as the presence sweep would (``online_window``: the
    configured one by default), so the rebuild that follows a seed indexes it right. With
    ``images``, gigs get drawn images stored there (see :mod:`marketplace_core.demo.images`).
    """
    window = online_window or timedelta(seconds=get_settings().online_window_seconds)
    pictures = draw_demo_images(images, progress=progress) if images is not None else {}
    sellers_done = gigs_done = 0
    with tqdm(total=gigs, unit="gig", desc="seed", disable=not progress) as bar:
        for batch in _batches(generate_catalog(gigs, seed), batch_sellers):
            with engine.begin() as conn:
                count = _insert_batch(conn, batch, clock, window, pictures)
            sellers_done += len(batch)
            gigs_done += count
            bar.update(count)
    with engine.begin() as conn:
        _insert_accounts(conn, clock)
    return SeedReport(sellers_done, gigs_done)


def _insert_accounts(conn: Connection, clock: Clock) -> None:
    now = clock.now()
    ids = conn.scalars(
        insert(User).returning(User.id, sort_by_parameter_order=True),
        [
            {
                "email": a.email,
                "password_hash": hash_password(a.password),
                "role": a.role,
                "created_at": now,
                "updated_at": now,
            }
            for a in DEMO_ACCOUNTS
        ],
    ).all()
    seller_user = dict(zip((a.kind for a in DEMO_ACCOUNTS), ids, strict=True))["seller"]
    first_seller = conn.scalar(select(func.min(Seller.id)))
    if first_seller is not None:
        conn.execute(update(Seller).where(Seller.id == first_seller).values(user_id=seller_user))


def demo_accounts(engine: Engine) -> list[tuple[DemoAccount, str | None]]:
    """The demo accounts this database holds, each with the username of the seller it owns."""
    with engine.connect() as conn:
        found = dict(
            conn.execute(
                select(User.email, Seller.username)
                .outerjoin(Seller, Seller.user_id == User.id)
                .where(User.email.in_([a.email for a in DEMO_ACCOUNTS]))
            )
            .tuples()
            .all()
        )
    return [(a, found[a.email]) for a in DEMO_ACCOUNTS if a.email in found]


def _batches(sellers: Iterable[DemoSeller], size: int) -> Iterator[list[DemoSeller]]:
    iterator = iter(sellers)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert_batch(
    conn: Connection,
    batch: list[DemoSeller],
    clock: Clock,
    online_window: timedelta,
    pictures: dict[str, list[DemoImage]],
) -> int:
    now = clock.now()
    seller_ids = conn.scalars(
        insert(Seller).returning(Seller.id, sort_by_parameter_order=True),
        [
            {
                "username": s.username,
                "display_name": s.display_name,
                "description": s.description,
                "level": s.level,
                "country": s.country,
                "timezone": s.timezone,
                "last_seen_at": now - timedelta(minutes=s.last_seen_minutes_ago),
                "search_online": is_online(
                    now - timedelta(minutes=s.last_seen_minutes_ago), now, online_window
                ),
                "version": 1,
                "rating_average": s.rating_average,
                "rating_count": s.rating_count,
                "completed_orders": s.completed_orders,
                "accepts_quotes": s.accepts_quotes,
                "created_at": now - timedelta(days=s.member_days),
                "updated_at": now,
            }
            for s in batch
        ],
    ).all()
    conn.execute(
        insert(SellerLanguage),
        [
            {"seller_id": sid, "language": lang, "proficiency": level}
            for sid, s in zip(seller_ids, batch, strict=True)
            for lang, level in s.languages
        ],
    )
    gig_rows = []
    package_rows = []
    for sid, s in zip(seller_ids, batch, strict=True):
        for demo in s.gigs:
            valid = validate_gig(
                GigInput(
                    title=demo.title,
                    description=demo.description,
                    subcategory=demo.subcategory,
                    tags=demo.tags,
                    attributes=demo.attributes,
                    packages=[
                        PackageInput(
                            p.tier, p.price_cents, p.delivery_days, p.revisions, p.description
                        )
                        for p in demo.packages
                    ],
                ),
                TAXONOMY,
            )
            created = now - timedelta(days=demo.age_days)
            gig_rows.append(
                {
                    "seller_id": sid,
                    "title": valid.title,
                    "description": valid.description,
                    "tags": valid.tags,
                    "category": valid.category,
                    "subcategory": valid.subcategory,
                    "attributes": valid.attributes,
                    "status": GigStatus.ACTIVE,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
            package_rows.append(valid.packages)
    if not gig_rows:
        return 0
    gig_ids = conn.scalars(
        insert(Gig).returning(Gig.id, sort_by_parameter_order=True), gig_rows
    ).all()
    conn.execute(
        insert(GigPackage),
        [
            {
                "gig_id": gid,
                "tier": p.tier,
                "price_cents": p.price_cents,
                "delivery_days": p.delivery_days,
                "revisions": p.revisions,
                "description": p.description,
            }
            for gid, packages in zip(gig_ids, package_rows, strict=True)
            for p in packages
        ],
    )
    if pictures:
        gigs = [(gid, str(row["subcategory"])) for gid, row in zip(gig_ids, gig_rows, strict=True)]
        conn.execute(insert(GigImage), image_rows(pictures, gigs, now))
    return len(gig_rows)
