"""Buyer requests ("Demandes de clients") and the offers sellers send to them."""
