"""Every table, imported in one place so metadata is complete for migrations."""

from marketplace_core.catalog.models import Gig, GigPackage, Seller, SellerLanguage
from marketplace_core.db import Base

__all__ = ["Base", "Gig", "GigPackage", "Seller", "SellerLanguage"]
