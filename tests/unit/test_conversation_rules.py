"""The pure rules of conversations: what a message may hold, who may talk to whom, how a
pair and a subject are stored so one pair about one subject is one conversation (R-REQ-6
"contacts the seller", R-ORD-7 "may still talk in the inbox")."""

from __future__ import annotations

import pytest

from marketplace_core.conversations.rules import (
    CLIENT_LABEL,
    MESSAGE_LENGTH,
    PREVIEW_LENGTH,
    Subject,
    SubjectKind,
    check_not_self,
    pair,
    preview,
    public_name,
    stored_subject,
    subject_of,
    validate_message,
)
from marketplace_core.errors import InvalidInput, Refused


def rules_of(caught: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(p.field, p.rule) for p in caught.value.problems]


def test_a_message_is_trimmed_and_keeps_its_lines_and_tabs() -> None:
    assert validate_message("  Bonjour,\r\n\tvoici le brief.\rMerci  ") == (
        "Bonjour,\n\tvoici le brief.\nMerci"
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_an_empty_message_is_refused_naming_message(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_message(text)
    assert rules_of(caught) == [("message", "message.length")]


def test_the_length_bounds_count_after_trimming() -> None:
    high = MESSAGE_LENGTH[1]
    assert validate_message("  " + "a" * high + "  ") == "a" * high
    assert validate_message("a") == "a"
    with pytest.raises(InvalidInput) as caught:
        validate_message("a" * (high + 1))
    assert rules_of(caught) == [("message", "message.length")]
    assert "1 to 5000 characters" in str(caught.value)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_other_than_newlines_and_tabs_are_refused(control: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_message(f"Bonjour{control}Claire")
    assert rules_of(caught) == [("message", "message.control_characters")]


def test_both_problems_are_named_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_message("\x00" * 5001)
    assert rules_of(caught) == [
        ("message", "message.length"),
        ("message", "message.control_characters"),
    ]


def test_french_text_and_emoji_are_fine() -> None:
    text = "Ça marche : « très bien » — merci ! 🎉"
    assert validate_message(text) == text


def test_nobody_opens_a_conversation_with_themselves() -> None:
    """R-SRCH-8: "me contacter" on one's own profile is refused with a rule."""
    with pytest.raises(Refused) as caught:
        check_not_self(7, 7)
    assert caught.value.rule == "conversation.self"
    check_not_self(7, 8)


def test_a_pair_is_the_same_whoever_starts() -> None:
    assert pair(3, 9) == pair(9, 3) == (3, 9)


def test_no_subject_is_stored_as_a_value_that_collides() -> None:
    """NULLs never collide in a unique constraint: "no subject" is ("none", 0)."""
    assert stored_subject(None) == (SubjectKind.NONE, 0)
    assert subject_of(SubjectKind.NONE, 0) is None
    offer = Subject(SubjectKind.REQUEST_OFFER, 12)
    assert stored_subject(offer) == (SubjectKind.REQUEST_OFFER, 12)
    assert subject_of(*stored_subject(offer)) == offer


@pytest.mark.parametrize(
    ("kind", "id_"), [(SubjectKind.NONE, 1), (SubjectKind.ORDER, 0), (SubjectKind.ORDER, -3)]
)
def test_a_subject_is_a_real_kind_and_a_positive_id(kind: SubjectKind, id_: int) -> None:
    with pytest.raises(ValueError, match="subject"):
        Subject(kind, id_)


def test_the_subject_kinds_other_engineers_rely_on() -> None:
    assert {k.value for k in SubjectKind} >= {"request_offer", "buyer_request", "order"}


def test_the_public_name_is_the_seller_username_or_a_neutral_label() -> None:
    assert public_name("claire_design") == "claire_design"
    assert public_name(None) == CLIENT_LABEL == "Client"


def test_a_preview_is_one_short_line() -> None:
    assert preview("Bonjour\n\nClaire,\tmerci") == "Bonjour Claire, merci"
    long = preview("mot " * 100)
    assert len(long) == PREVIEW_LENGTH
    assert long.endswith("…")
