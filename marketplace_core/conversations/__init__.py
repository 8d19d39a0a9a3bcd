"""Conversations: a minimal inbox between two users, optionally about a request, an offer
or an order ("me contacter", R-REQ-6, R-ORD-7)."""
