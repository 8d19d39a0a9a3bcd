"""The words of every notification and e-mail, in French and English. Pure, no I/O.

One entry per message: what kind of notification it is, its text and, when it goes by e-mail
too, the e-mail's subject. Values fill the text: plain strings, or a ``{"fr": …, "en": …}``
pair for words that are themselves translated (a removal reason). A notification keeps its
message key and values, so it reads in the language of whoever reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from facets.model import DEFAULT_LANG, Label, Lang
from marketplace_core.notifications.enums import NotificationKind

Value = str | Mapping[str, str]  # a plain value, or one per language
Values = Mapping[str, Value]


class Message(StrEnum):
    ORDER_PLACED = "order_placed"
    ORDER_DELIVERED = "order_delivered"
    REVISION_REQUESTED = "revision_requested"
    ORDER_COMPLETED = "order_completed"
    ORDER_CANCELLED = "order_cancelled"
    EXTRAS_OFFERED = "extras_offered"
    EXTRAS_AND_DAYS_OFFERED = "extras_and_days_offered"
    CANCELLATION_REQUESTED = "cancellation_requested"
    TIP_RECEIVED = "tip_received"
    REVIEW_REMOVED = "review_removed"
    REQUEST_APPROVED = "request_approved"
    REQUEST_REFUSED = "request_refused"
    REQUEST_EXPIRED = "request_expired"
    OFFER_RECEIVED = "offer_received"
    MESSAGE_RECEIVED = "message_received"
    SAVED_SEARCH_MATCHES = "saved_search_matches"
    REQUEST_MATCHED = "request_matched"


@dataclass(frozen=True)
class Wording:
    kind: NotificationKind
    text: Label
    subject: Label | None = None  # None: the site notification only, no e-mail


_K = NotificationKind
_M = Message
CATALOG: Mapping[Message, Wording] = MappingProxyType(
    {
        _M.ORDER_PLACED: Wording(
            _K.ORDER_PLACED, Label("Nouvelle commande : « {title} »", "New order: “{title}”")
        ),
        # R-ORD-10: the buyer is told, with a link, by notification and e-mail.
        _M.ORDER_DELIVERED: Wording(
            _K.ORDER_DELIVERED,
            Label(
                "Votre commande « {title} » a été livrée : acceptez-la ou demandez des "
                "modifications. Sans action de votre part, elle sera terminée dans 3 jours.",
                "Your order “{title}” was delivered: accept it or ask for changes. Without an "
                "answer from you, it completes in 3 days.",
            ),
            Label("Votre commande a été livrée", "Your order was delivered"),
        ),
        _M.REVISION_REQUESTED: Wording(
            _K.REVISION_REQUESTED,
            Label(
                "Le client demande des modifications pour « {title} »",
                "The buyer asks for changes to “{title}”",
            ),
        ),
        _M.ORDER_COMPLETED: Wording(
            _K.ORDER_COMPLETED,
            Label("La commande « {title} » est terminée", "The order “{title}” is completed"),
        ),
        _M.ORDER_CANCELLED: Wording(
            _K.ORDER_CANCELLED,
            Label(
                "La commande « {title} » est annulée ; le client est remboursé sur son solde "
                "Microtache",
                "The order “{title}” is cancelled; the buyer is refunded to their Microtache "
                "balance",
            ),
        ),
        _M.EXTRAS_OFFERED: Wording(
            _K.EXTENSION_REQUESTED,
            Label(
                "Le prestataire propose des extras pour « {title} » : {amount} $. "
                "Acceptez-les ou refusez-les.",
                "The seller offers extras for “{title}”: ${amount}. Accept or decline them.",
            ),
            Label("Des extras sont proposés pour votre commande", "Extras offered for your order"),
        ),
        _M.EXTRAS_AND_DAYS_OFFERED: Wording(
            _K.EXTENSION_REQUESTED,
            Label(
                "Le prestataire propose des extras pour « {title} » : {amount} $ et {days} "
                "jour(s) de plus. Acceptez-les ou refusez-les.",
                "The seller offers extras for “{title}”: ${amount} and {days} more day(s). "
                "Accept or decline them.",
            ),
            Label("Des extras sont proposés pour votre commande", "Extras offered for your order"),
        ),
        # R-DIS-4: to the other party only.
        _M.CANCELLATION_REQUESTED: Wording(
            _K.CANCELLATION_REQUESTED,
            Label(
                "Demande d'annulation pour « {title} » : acceptez-la ou refusez-la dans les 48 "
                "heures, sinon la commande sera annulée automatiquement.",
                "Cancellation asked for “{title}”: accept or refuse it within 48 hours, or the "
                "order is cancelled automatically.",
            ),
            Label("Demande d'annulation de commande", "Order cancellation request"),
        ),
        _M.TIP_RECEIVED: Wording(
            _K.TIP_RECEIVED,
            Label(
                "Vous avez reçu un pourboire de {amount} $ pour « {title} »",
                "You received a ${amount} tip for “{title}”",
            ),
        ),
        # R-REV-6: the author is told why.
        _M.REVIEW_REMOVED: Wording(
            _K.REVIEW_REMOVED,
            Label(
                "Votre évaluation a été retirée par le service client ({reason}) : {explanation}",
                "Your review was removed by customer support ({reason}): {explanation}",
            ),
            Label("Votre évaluation a été retirée", "Your review was removed"),
        ),
        # R-REQ-2, R-REQ-5, R-REQ-6: the buyer of a request.
        _M.REQUEST_APPROVED: Wording(
            _K.REQUEST_APPROVED,
            Label(
                "Votre demande n° {request} est approuvée : les prestataires peuvent maintenant "
                "vous envoyer leurs offres.",
                "Your request no. {request} is approved: sellers can now send you their offers.",
            ),
            Label("Votre demande est approuvée", "Your request is approved"),
        ),
        _M.REQUEST_REFUSED: Wording(
            _K.REQUEST_REFUSED,
            Label(
                "Votre demande n° {request} n'a pas été approuvée. Raison : {reason}",
                "Your request no. {request} was not approved. Reason: {reason}",
            ),
            Label("Votre demande n'a pas été approuvée", "Your request was not approved"),
        ),
        _M.REQUEST_EXPIRED: Wording(
            _K.REQUEST_EXPIRED,
            Label(
                "Votre demande n° {request} a expiré : aucune nouvelle offre ni boost depuis "
                "14 jours.",
                "Your request no. {request} expired: no new offer nor boost for 14 days.",
            ),
            Label("Votre demande a expiré", "Your request expired"),
        ),
        _M.OFFER_RECEIVED: Wording(
            _K.OFFER_RECEIVED,
            Label(
                "Nouvelle offre de {seller} pour votre demande n° {request}",
                "New offer from {seller} on your request no. {request}",
            ),
        ),
        _M.MESSAGE_RECEIVED: Wording(
            _K.MESSAGE_RECEIVED,
            Label(
                "Nouveau message de {name} : « {preview} »", "New message from {name}: “{preview}”"
            ),
            Label("Nouveau message de {name}", "New message from {name}"),
        ),
        # A buyer's saved search: at most one digest a day of the new gigs it finds.
        _M.SAVED_SEARCH_MATCHES: Wording(
            _K.SAVED_SEARCH_MATCHES,
            Label("{count} {services} pour {search}", "{count} {services} for {search}"),
            Label("De nouveaux services pour votre recherche", "New services for your search"),
        ),
        # A seller's alert: a new approved buyer request for their services.
        _M.REQUEST_MATCHED: Wording(
            _K.REQUEST_MATCHED,
            Label(
                "Nouvelle demande de client pour vos services : budget {amount} $, livraison en "
                "{days} jours",
                "New buyer request for your services: budget ${amount}, delivery in {days} days",
            ),
            Label("Nouvelle demande de client", "New buyer request"),
        ),
    }
)


def dollars(cents: int) -> str:
    """An amount as the texts show it, e.g. ``12.50``."""
    return f"{cents / 100:.2f}"


def _fill(template: str, values: Values, lang: Lang) -> str:
    return template.format_map(
        {name: v if isinstance(v, str) else v[lang] for name, v in values.items()}
    )


def text_of(message: Message, values: Values, lang: Lang = DEFAULT_LANG) -> str:
    return _fill(CATALOG[message].text.get(lang), values, lang)


def subject_of(message: Message, values: Values, lang: Lang = DEFAULT_LANG) -> str | None:
    subject = CATALOG[message].subject
    return None if subject is None else _fill(subject.get(lang), values, lang)
