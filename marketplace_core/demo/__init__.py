"""A seeded, realistic French-speaking demo catalog (sellers and their gigs) as plain values."""
