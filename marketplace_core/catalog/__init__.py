"""Sellers and their gigs."""
