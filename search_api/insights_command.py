"""``microtache insights REPORT``: the search reports of ``/support/insights/…``, printed.

    microtache insights overview [--interval week]
    microtache insights top-searches|zero-results|no-clicks [--limit N]
    ... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--category SLUG] [--csv]

Reads the engine's OpenSearch (``OPENSEARCH_URL``, or the node of a running ``microtache up``)
and, for the zero-result report, the thesaurus from the database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from marketplace_core.config import Settings

REPORTS = ("overview", "top-searches", "zero-results", "no-clicks")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("insights", help="print a search report (support's insights)")
    parser.add_argument("report", choices=REPORTS)
    for flag, dest, meaning in (
        ("--from", "first", "first UTC day (default: 30 days ago)"),
        ("--to", "last", "last UTC day, included (default: today)"),
    ):
        parser.add_argument(
            flag, dest=dest, type=date.fromisoformat, metavar="YYYY-MM-DD", help=meaning
        )
    parser.add_argument("--category", default=None, help="a category slug")
    parser.add_argument("--interval", choices=["day", "week"], default="day")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--csv", action="store_true", help="CSV instead of a table")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from facets.taxonomy import TAXONOMY
    from indexer import insights
    from marketplace_core.errors import InvalidInput
    from marketplace_core.insights.reports import (
        Row,
        ZeroResultRow,
        report_window,
        table,
        to_csv,
        to_text,
    )
    from marketplace_core.thesaurus.service import LiveThesaurus
    from microtache.runtime import build_runtime

    if args.category is not None and TAXONOMY.category(args.category) is None:
        print(f"unknown category {args.category!r}", file=sys.stderr)
        return 2
    if not 1 <= args.limit <= 500:
        print("--limit must be 1 to 500", file=sys.stderr)
        return 2
    runtime = build_runtime(settings)
    try:
        window = report_window(args.first, args.last, today=runtime.clock.now().date())
        scope = insights.Scope(window, args.category)
        found: list[Row] | list[ZeroResultRow]
        first = "query"
        if args.report == "overview":
            summary = insights.overview(runtime.search, runtime.names, scope, args.interval)
            found, first = [summary.total, *summary.periods], "period"
        elif args.report == "top-searches":
            found = insights.top_searches(runtime.search, runtime.names, scope, args.limit)
        elif args.report == "no-clicks":
            found = insights.no_click_searches(runtime.search, runtime.names, scope, args.limit)
        else:
            live = LiveThesaurus(runtime.sessions)
            live.refresh()
            found = insights.zero_result_searches(
                runtime.search, runtime.names, scope, args.limit, thesaurus=live.current
            )
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        runtime.close()
    headers, cells = table(found, first=first)
    if args.csv:
        sys.stdout.write(to_csv(headers or [first], cells))
        return 0
    where = f" in {args.category}" if args.category else ""
    print(f"{args.report}{where}, {window.first} to {window.last} (UTC days)")
    sys.stdout.write(to_text(headers, cells))
    return 0
