"""Favorites: the gigs a buyer hearts while comparing sellers (R-REQ-7)."""
