"""Thin routers: parse, call a service or a query builder, shape the response."""
