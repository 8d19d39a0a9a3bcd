"""The relevance yardstick: a judged query set and the bench that scores search against it.

python -m bench.relevance [--gigs 10000]
"""
