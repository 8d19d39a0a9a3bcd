"""The OpenSearch side: index settings and mappings, documents, rebuilds, sync tasks."""
