"""Every table, imported in one place so metadata is complete for migrations."""

from marketplace_core.accounts.models import AuthSession, LoginThrottle, User
from marketplace_core.alerts.models import (
    RequestAlertScan,
    SavedSearch,
    SavedSearchMatch,
    SellerRequestAlert,
)
from marketplace_core.catalog.models import (
    Gig,
    GigPackage,
    GigSearchDocument,
    Seller,
    SellerLanguage,
)
from marketplace_core.conversations.models import (
    Conversation,
    ConversationMessage,
    ConversationParticipant,
)
from marketplace_core.db import Base
from marketplace_core.disputes.models import CancellationRequest
from marketplace_core.favorites.models import Favorite
from marketplace_core.gig_images.models import GigImage
from marketplace_core.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction
from marketplace_core.merchandising.models import MerchandisingRule
from marketplace_core.notifications.models import Notification
from marketplace_core.orders.models import (
    ExtensionOffer,
    Order,
    OrderDelivery,
    PaymentAttempt,
    RevisionRequest,
)
from marketplace_core.outbox import SearchOutbox
from marketplace_core.quotes.models import QuoteAttachment, QuoteOffer, QuoteRequest
from marketplace_core.requests.models import BuyerRequest, RequestOffer
from marketplace_core.reviews.models import PrivateFeedback, Review
from marketplace_core.thesaurus.models import ThesaurusChange, ThesaurusRule
from marketplace_core.tips.models import Tip
from marketplace_core.uploads.models import Upload

__all__ = [
    "AuthSession",
    "Base",
    "BuyerRequest",
    "CancellationRequest",
    "Conversation",
    "ConversationMessage",
    "ConversationParticipant",
    "ExtensionOffer",
    "Favorite",
    "Gig",
    "GigImage",
    "GigPackage",
    "GigSearchDocument",
    "LedgerAccount",
    "LedgerEntry",
    "LedgerTransaction",
    "LoginThrottle",
    "MerchandisingRule",
    "Notification",
    "Order",
    "OrderDelivery",
    "PaymentAttempt",
    "PrivateFeedback",
    "QuoteAttachment",
    "QuoteOffer",
    "QuoteRequest",
    "RequestAlertScan",
    "RequestOffer",
    "Review",
    "RevisionRequest",
    "SavedSearch",
    "SavedSearchMatch",
    "SearchOutbox",
    "Seller",
    "SellerLanguage",
    "SellerRequestAlert",
    "ThesaurusChange",
    "ThesaurusRule",
    "Tip",
    "Upload",
    "User",
]
