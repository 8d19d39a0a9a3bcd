"""Every table, imported in one place so metadata is complete for migrations."""

from marketplace_core.accounts.models import AuthSession, LoginThrottle, User
from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.db import Base
from marketplace_core.favorites.models import Favorite
from marketplace_core.outbox import SearchOutbox

__all__ = [
    "AuthSession",
    "Base",
    "Favorite",
    "Gig",
    "GigPackage",
    "LoginThrottle",
    "SearchOutbox",
    "Seller",
    "SellerLanguage",
    "User",
]
