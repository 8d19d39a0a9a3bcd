"""Notifications: what the site shows a user, with an e-mail copy sent after the commit."""
