"""Request and response bodies of the API, by domain."""
