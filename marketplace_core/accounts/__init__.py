"""Accounts: e-mail and password, sessions and tokens, roles, login throttling."""
