"""A real single-node OpenSearch started by the engine itself when no cluster URL is given."""

from indexer.opensearch_local.launcher import LocalOpenSearch, OpenSearchStartError

__all__ = ["LocalOpenSearch", "OpenSearchStartError"]
