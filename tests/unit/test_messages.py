"""The catalog of notification and e-mail words: both languages say the same things."""

from __future__ import annotations

from string import Formatter

import pytest

from marketplace_core.notifications.enums import NotificationKind
from marketplace_core.notifications.messages import CATALOG, Message, Values, subject_of, text_of


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@pytest.mark.parametrize("message", list(Message))
def test_french_and_english_take_the_same_values(message: Message) -> None:
    wording = CATALOG[message]
    assert placeholders(wording.text.fr) == placeholders(wording.text.en)
    assert wording.text.fr != wording.text.en
    if wording.subject is not None:
        assert placeholders(wording.subject.fr) == placeholders(wording.subject.en)


def test_every_kind_of_notification_has_its_words() -> None:
    assert {w.kind for w in CATALOG.values()} == set(NotificationKind)


def test_values_fill_the_text_and_translated_values_follow_the_language() -> None:
    values: Values = {
        "reason": {"fr": "propos faux", "en": "false statements"},
        "explanation": "Non.",
    }
    assert text_of(Message.REVIEW_REMOVED, values, "fr") == (
        "Votre évaluation a été retirée par le service client (propos faux) : Non."
    )
    assert text_of(Message.REVIEW_REMOVED, values, "en") == (
        "Your review was removed by customer support (false statements): Non."
    )
    assert subject_of(Message.ORDER_PLACED, {"title": "Un logo"}) is None  # no e-mail
    assert subject_of(Message.REQUEST_APPROVED, {"request": "4"}, "en") == (
        "Your request is approved"
    )
