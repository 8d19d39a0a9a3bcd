"""Gig images ("vignettes"): up to five per gig, re-encoded, the first one its thumbnail."""
