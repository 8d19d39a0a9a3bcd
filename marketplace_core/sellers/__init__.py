"""Seller profiles managed by their accounts: become a seller, edit the profile, presence."""
