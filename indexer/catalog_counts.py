"""How many searchable gigs each subcategory holds."""

from __future__ import annotations

from opensearchpy import OpenSearch

from indexer.client import IndexNames


def subcategory_counts(client: OpenSearch, names: IndexNames) -> dict[str, int]:
    if not client.indices.exists_alias(name=names.gigs):
        return {}
    response = client.search(
        index=names.gigs,
        body={"size": 0, "aggs": {"s": {"terms": {"field": "subcategory", "size": 500}}}},
    )
    return {b["key"]: int(b["doc_count"]) for b in response["aggregations"]["s"]["buckets"]}
