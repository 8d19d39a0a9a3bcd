"""What the client sends to OpenSearch is the JSON the standard serializer made."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from opensearchpy.exceptions import SerializationError
from opensearchpy.serializer import JSONSerializer

from indexer.client import FastJSONSerializer

BODY = {
    "title": "Logo minimaliste « épuré » <b>",
    "price_cents": 2500,
    "rating": 4.75,
    "online": True,
    "thumbnail": None,
    "tags": ["logo", "café"],
    "created_at": datetime(2026, 12, 2, 9, 30, 15, 120000, tzinfo=UTC),
    "amount": Decimal("12.5"),
    "counts": {3: "trois"},
}


def test_it_encodes_as_the_standard_serializer_does() -> None:
    ours, standard = FastJSONSerializer(), JSONSerializer()
    assert json.loads(ours.dumps(BODY)) == json.loads(standard.dumps(BODY))
    assert ours.dumps("already a body") == "already a body"


def test_it_reads_what_opensearch_answers() -> None:
    answer = '{"hits": {"total": {"value": 3}, "hits": [{"_source": {"title": "café"}}]}}'
    assert FastJSONSerializer().loads(answer) == json.loads(answer)


def test_what_it_cannot_read_or_write_is_a_serialization_error() -> None:
    with pytest.raises(SerializationError):
        FastJSONSerializer().loads("{not json")
    with pytest.raises(SerializationError):
        FastJSONSerializer().dumps({"x": object()})
