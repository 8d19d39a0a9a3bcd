"""The notification list, its unread count, and marking read (one, or all)."""

from __future__ import annotations

from datetime import timedelta

from marketplace_core.clock import ManualClock
from marketplace_core.notifications.messages import Message
from marketplace_core.notifications.service import notify
from tests.integration.api.harness import Api, People


def _notify(api: Api, user_id: int, text: str) -> int:
    with api.runtime.sessions.begin() as session:
        row = notify(
            session,
            user_id=user_id,
            message=Message.MESSAGE_RECEIVED,
            values={"name": "Client", "preview": text},
            link="/me/conversations/1",
            clock=api.runtime.clock,
            email=False,
        )
        session.flush()
        return row.id


def test_unread_count_and_marking_one_read(api: Api, people: People, clock: ManualClock) -> None:
    first = _notify(api, people.buyer, "premier")
    second = _notify(api, people.buyer, "second")
    _notify(api, people.owner, "pas pour vous")

    listed = api.call("GET", "/me/notifications", user=people.buyer).json()
    assert listed["unread"] == 2
    assert [n["message"] for n in listed["items"]] == [
        "Nouveau message de Client : « second »",
        "Nouveau message de Client : « premier »",
    ]

    clock.advance(timedelta(minutes=5))
    read = api.call("POST", f"/me/notifications/{first}/read", user=people.buyer)
    assert read.status_code == 200
    first_read_at = read.json()["read_at"]
    assert first_read_at is not None

    clock.advance(timedelta(minutes=5))
    again = api.call("POST", f"/me/notifications/{first}/read", user=people.buyer).json()
    assert again["read_at"] == first_read_at  # the first reading is kept

    unread = api.call("GET", "/me/notifications?unread=true", user=people.buyer).json()
    assert unread["unread"] == 1
    assert [n["id"] for n in unread["items"]] == [second]


def test_someone_elses_notification_is_not_found(api: Api, people: People) -> None:
    theirs = _notify(api, people.owner, "à Claire")
    answer = api.call("POST", f"/me/notifications/{theirs}/read", user=people.buyer)
    assert answer.status_code == 404
    owner_view = api.call("GET", "/me/notifications", user=people.owner).json()
    assert owner_view["items"][0]["read_at"] is None
    assert api.call("POST", f"/me/notifications/{theirs}/read").status_code == 401


def test_mark_all_read_touches_only_the_callers(api: Api, people: People) -> None:
    for text in ("a", "b", "c"):
        _notify(api, people.buyer, text)
    _notify(api, people.owner, "d")
    marked = api.call("POST", "/me/notifications/read", user=people.buyer).json()
    assert marked == {"marked": 3}
    assert api.call("GET", "/me/notifications", user=people.buyer).json()["unread"] == 0
    assert api.call("GET", "/me/notifications", user=people.owner).json()["unread"] == 1
    again = api.call("POST", "/me/notifications/read", user=people.buyer).json()
    assert again == {"marked": 0}


def test_a_notification_reads_in_the_language_asked_for(api: Api, people: People) -> None:
    note = _notify(api, people.buyer, "Bonjour")
    english = api.call("GET", "/me/notifications?lang=en", user=people.buyer).json()
    assert english["items"][0]["message"] == "New message from Client: “Bonjour”"
    french = api.call("GET", "/me/notifications", user=people.buyer).json()
    assert french["items"][0]["message"] == "Nouveau message de Client : « Bonjour »"
    read = api.call("POST", f"/me/notifications/{note}/read?lang=en", user=people.buyer)
    assert read.json()["message"] == "New message from Client: “Bonjour”"
