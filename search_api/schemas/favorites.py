"""Bodies of the favorites endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from search_api.schemas.gigs import GigCardOut


class FavoriteOut(BaseModel):
    gig: GigCardOut
    hearted_at: datetime
