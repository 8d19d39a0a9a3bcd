"""« Dans mes horaires »: sellers whose working day overlaps the buyer's. Pure.

The help center's reason for the location filter is finding someone "dans le même fuseau
horaire". Everyone's working day is taken as 9:00–18:00 in their own time zone; two days
overlap by nine hours less the distance between the two zones' UTC offsets (around the
clock: UTC-10 and UTC+12 are two hours apart, not twenty-two).

Offsets are taken at a given instant, for the buyer's zone and for every zone sellers may
have (``facets.common.COUNTRY_TIMEZONES``): summer time is exact on both sides whatever
the date, and a seller's document only holds the zone's name. Which zones overlap a buyer
by at least so many hours is a list of names, a cheap filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from facets.common import COUNTRY_TIMEZONES
from facets.model import Choice, Label

WORKDAY_START, WORKDAY_END = 9, 18  # local hours
WORKDAY_HOURS = WORKDAY_END - WORKDAY_START
OVERLAPS = (2, 4, 6, 8)  # the facet's thresholds, in hours
SELLER_ZONES: tuple[str, ...] = tuple(sorted({z for zs in COUNTRY_TIMEZONES.values() for z in zs}))


def hours_label(hours: int) -> Label:
    return Label(f"Au moins {hours} h en commun", f"At least {hours} h in common")


HOURS_CHOICES: tuple[Choice, ...] = tuple(Choice(str(n), hours_label(n)) for n in OVERLAPS)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_zone(name: str) -> bool:
    """An IANA time zone name ("Europe/Paris")."""
    if name not in known_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def offset_hours(zone: str, at: datetime) -> float:
    offset = at.astimezone(ZoneInfo(zone)).utcoffset() or timedelta()
    return offset.total_seconds() / 3600


def overlap_hours(buyer_offset: float, seller_offset: float) -> float:
    """Hours two 9:00–18:00 working days share, their zones this many hours off UTC."""
    apart = abs(buyer_offset - seller_offset) % 24
    return max(0.0, WORKDAY_HOURS - min(apart, 24 - apart))


def seller_overlaps(buyer_zone: str, at: datetime) -> Mapping[str, float]:
    """Every seller zone with the hours its working day shares with the buyer's, at ``at``.
    Rounded to the quarter hour (zones are whole or half hours apart, or 45 minutes)."""
    return _overlaps(buyer_zone, at.replace(minute=0, second=0, microsecond=0))


@lru_cache(maxsize=256)
def _overlaps(buyer_zone: str, hour: datetime) -> dict[str, float]:
    # Offsets change at most on the hour: one computation per zone and hour.
    buyer = offset_hours(buyer_zone, hour)
    return {z: overlap_hours(buyer, offset_hours(z, hour)) for z in SELLER_ZONES}


def zones_within(buyer_zone: str, hours: int, at: datetime) -> tuple[str, ...]:
    """The seller zones sharing at least ``hours`` of the buyer's working day at ``at``."""
    return tuple(z for z, shared in seller_overlaps(buyer_zone, at).items() if shared >= hours)
