"""``occurrences``, ``timeline``, ``turns``, ``report`` and ``export``: analysis and exports of the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .output import err_console, out_console
from .query import Db, Since, Until, _check_date, _check_format, _query, _table, _write_rows

Bucket = Annotated[str, typer.Option(help="Bucket size: day, week or month.")]


def register(app: typer.Typer) -> None:
    """Add the analysis and export commands to the app."""
    app.command("occurrences")(occurrences_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("turns")(turns_cmd)
    app.command("report")(report_cmd)
    app.command("export")(export_cmd)


def _check_bucket(bucket: str) -> str:
    """Refuse a bucket size other than day, week or month."""
    from ..analysis.timeline import BUCKETS

    if bucket not in BUCKETS:
        raise typer.BadParameter(f"must be one of {', '.join(BUCKETS)}", param_hint="--bucket")
    return bucket


def _occurrence_line(o: dict[str, Any]) -> dict[str, Any]:
    """The columns of one occurrence in the table."""
    return {"id": o["id"], "date": o["date"], "source": o["source"], "type": o["type"], "target": o["target"],
            "modality": o["modality"], "sources": o["num_sources"], "articles": o["num_articles"],
            "mentions": o["num_mentions"], "evidence": o["evidence"]}


def occurrences_cmd(
    occurrence_id: Annotated[str | None, typer.Argument(help="Show this occurrence with every mention.")] = None,
    db: Db = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, as source or target.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type (e.g. CONSULT).")] = None,
    since: Since = None,
    until: Until = None,
    min_sources: Annotated[int, typer.Option(help="Only occurrences reported by this many outlets.")] = 1,
    limit: Annotated[int | None, typer.Option(help="At most this many occurrences.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """List occurrences (one happening, however many articles report it), or show one with its mentions."""
    _check_format(fmt, ("table", "jsonl", "csv"))
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    if occurrence_id:
        found = _query(db, lambda store: store.occurrence(occurrence_id))
        if found is None:
            err_console.print(f"[red]error:[/red] no occurrence {occurrence_id!r}")
            raise typer.Exit(1)
        _show_occurrence(found, fmt)
        return
    rows = _query(db, lambda store: store.occurrences(
        actor=actor.upper() if actor else None, type=type.upper() if type else None, since=start, until=end,
        min_sources=min_sources, limit=limit))
    _write_rows(rows if fmt != "table" else [_occurrence_line(o) for o in rows], fmt)


def _show_occurrence(occ: dict[str, Any], fmt: str) -> None:
    """One occurrence and its mentions."""
    if fmt != "table":
        sys.stdout.write(json.dumps(occ, ensure_ascii=False, default=str) + "\n")
        return
    console = out_console()
    console.print(_table([_occurrence_line(occ)], "Occurrence"))
    console.print(_table([{"date": m["date"], "outlet": m["outlet"], "url": m["url"], "lang": m["language"],
                           "part": m["part"], "evidence": m["evidence"]} for m in occ["mentions"]], "Mentions"))


def timeline_cmd(
    a: Annotated[str, typer.Argument(help="First actor code (e.g. RUS).")],
    b: Annotated[str, typer.Argument(help="Second actor code (e.g. PRK).")],
    db: Db = None,
    since: Since = None,
    until: Until = None,
    bucket: Bucket = "month",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Occurrences between A and B per day, week or month, by type and quad class, with the index."""
    from ..analysis import dyad_timeline

    _check_format(fmt, ("table", "json"))
    _check_bucket(bucket)
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    rows = _query(db, lambda store: store.occurrences(a=a.upper(), b=b.upper(), since=start, until=end))
    result = dyad_timeline(rows, a.upper(), b.upper(), since=start, until=end, bucket=bucket)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str, indent=2) + "\n")
        return
    lines = [{"bucket": x["bucket"], "count": x["count"], "index": x["index"],
              "by type": ", ".join(f"{k} {v}" for k, v in x["by_type"].items()),
              "quad 1/2/3/4": "/".join(str(x["by_quad"][q]) for q in "1234")} for x in result["buckets"]]
    out_console().print(_table(lines, f"{result['a']}–{result['b']}: index {result['total']['index']} over "
                                      f"{result['total']['count']} occurrences"))


def turns_cmd(
    db: Db = None,
    since: Since = None,
    until: Until = None,
    bucket: Bucket = "month",
    threshold: Annotated[float | None, typer.Option(help="Smallest change of the index (default 4.0).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Turning points: dyads whose cooperation–conflict index changes sharply between adjacent windows."""
    from ..analysis.turns import TURN_THRESHOLD, turning_points

    _check_format(fmt, ("table", "json"))
    _check_bucket(bucket)
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    rows = _query(db, lambda store: store.occurrences(since=start, until=end))
    turns = turning_points(rows, since=start, until=end, bucket=bucket,
                           threshold=TURN_THRESHOLD if threshold is None else threshold)
    if fmt == "json":
        sys.stdout.write(json.dumps(turns, ensure_ascii=False, indent=2) + "\n")
        return
    out_console().print(_table([{"dyad": f"{t['a']}–{t['b']}", "before": t["before"]["bucket"],
                                 "index before": t["before"]["index"], "after": t["after"]["bucket"],
                                 "index after": t["after"]["index"], "change": t["change"],
                                 "reversal": "yes" if t["reversal"] else ""} for t in turns], "Turning points"))


def report_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
    db: Db = None,
    since: Since = None,
    until: Until = None,
    bucket: Bucket = "month",
    title: Annotated[str, typer.Option(help="Title of the report.")] = "realpolitik report",
) -> None:
    """Write one self-contained HTML report: actor graph, blocs, flows, dyad timelines, top events."""
    from ..report import build_report, render_report

    _check_bucket(bucket)
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    data = _query(db, lambda store: build_report(store, since=start, until=end, bucket=bucket))
    try:
        output.write_text(render_report(data, title=title), encoding="utf-8")
    except OSError as error:
        err_console.print(f"[red]error:[/red] {output}: cannot write report: {error.strerror}")
        raise typer.Exit(1) from None
    err_console.print(f"report of {data['counts']['in_range']} occurrences → {output}")


def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="gdelt, plover, parquet, graphml or csv.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout; "
                                                 "parquet needs a file).")] = None,
    db: Db = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Export for other tools: GDELT 2.0 event rows, PLOVER JSON Lines, Parquet, GraphML or CSV."""
    from ..export import FORMATS, export

    _check_format(fmt, FORMATS)
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet is binary: give a file with -o", param_hint="--output")
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    try:
        count = _query(db, lambda store: export(store, fmt, output or sys.stdout, since=start, until=end))
    except OSError as error:
        err_console.print(f"[red]error:[/red] {output}: cannot write: {error.strerror}")
        raise typer.Exit(1) from None
    err_console.print(f"{count} records → {output or 'stdout'}")
