"""A seller's gig images through the API: stored re-encoded, served, first one as thumbnail."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image
from sqlalchemy import select

from indexer.gig_source import load_parts
from marketplace_core.catalog.enums import GigStatus
from marketplace_core.gig_images.models import GigImage
from tests.integration.api.harness import Api, People


def png(colour: str = "orange", size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def upload(api: Api, user: int, gig_id: int, data: bytes, content_type: str = "image/png") -> Any:
    return api.client.post(
        f"/me/gigs/{gig_id}/images",
        content=data,
        headers=api.auth(user) | {"Content-Type": content_type},
    )


def stored_files(api: Api) -> list[str]:
    root = api.runtime.settings.files_dir / "gig-images"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def thumbnail_in_search(api: Api, gig_id: int) -> Any:
    with api.runtime.engine.connect() as conn:
        return load_parts(conn, [gig_id])[gig_id].document()["thumbnail"]


def test_an_image_is_stored_as_our_own_jpeg_and_becomes_the_thumbnail(
    api: Api, people: People
) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    version = api.gig(gig_id).version
    sent = png()
    # The type is read from the bytes: a misleading Content-Type changes nothing.
    response = upload(api, people.owner, gig_id, sent, content_type="text/html")
    assert response.status_code == 201, response.text
    image = response.json()
    assert image["position"] == 0
    assert (image["width"], image["height"]) == (640, 480)
    assert image["thumbnail_url"] == f"/images/{image['key']}/thumb.jpg"

    for url, size in ((image["url"], (640, 480)), (image["thumbnail_url"], (480, 360))):
        served = api.client.get(url)
        assert served.status_code == 200
        assert served.headers["content-type"] == "image/jpeg"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert served.content != sent
        assert Image.open(io.BytesIO(served.content)).size == size

    # The gig changed: a new version, an outbox row, and search's thumbnail is this key.
    assert api.gig(gig_id).version == version + 1
    assert api.outbox() == [("gig", gig_id)]
    assert thumbnail_in_search(api, gig_id) == image["key"]
    assert api.call("GET", f"/gigs/{gig_id}").json()["thumbnail"] == image["key"]


def test_what_is_not_an_image_is_refused_and_nothing_is_kept(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    for data in (b"<html><script>alert(1)</script></html>", b"\x89PNG\r\n\x1a\n" + b"0" * 200):
        response = upload(api, people.owner, gig_id, data)
        assert response.status_code == 422, response.text
        [problem] = response.json()["detail"]
        assert problem["field"] == "file"
        assert problem["rule"] in ("image.type", "image.unreadable")
    assert api.count(GigImage) == 0
    assert api.outbox() == []


def test_the_size_limit_is_413_naming_the_file(api: Api, people: People) -> None:
    api.runtime.settings.gig_image_max_bytes = 2000
    response = upload(api, people.owner, people.gigs[GigStatus.ACTIVE], png(size=(900, 900)))
    assert response.status_code == 413, response.text
    assert response.json()["detail"][0]["field"] == "file"
    assert api.count(GigImage) == 0


def test_five_images_at_most(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.DRAFT]
    for colour in ("red", "green", "blue", "white", "black"):
        assert upload(api, people.owner, gig_id, png(colour)).status_code == 201
    response = upload(api, people.owner, gig_id, png("pink"))
    assert response.status_code == 409
    assert response.json()["rule"] == "gig.images.max"
    assert api.count(GigImage) == 5


def test_only_the_gigs_seller_adds_and_a_deleted_gig_takes_none(api: Api, people: People) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    assert upload(api, people.other_seller, gig_id, png()).status_code == 404
    assert upload(api, people.buyer, gig_id, png()).status_code in (403, 404)
    assert api.client.post(f"/me/gigs/{gig_id}/images", content=png()).status_code == 401
    deleted = upload(api, people.owner, people.gigs[GigStatus.DELETED], png())
    assert deleted.status_code == 409
    assert api.count(GigImage) == 0


def test_reordering_and_deleting_move_the_thumbnail_and_free_the_files(
    api: Api, people: People
) -> None:
    gig_id = people.gigs[GigStatus.ACTIVE]
    first, second, third = (
        upload(api, people.owner, gig_id, png(c)).json() for c in ("red", "green", "blue")
    )
    assert len(stored_files(api)) == 6  # full and thumb of each

    path = f"/me/gigs/{gig_id}/images"
    bad = api.call("PUT", path, user=people.owner, json={"order": [third["id"], first["id"]]})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "order"
    wanted = [third["id"], first["id"], second["id"]]
    response = api.call("PUT", path, user=people.owner, json={"order": wanted})
    assert response.status_code == 200, response.text
    assert [(i["position"], i["id"]) for i in response.json()] == list(enumerate(wanted))
    assert thumbnail_in_search(api, gig_id) == third["key"]

    api.clear_outbox()
    gone = api.call("DELETE", f"{path}/{third['id']}", user=people.owner)
    assert gone.status_code == 204
    listed = api.call("GET", path, user=people.owner).json()
    assert [(i["id"], i["position"]) for i in listed] == [(first["id"], 0), (second["id"], 1)]
    assert thumbnail_in_search(api, gig_id) == first["key"]
    assert api.outbox() == [("gig", gig_id)]
    assert api.client.get(third["thumbnail_url"]).status_code == 404
    assert len(stored_files(api)) == 4
    assert api.call("DELETE", f"{path}/{third['id']}", user=people.owner).status_code == 404
    with api.runtime.sessions() as session:
        keys = session.scalars(select(GigImage.key).order_by(GigImage.position)).all()
    assert keys == [first["key"], second["key"]]


def test_only_stored_image_variants_are_served(api: Api) -> None:
    for url in ("/images/../uploads/full.jpg", "/images/abc/original.jpg", "/images/nope/full.jpg"):
        assert api.client.get(url).status_code in (404, 422), url
