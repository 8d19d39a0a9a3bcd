"""Celery tasks, one module per domain; the periodic ones are made from :mod:`microtache.jobs`."""
