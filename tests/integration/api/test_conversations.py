"""Conversations over HTTP: contacting a seller from their profile (R-SRCH-8), the
conversation of an order before and after completion (R-ORD-7), the inbox with unread counts,
notifications, and that nobody but the two participants reads or writes one (R-REQ-6:
"nobody but the two parties reads an offer's conversation")."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import func, select, text

from marketplace_core.catalog.enums import GigStatus
from marketplace_core.clock import ManualClock
from marketplace_core.conversations.models import (
    Conversation,
    ConversationMessage,
    ConversationParticipant,
)
from marketplace_core.conversations.rules import Subject, SubjectKind
from marketplace_core.conversations.service import open_conversation
from marketplace_core.notifications.emails import MemoryEmailSender
from marketplace_core.notifications.models import Notification
from marketplace_core.orders.payments import TestPaymentProvider
from search_api.schemas.conversations import ContactRefusedOut, MessageIn, OptionalMessageIn
from tests.factories import create_seller
from tests.integration.api.harness import Api, People
from tests.integration.orders.test_concurrency import postgres_only, race

SELLER = "claire_design"  # people.owner's profile


@pytest.fixture
def emails(api: Api) -> MemoryEmailSender:
    sender = MemoryEmailSender(base_url="https://microtache.example")
    api.app.state.email_sender = sender
    api.app.state.payments = TestPaymentProvider()
    return sender


def contact(api: Api, user: int, message: str = "Bonjour Claire", seller: str = SELLER) -> Any:
    return api.call(
        "POST", f"/sellers/{seller}/conversations", user=user, json={"message": message}
    )


def send(api: Api, user: int, conversation_id: int, message: str) -> Any:
    return api.call(
        "POST", f"/conversations/{conversation_id}/messages", user=user, json={"message": message}
    )


def unread(api: Api, user: int, conversation_id: int) -> tuple[int, int]:
    """(unread in the conversation, unread over the inbox) as the user sees them."""
    page = api.call("GET", f"/conversations/{conversation_id}", user=user).json()
    return page["unread"], api.call("GET", "/me/conversations", user=user).json()["unread"]


def place_order(api: Api, people: People, key: str = "conv-order-0001") -> int:
    placed = api.call(
        "POST",
        "/orders",
        user=people.buyer,
        json={"gig_id": people.gigs[GigStatus.ACTIVE], "tier": "basic"},
        headers={"Idempotency-Key": key},
    )
    assert placed.status_code == 201, placed.text
    order_id: int = placed.json()["id"]
    return order_id


# -- contacting a seller, talking, reading --------------------------------------------------
def test_contact_a_seller_then_both_talk_and_unread_counts_go_up_and_down(
    api: Api, people: People, emails: MemoryEmailSender, clock: ManualClock
) -> None:
    """R-SRCH-8 ("me contacter" on the profile), R-REQ-6 (the buyer contacts the seller)."""
    opened = contact(api, people.buyer, "  Bonjour Claire,\nun logo pour ma boulangerie ?  ")
    assert opened.status_code == 201, opened.text
    conversation = opened.json()
    cid = conversation["id"]
    assert conversation["subject"] is None
    assert conversation["other"] == {"name": SELLER, "seller_username": SELLER}
    assert conversation["unread"] == 0  # one's own message is read
    assert [(m["from_me"], m["body"]) for m in conversation["messages"]] == [
        (True, "Bonjour Claire,\nun logo pour ma boulangerie ?")
    ]

    # The seller sees a « Client », never the buyer's e-mail.
    inbox = api.call("GET", "/me/conversations", user=people.owner).json()
    assert inbox["unread"] == 1
    assert inbox["total"] == 1
    [item] = inbox["items"]
    assert item["id"] == cid
    assert item["other"] == {"name": "Client", "seller_username": None}
    assert item["unread"] == 1
    assert item["last_message"]["preview"] == "Bonjour Claire, un logo pour ma boulangerie ?"
    assert item["last_message"]["from_me"] is False
    assert "paul@exemple.fr" not in api.call("GET", f"/conversations/{cid}", user=people.owner).text

    clock.advance(timedelta(minutes=3))
    reply = send(api, people.owner, cid, "Avec plaisir ! Quel style ?")
    assert reply.status_code == 201, reply.text
    assert reply.json()["from_me"] is True
    assert unread(api, people.owner, cid) == (0, 0)  # replying reads what came before
    assert unread(api, people.buyer, cid) == (1, 1)

    marked = api.call("POST", f"/conversations/{cid}/read", user=people.buyer)
    assert marked.status_code == 200
    assert marked.json() == {"marked": 1}
    assert unread(api, people.buyer, cid) == (0, 0)

    send(api, people.buyer, cid, "Minimaliste")
    send(api, people.buyer, cid, "En bleu")
    assert unread(api, people.owner, cid) == (2, 2)
    assert unread(api, people.buyer, cid) == (0, 0)
    assert api.call("POST", f"/conversations/{cid}/read", user=people.owner).json() == {"marked": 2}
    assert api.call("POST", f"/conversations/{cid}/read", user=people.owner).json() == {"marked": 0}
    assert unread(api, people.owner, cid) == (0, 0)

    page = api.call("GET", f"/conversations/{cid}", user=people.owner).json()
    assert [(m["from_me"], m["body"]) for m in page["messages"]] == [
        (False, "Bonjour Claire,\nun logo pour ma boulangerie ?"),
        (True, "Avec plaisir ! Quel style ?"),
        (False, "Minimaliste"),
        (False, "En bleu"),
    ]
    assert page["more"] is False
    assert page["last_message_at"] == page["messages"][-1]["created_at"]


def test_the_same_pair_and_subject_is_one_conversation(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    """Contacting again continues the conversation; whoever starts, a pair about a subject
    is one conversation; another subject or another pair is another one."""
    first = contact(api, people.buyer).json()["id"]
    again = contact(api, people.buyer, "Vous êtes là ?")
    assert again.status_code == 201
    assert again.json()["id"] == first
    assert [m["body"] for m in again.json()["messages"]] == ["Bonjour Claire", "Vous êtes là ?"]

    # Two sellers: marc contacts claire, then claire contacts marc: the same conversation.
    marc_to_claire = contact(api, people.other_seller).json()["id"]
    claire_to_marc = contact(api, people.owner, "Bonjour Marc", seller="marc_voix").json()["id"]
    assert marc_to_claire == claire_to_marc != first

    order_id = place_order(api, people)
    about_order = api.call("POST", f"/orders/{order_id}/conversation", user=people.buyer).json()
    assert about_order["id"] not in (first, marc_to_claire)
    assert api.count(Conversation) == 3
    assert api.count(ConversationParticipant) == 6


def test_the_inbox_shows_newest_activity_first_and_pages(
    api: Api, people: People, emails: MemoryEmailSender, clock: ManualClock
) -> None:
    with_claire = contact(api, people.buyer).json()["id"]
    clock.advance(timedelta(minutes=1))
    with_marc = contact(api, people.buyer, "Bonjour Marc", seller="marc_voix").json()["id"]
    clock.advance(timedelta(minutes=1))
    order_id = place_order(api, people)
    about_order = api.call("POST", f"/orders/{order_id}/conversation", user=people.buyer).json()
    assert about_order["messages"] == []  # opened without a message: its opening counts

    def order_of_inbox(**query: int) -> list[int]:
        params = "&".join(f"{k}={v}" for k, v in query.items())
        listed = api.call("GET", f"/me/conversations?{params}", user=people.buyer).json()
        assert listed["total"] == 3
        return [item["id"] for item in listed["items"]]

    assert order_of_inbox() == [about_order["id"], with_marc, with_claire]
    clock.advance(timedelta(minutes=1))
    send(api, people.owner, with_claire, "Bonjour Paul")
    assert order_of_inbox() == [with_claire, about_order["id"], with_marc]
    assert order_of_inbox(limit=2) == [with_claire, about_order["id"]]
    assert order_of_inbox(limit=2, offset=2) == [with_marc]

    listed = api.call("GET", "/me/conversations", user=people.buyer).json()
    assert [(i["other"]["name"], i["unread"]) for i in listed["items"]] == [
        (SELLER, 1),
        (SELLER, 0),
        ("marc_voix", 0),
    ]
    assert listed["items"][1]["subject"] == {"kind": "order", "id": order_id}
    assert listed["items"][1]["last_message"] is None
    bad = api.call("GET", "/me/conversations?limit=0", user=people.buyer)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "limit"


def test_messages_page_by_id_oldest_first(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    cid = contact(api, people.buyer, "m1").json()["id"]
    for n in range(2, 6):
        send(api, people.buyer, cid, f"m{n}")
    path = f"/conversations/{cid}"

    def bodies(query: str) -> tuple[list[str], list[int], bool]:
        page = api.call("GET", f"{path}?{query}", user=people.owner).json()
        return (
            [m["body"] for m in page["messages"]],
            [m["id"] for m in page["messages"]],
            page["more"],
        )

    latest, ids, more = bodies("limit=2")
    assert (latest, more) == (["m4", "m5"], True)
    older, older_ids, more = bodies(f"limit=2&before={ids[0]}")
    assert (older, more) == (["m2", "m3"], True)
    oldest, oldest_ids, more = bodies(f"limit=2&before={older_ids[0]}")
    assert (oldest, more) == (["m1"], False)
    newer, _, more = bodies(f"limit=3&after={oldest_ids[0]}")
    assert (newer, more) == (["m2", "m3", "m4"], True)
    newest, _, more = bodies(f"after={older_ids[1]}")
    assert (newest, more) == (["m4", "m5"], False)


# -- who may -------------------------------------------------------------------------------
def test_nobody_but_the_two_participants_reads_writes_or_marks_read(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    """R-REQ-6: nobody but the two parties reads their conversation, not even support."""
    cid = contact(api, people.buyer).json()["id"]
    before = api.count(ConversationMessage)
    for outsider in (people.other_seller, people.support):
        path = f"/conversations/{cid}"
        assert api.call("GET", path, user=outsider).status_code == 404
        assert send(api, outsider, cid, "Je m'incruste").status_code == 404
        assert api.call("POST", f"{path}/read", user=outsider).status_code == 404
        inbox = api.call("GET", "/me/conversations", user=outsider).json()
        assert inbox["items"] == []
    assert api.count(ConversationMessage) == before
    assert unread(api, people.owner, cid) == (1, 1)  # the outsiders' reads marked nothing
    # A conversation that does not exist answers the same.
    assert api.call("GET", f"/conversations/{cid + 100}", user=people.buyer).status_code == 404


def test_every_endpoint_needs_a_token(api: Api, people: People) -> None:
    cid = contact(api, people.buyer).json()["id"]
    calls = [
        ("POST", f"/sellers/{SELLER}/conversations", {"message": "Bonjour"}),
        ("POST", "/orders/1/conversation", None),
        ("GET", "/me/conversations", None),
        ("GET", f"/conversations/{cid}", None),
        ("POST", f"/conversations/{cid}/messages", {"message": "Bonjour"}),
        ("POST", f"/conversations/{cid}/read", None),
    ]
    for method, path, body in calls:
        answer = api.call(method, path, json=body)
        assert answer.status_code == 401, (method, path)
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_contacting_oneself_or_a_profile_without_account_is_refused(
    api: Api, people: People, clock: ManualClock
) -> None:
    """R-SRCH-8: "me contacter" on one's own profile is a 409 with its rule; nothing is
    written."""
    own = contact(api, people.owner)
    assert own.status_code == 409
    assert own.json()["rule"] == "conversation.self"
    with api.runtime.sessions.begin() as session:
        create_seller(session, clock=clock, username="vendeur_demo")
    demo = contact(api, people.buyer, seller="vendeur_demo")
    assert demo.status_code == 409
    assert demo.json()["rule"] == "seller.no_account"
    assert contact(api, people.buyer, seller="personne").status_code == 404
    assert api.count(Conversation) == 0
    assert api.count(ConversationMessage) == 0


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ({"message": ""}, "message.length"),
        ({"message": "  \n\t "}, "message.length"),
        ({"message": "a" * 5001}, "message.length"),
        ({"message": "Bonjour\x00"}, "message.control_characters"),
        ({}, "missing"),
    ],
)
def test_a_bad_message_is_422_naming_message_and_writes_nothing(
    api: Api, people: People, emails: MemoryEmailSender, body: dict[str, Any], rule: str
) -> None:
    answer = api.call("POST", f"/sellers/{SELLER}/conversations", user=people.buyer, json=body)
    assert answer.status_code == 422
    assert [(p["field"], p["rule"]) for p in answer.json()["detail"]] == [("message", rule)]
    assert api.count(Conversation) == 0  # not even an empty conversation

    cid = contact(api, people.buyer).json()["id"]
    before = api.count(ConversationMessage)
    answer = send(api, people.buyer, cid, body["message"]) if body else None
    if answer is not None:
        assert answer.status_code == 422
        assert [(p["field"], p["rule"]) for p in answer.json()["detail"]] == [("message", rule)]
    order_id = place_order(api, people)
    answer = api.call("POST", f"/orders/{order_id}/conversation", user=people.buyer, json=body)
    if body:
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["field"] == "message"
    assert api.count(ConversationMessage) == before
    assert api.count(Conversation) == (1 if body else 2)


def test_a_message_of_exactly_5000_characters_is_fine(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    answer = contact(api, people.buyer, "é" * 5000)
    assert answer.status_code == 201
    assert len(answer.json()["messages"][0]["body"]) == 5000


# -- orders ---------------------------------------------------------------------------------
def test_an_orders_conversation_is_for_its_two_parties_also_after_completion(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    """R-ORD-7: after completion buyer and seller may still talk in the inbox."""
    order_id = place_order(api, people)
    path = f"/orders/{order_id}/conversation"
    by_buyer = api.call("POST", path, user=people.buyer, json={"message": "Voici le brief"})
    assert by_buyer.status_code == 200, by_buyer.text
    conversation = by_buyer.json()
    assert conversation["subject"] == {"kind": "order", "id": order_id}
    assert conversation["other"]["name"] == SELLER
    by_seller = api.call("POST", path, user=people.owner)  # no body: open or get
    assert by_seller.status_code == 200
    assert by_seller.json()["id"] == conversation["id"]
    assert by_seller.json()["other"]["name"] == "Client"
    assert by_seller.json()["unread"] == 1
    for outsider in (people.other_seller, people.support):
        assert api.call("POST", path, user=outsider).status_code == 404
        assert api.call("POST", path, user=outsider, json={"message": "?"}).status_code == 404
    assert api.call("POST", "/orders/999999/conversation", user=people.buyer).status_code == 404
    assert api.count(Conversation) == 1

    order = f"/orders/{order_id}"
    api.call("POST", f"{order}/requirements", user=people.buyer, json={"text": "Logo bleu"})
    api.call("POST", f"{order}/deliveries", user=people.owner, json={"message": "V1"})
    done = api.call("POST", f"{order}/accept", user=people.buyer)
    assert done.json()["status"] == "completed", done.text
    after = api.call("POST", path, user=people.owner, json={"message": "Merci pour la commande"})
    assert after.status_code == 200
    assert after.json()["id"] == conversation["id"]
    assert send(api, people.buyer, conversation["id"], "Merci à vous").status_code == 201


# -- notifications --------------------------------------------------------------------------
def test_a_message_notifies_the_other_participant_with_one_email_per_unread_streak(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    cid = contact(api, people.buyer, "Premier message").json()["id"]
    send(api, people.buyer, cid, "Deuxième message")
    notes = api.call("GET", "/me/notifications", user=people.owner).json()
    assert notes["unread"] == 2
    assert [(n["kind"], n["link"]) for n in notes["items"]] == [
        ("message_received", f"/conversations/{cid}")
    ] * 2
    assert notes["items"][0]["message"] == "Nouveau message de Client : « Deuxième message »"
    assert api.call("GET", "/me/notifications", user=people.buyer).json()["items"] == []
    # One e-mail for the streak, to the seller, linking to the conversation.
    assert [(m.to, m.subject) for m in emails.sent] == [
        ("claire@exemple.fr", "Nouveau message de Client")
    ]
    assert emails.link(emails.sent[0]) == f"https://microtache.example/conversations/{cid}"

    # Reading the conversation reads its notifications and ends the streak.
    api.call("POST", f"/conversations/{cid}/read", user=people.owner)
    assert api.call("GET", "/me/notifications", user=people.owner).json()["unread"] == 0
    send(api, people.buyer, cid, "Troisième message")
    assert len(emails.sent) == 2

    send(api, people.owner, cid, "Réponse")
    buyer_notes = api.call("GET", "/me/notifications", user=people.buyer).json()
    assert buyer_notes["items"][0]["message"] == f"Nouveau message de {SELLER} : « Réponse »"
    assert [m.to for m in emails.sent] == [
        "claire@exemple.fr",
        "claire@exemple.fr",
        "paul@exemple.fr",
    ]


def test_a_refused_message_sends_no_notification(
    api: Api, people: People, emails: MemoryEmailSender
) -> None:
    cid = contact(api, people.buyer).json()["id"]
    notes = api.count(Notification)
    assert send(api, people.buyer, cid, "\x07").status_code == 422
    assert api.count(Notification) == notes
    assert len(emails.sent) == 1


# -- two opens at once (PostgreSQL) ---------------------------------------------------------
def _open(api: Api, starter: int, other: int, message: str) -> int:
    with api.runtime.sessions.begin() as session:
        return open_conversation(
            session,
            starter_id=starter,
            other_id=other,
            subject=Subject(SubjectKind.REQUEST_OFFER, 42),
            clock=api.runtime.clock,
            message=message,
        ).id


def test_two_concurrent_opens_of_the_same_conversation_make_one(api: Api, people: People) -> None:
    """A buyer contacts the seller of an offer (R-REQ-6) while the seller opens the same
    conversation: one conversation, both messages, no error."""
    postgres_only(api.runtime.engine)
    for round_ in range(3):
        subject_id = 100 + round_

        def opener(starter: int, other: int, text_: str, sid: int = subject_id) -> int:
            with api.runtime.sessions.begin() as session:
                return open_conversation(
                    session,
                    starter_id=starter,
                    other_id=other,
                    subject=Subject(SubjectKind.REQUEST_OFFER, sid),
                    clock=api.runtime.clock,
                    message=text_,
                ).id

        results = race(
            lambda: opener(people.buyer, people.owner, "Bonjour"),
            lambda: opener(people.owner, people.buyer, "Bonjour à vous"),
        )
        assert all(isinstance(r, int) for r in results), results
        assert results[0] == results[1]
    assert api.count(Conversation) == 3
    assert api.count(ConversationParticipant) == 6
    assert api.count(ConversationMessage) == 6


def test_an_open_waiting_on_an_uncommitted_one_gets_it_once_committed(
    api: Api, people: People
) -> None:
    """The losing insert waits for the winner's transaction, then loads its conversation:
    the interleaving is forced, not left to luck."""
    postgres_only(api.runtime.engine)
    engine = api.runtime.engine
    outcome: list[Any] = []
    with api.runtime.sessions.begin() as first:
        winner = open_conversation(
            first,
            starter_id=people.buyer,
            other_id=people.owner,
            subject=Subject(SubjectKind.REQUEST_OFFER, 42),
            clock=api.runtime.clock,
            message="Bonjour",
        ).id
        first_pid = first.execute(text("SELECT pg_backend_pid()")).scalar_one()

        def second() -> None:
            try:
                outcome.append(_open(api, people.owner, people.buyer, "Bonjour à vous"))
            except Exception as exc:  # collected for the assertion
                outcome.append(exc)

        thread = threading.Thread(target=second)
        thread.start()
        deadline = time.monotonic() + 30
        blocked = 0
        with engine.connect() as conn:
            while blocked == 0 and time.monotonic() < deadline:
                blocked = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE :pid = ANY(pg_blocking_pids(pid))"
                    ),
                    {"pid": first_pid},
                ).scalar_one()
                time.sleep(0.05)
        assert blocked == 1, f"the second open should wait on the first's row; it: {outcome}"
    thread.join(30)
    assert outcome == [winner]
    with engine.connect() as conn:
        bodies = conn.execute(
            select(ConversationMessage.body).order_by(ConversationMessage.id)
        ).scalars()
        assert list(bodies) == ["Bonjour", "Bonjour à vous"]
        assert conn.execute(select(func.count()).select_from(Conversation)).scalar_one() == 1


# -- documentation --------------------------------------------------------------------------
DOCUMENTED = {
    ("post", "/sellers/{username}/conversations"): {"401", "404", "409", "413", "422"},
    ("post", "/orders/{order_id}/conversation"): {"401", "404", "413", "422"},
    ("get", "/me/conversations"): {"401", "422"},
    ("get", "/conversations/{conversation_id}"): {"401", "404", "422"},
    ("post", "/conversations/{conversation_id}/messages"): {"401", "404", "413", "422"},
    ("post", "/conversations/{conversation_id}/read"): {"401", "404", "422"},
}


def test_every_conversation_endpoint_is_documented_with_its_errors(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    for (method, path), codes in DOCUMENTED.items():
        operation = spec["paths"][path][method]
        assert operation.get("summary"), (method, path)
        assert operation.get("description"), (method, path)
        assert {c for c in operation["responses"] if c >= "400"} == codes, (method, path)
        assert operation["security"] == [{"HTTPBearer": []}], (method, path)
    refused = spec["paths"]["/sellers/{username}/conversations"]["post"]["responses"]["409"]
    assert "conversation.self" in refused["description"]


@pytest.mark.parametrize("model", [MessageIn, OptionalMessageIn, ContactRefusedOut])
def test_the_documented_examples_are_valid(model: type[BaseModel]) -> None:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict)
    examples = extra["examples"]
    assert isinstance(examples, list)
    assert examples
    for example in examples:
        model.model_validate(example)
