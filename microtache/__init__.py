"""The composition of the engine, above its domains: what a running engine holds
(:mod:`microtache.runtime`), bringing it to a usable state (:mod:`microtache.bootstrap`), the
one registry of periodic jobs (:mod:`microtache.jobs`) and the two ways they run: Celery beat
and worker tasks named after their domain (:mod:`microtache.celery_app`,
:mod:`microtache.tasks`), or the loops of the API process without a broker
(:mod:`microtache.background`)."""
