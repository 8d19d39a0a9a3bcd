"""Search insight: what buyers searched, what they did with the results, the reports on it."""
