"""The stored documents' format moves with the builder: a rebuild sends stored documents of
this format as they are, so a builder that makes something else of the same rows must say so."""

from __future__ import annotations

import hashlib

from indexer.document_store import BuiltDocument
from indexer.documents import DOCUMENT_FORMAT, parts_of
from tests.unit.test_outbox_rules import sample_gig

# The digest of the sample gig's document, for each format since they were stored.
DIGESTS = {1: "bef3ed39a94149c1"}


def test_a_changed_document_comes_with_a_new_format() -> None:
    body = BuiltDocument.of(parts_of(sample_gig())).body
    digest = hashlib.blake2b(body.encode(), digest_size=8).hexdigest()
    assert DIGESTS.get(DOCUMENT_FORMAT) == digest, (
        "GigParts.document() makes another document of the same rows: bump DOCUMENT_FORMAT in "
        f"indexer/documents.py and record {DOCUMENT_FORMAT + 1}: {digest!r} here, or stored "
        "documents of the former builder would be sent by the next rebuild"
    )
