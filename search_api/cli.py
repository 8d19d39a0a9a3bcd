"""``microtache``: run the engine.

- ``microtache up [--host H] [--port P]``: start what is embedded, migrate, seed if empty, serve
- ``microtache seed [--gigs N]``: write the demo catalog (deterministic) into an empty database
- ``microtache reindex``: rebuild the gig index behind its alias
- ``microtache verify-index [--repair]``: compare the gig index with the database (and repair)
- ``microtache worker`` / ``microtache beat``: Celery worker / scheduler (CELERY_BROKER_URL)
- ``microtache role EMAIL {user,support}``: give an account a role (never done by the API)
- ``microtache insights REPORT``: print a search report (see ``search_api.insights_command``)

Each command imports what it needs when it runs, so ``microtache --help`` stays instant.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from indexer.opensearch_local import LocalOpenSearch
from indexer.opensearch_local.cluster import LocalCluster
from marketplace_core.config import Settings, get_settings
from microtache.runtime import Runtime, build_runtime
from search_api import insights_command

SHOWN_DIFFERENCES = 20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="microtache", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start the engine and serve the API")
    up.add_argument("--host", default="127.0.0.1")
    up.add_argument("--port", type=int, default=8000)
    seed = commands.add_parser("seed", help="add the demo catalog to the database")
    seed.add_argument("--gigs", type=int, default=None, help="number of gigs (default 2000)")
    commands.add_parser("reindex", help="rebuild the gig index")
    verify = commands.add_parser(
        "verify-index", help="compare the gig index with the database, in batches"
    )
    verify.add_argument("--repair", action="store_true", help="rewrite every document that differs")
    commands.add_parser("worker", help="run a Celery worker")
    commands.add_parser("beat", help="run the Celery scheduler")
    role = commands.add_parser("role", help="set an account's role (user or support)")
    role.add_argument("email")
    role.add_argument("role", choices=["user", "support"])
    insights_command.add_parser(commands)
    args = parser.parse_args(argv)

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # SIGTERM unwinds like Ctrl-C, so the embedded node is stopped in order.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.command == "up":
            return _up(settings, args.host, args.port)
        if args.command == "seed":
            return _seed(settings, args.gigs)
        if args.command == "reindex":
            return _reindex(settings)
        if args.command == "verify-index":
            return _verify_index(settings, repair=args.repair)
        if args.command == "role":
            return _role(settings, args.email, args.role)
        if args.command == "insights":
            return insights_command.run(settings, args)
        return _celery(settings, args.command)
    except KeyboardInterrupt:
        return 130


@contextmanager
def _opensearch(settings: Settings) -> Iterator[str | None]:
    """The embedded node (or local cluster, with ``OPENSEARCH_NODES`` > 1) for the block's
    duration, unless a cluster URL is configured."""
    if settings.opensearch_url:
        yield None
        return
    node: LocalOpenSearch | LocalCluster
    if settings.opensearch_nodes > 1:
        node = LocalCluster(
            settings.opensearch_home,
            nodes=settings.opensearch_nodes,
            heap=settings.opensearch_heap,
            start_timeout=settings.opensearch_start_timeout,
        )
    else:
        node = LocalOpenSearch(
            settings.opensearch_home,
            port=settings.opensearch_port,
            heap=settings.opensearch_heap,
            start_timeout=settings.opensearch_start_timeout,
        )
    started = time.monotonic()
    with node:
        print(
            f"OpenSearch ready on {node.url} in {time.monotonic() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )
        yield node.url


@contextmanager
def _runtime(settings: Settings, url: str | None = None) -> Iterator[Runtime]:
    emails = None
    if settings.celery_broker_url:  # the workers send the e-mails
        from microtache.celery_app import EmailTaskSender

        emails = EmailTaskSender()
    runtime = build_runtime(settings, url=url, emails=emails)
    try:
        yield runtime
    finally:
        runtime.close()


def _up(settings: Settings, host: str, port: int) -> int:
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from microtache.background import sync_in_background
    from microtache.bootstrap import prepare
    from search_api.app import create_app
    from search_api.observability import configure_logging
    from search_api.redaction import Redact, configured_secrets, redacted
    from search_api.server import WelcomingServer, welcome

    redact = Redact(configured_secrets(settings))
    configure_logging(settings.log_format, redact)
    with _opensearch(settings) as url, _runtime(settings, url) as runtime:
        prepare(runtime, seed_gigs=settings.seed_gigs)
        app = create_app(runtime)
        with sync_in_background(runtime, app.state.tracking.events):
            # Not uvicorn.run: it swallows the Ctrl-C that the server re-raises after its
            # graceful shutdown, and the engine exits 130 on Ctrl-C (143 on SIGTERM).
            config = uvicorn.Config(
                app,
                host=host,
                port=port,
                log_level="info",
                # JSON: uvicorn's records go to the root logger's JSON handler.
                log_config=None if settings.log_format == "json" else redacted(LOGGING_CONFIG),
            )
            server = WelcomingServer(config, welcome(runtime, host, port))
            server.run()
    return 128 + server.stopped_by if server.stopped_by else 0


def _seed(settings: Settings, gigs: int | None) -> int:
    from marketplace_core.clock import SystemClock
    from marketplace_core.db import make_engine
    from marketplace_core.demo.seed import catalog_is_empty, seed_catalog
    from marketplace_core.migrate import upgrade
    from marketplace_core.storage import LocalFileStorage

    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    if not catalog_is_empty(engine):
        print(
            "the database already holds a catalog; seed an empty one (another "
            "MICROTACHE_DATA_DIR or DATABASE_URL)",
            file=sys.stderr,
        )
        return 1
    report = seed_catalog(
        engine,
        gigs=gigs or settings.seed_gigs,
        seed=settings.seed,
        clock=SystemClock(),
        images=LocalFileStorage(settings.files_dir),
    )
    print(f"seeded {report.gigs} gigs from {report.sellers} sellers; run `microtache reindex`")
    return 0


def _reindex(settings: Settings) -> int:
    from microtache.bootstrap import reindex

    with _runtime(settings) as runtime:
        report = reindex(runtime)
    print(f"{report.documents} gigs in {report.index} ({report.docs_per_second:.0f} docs/s)")
    return 0


def _verify_index(settings: Settings, *, repair: bool) -> int:
    from indexer.verify import NoIndex, verify_index

    with _runtime(settings) as runtime:
        try:
            report = verify_index(runtime.search, runtime.engine, runtime.names, repair=repair)
        except NoIndex as exc:
            print(exc, file=sys.stderr)
            return 2
    for difference in report.differences[:SHOWN_DIFFERENCES]:
        print(f"gig {difference.gig_id}: {difference.kind}: {difference.detail}")
    if len(report.differences) > SHOWN_DIFFERENCES:
        print(f"… and {len(report.differences) - SHOWN_DIFFERENCES} more")
    for error in report.repair_errors[:SHOWN_DIFFERENCES]:
        print(f"not repaired: {error}", file=sys.stderr)
    print(report.summary())
    return 0 if report.in_sync else 1


def _role(settings: Settings, email: str, role: str) -> int:
    from marketplace_core.accounts.enums import Role
    from marketplace_core.accounts.service import set_role
    from marketplace_core.clock import SystemClock
    from marketplace_core.db import make_engine, make_sessionmaker, transaction
    from marketplace_core.errors import NotFound
    from marketplace_core.migrate import upgrade

    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            set_role(session, email=email, role=Role(role), clock=SystemClock())
    except NotFound:
        print(f"no account with the e-mail {email!r}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"{email}: {role}")
    return 0


def _celery(settings: Settings, command: str) -> int:
    if not settings.celery_broker_url:
        print(
            "set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to run a "
            f"{command}; without a broker `microtache up` does the periodic work itself",
            file=sys.stderr,
        )
        return 2
    from microtache.celery_app import app

    if command == "worker":
        app.worker_main(["worker", "--loglevel=INFO"])
    else:
        schedule = settings.data_dir / "celerybeat-schedule"
        app.start(["beat", "--loglevel=INFO", f"--schedule={schedule}"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
