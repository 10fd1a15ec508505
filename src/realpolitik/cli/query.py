"""``events``, ``actors``, ``dyad`` and ``system``: read the store and print what it holds."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Annotated

import typer
from rich.table import Table

from ..errors import RealpolitikError
from ..settings import Settings, default_db_path
from .output import out_console, err_console, write_events

app = typer.Typer(help="Query the store.", no_args_is_help=True, add_completion=False)

Db = Annotated[Path | None, typer.Option("--db", help="DuckDB file (default: $REALPOLITIK_DB or ~/.local/share).")]
Since = Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option(help="Only events on or before this date (YYYY[-MM[-DD]]).")]
DYAD_ROWS = 50  # evidence rows `dyad` prints by default: a busy pair has thousands


def register(app: typer.Typer) -> None:
    """Add ``events``, ``actors``, ``dyad`` and ``system`` to the app."""
    app.command("events")(events_cmd)
    app.command("actors")(actors_cmd)
    app.command("dyad")(dyad_cmd)
    app.command("system")(system_cmd)


def _check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    """Refuse an output format the command does not write."""
    if fmt not in allowed:
        raise typer.BadParameter(f"--format must be one of {', '.join(allowed)}", param_hint="--format")
    return fmt


def _check_date(value: str | None, name: str) -> date | None:
    """Parse a --since/--until value or refuse it with a clear message."""
    if value is None:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if not 1 <= len(parts) <= 3:
            return date.fromisoformat(value)
        if name == "--until" and len(parts) < 3:
            # "--until 2024-05" means to the end of May, "--until 2024" to the end of the year
            month = parts[1] if len(parts) == 2 else 12
            following = date(parts[0] + (month == 12), month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(*(parts + [1, 1])[:3])
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                                 param_hint=name) from None


def _query(db: Path | None, read: Callable[[Any], Any]) -> Any:
    """Open the store read-only, run ``read(store)``, and turn store errors into one red line."""
    from ..store import Store

    path = db or default_db_path()
    try:
        with Store(path, read_only=True) as store:
            return read(store)
    except RealpolitikError as error:
        err_console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from None


def _doc_name(row: dict[str, Any]) -> str:
    """The name an event's document goes by: its file's base name, else its id."""
    source = row.get("doc_source") or ""
    if not source or source in ("-", "<stdin>") or source.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz")):
        return str(row.get("doc_id"))  # a JSON Lines record goes by its id, as in `extract`
    return Path(source).name


def _write_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    """Generic rows as jsonl, json, csv or a rich table."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    else:
        out_console().print(_table(rows))


def _table(rows: list[dict[str, Any]], title: str | None = None) -> Table:
    """A rich table with one column per key of the first row."""
    table = Table(title=title, title_justify="left")
    for name in rows[0] if rows else ():
        table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else None)
    for row in rows:
        table.add_row(*("" if v is None else ", ".join(v) if isinstance(v, list) else str(v)
                        for v in row.values()))
    return table


def events_cmd(
    db: Db = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, as source or target (e.g. RUS).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type (e.g. AID).")] = None,
    since: Since = None,
    until: Until = None,
    modality: Annotated[str | None, typer.Option(help="asserted, hypothetical or negated.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the evidence (e.g. de).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    proposals: Annotated[bool, typer.Option(
        "--proposals", help="Also list the classifier proposals that only `ingest --proposals` "
                            "stores (low-confidence, or in a language with a pack).")] = False,
) -> None:
    """List stored events, oldest first, with their evidence."""
    _check_format(fmt, ("table", "jsonl", "csv"))
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    rows = _query(db, lambda store: store.events(
        actor=actor.upper() if actor else None, type=type.upper() if type else None, since=start,
        until=end, modality=modality, limit=limit if proposals else None,
        language=lang))
    if not proposals:  # filtered here, before --limit, so the store's query stays as it is
        rows = [r for r in rows if not _low_proposal(r)][:limit]
    for row in rows:
        row["doc"] = _doc_name(row)
    write_events(rows, fmt)


def _low_proposal(row: dict[str, Any]) -> bool:
    """A stored classifier proposal that the default output leaves out (see ``pipeline.kept``)."""
    from ..events import available_languages

    if row.get("producer") != "classifier":
        return False
    settings = Settings()
    in_pack = row.get("language") in available_languages() and not settings.pack_proposals
    return in_pack or (row.get("confidence") or 0.0) < settings.proposal_threshold


def actors_cmd(
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """List actors with how often each is source and target, and when."""
    _check_format(fmt, ("table", "jsonl", "csv"))
    _write_rows(_query(db, lambda store: store.actors()), fmt)


def dyad_cmd(
    a: Annotated[str, typer.Argument(help="First actor code (e.g. RUS).")],
    b: Annotated[str, typer.Argument(help="Second actor code (e.g. PRK).")],
    db: Db = None,
    since: Since = None,
    until: Until = None,
    mentions: Annotated[bool, typer.Option("--mentions", help="Under each occurrence, every article and "
                                           "sentence that reports it.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: Annotated[int | None, typer.Option(
        "--limit", min=0, help=f"Show the N most recent occurrences (0: all). Default: {DYAD_ROWS} in a table, "
        "all in JSON. The counts by type and by month always cover every occurrence.")] = None,
) -> None:
    """Show what A and B do to each other: occurrences by type and by month, and the evidence."""
    _check_format(fmt, ("table", "json"))
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    if limit is None:
        limit = DYAD_ROWS if fmt == "table" else 0
    result = _query(db, lambda store: _dyad(store, a.upper(), b.upper(), start, end, mentions, fmt == "json",
                                            limit or None))
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str, indent=2) + "\n")
        return
    console = out_console()
    if not result["occurrences"]:
        console.print(f"no events between {a.upper()} and {b.upper()}")
        return
    console.print(_table(result["by_type"], "By type (count: occurrences; mentions: events behind them)"))
    console.print(_table(result["by_month"], "By month"))
    shown, total = len(result["occurrences"]), result["num_occurrences"]
    title = "Evidence (one row per occurrence)"
    if shown < total:
        title += f": the {shown} most recent of {total:,} (--limit 0 shows all)"
    console.print(_table([_occurrence_line(o) for o in result["occurrences"]], title))
    for occ in result["occurrences"] if mentions else ():
        console.print(_table([_mention_line(m) for m in occ["mentions"]],
                             f"Mentions of {occ['id']} ({occ['source']} {occ['type']} {occ['target']})"))


def _dyad(store: Any, a: str, b: str, start: date | None, end: date | None, mentions: bool, events: bool,
          limit: int | None) -> dict[str, Any]:
    """The store's dyad, with each occurrence's mentions attached when asked for."""
    result = store.dyad(a, b, since=start, until=end, events=events, limit=limit)
    if mentions:
        found: dict[str, list[dict[str, Any]]] = {}
        for row in store.mentions([o["id"] for o in result["occurrences"]]):
            found.setdefault(row["occurrence_id"], []).append(row)
        for occ in result["occurrences"]:
            occ["mentions"] = found.get(occ["id"], [])
    return result


def _occurrence_line(occ: dict[str, Any]) -> dict[str, Any]:
    """The columns of one occurrence in the dyad table."""
    return {"date": occ["date"], "source": occ["source"], "type": occ["type"], "target": occ["target"],
            "modality": occ["modality"], "sources": occ["num_sources"], "articles": occ["num_articles"],
            "mentions": occ["num_mentions"], "id": occ["id"], "evidence": occ["evidence"]}


def _mention_line(row: dict[str, Any]) -> dict[str, Any]:
    """The columns of one mention under an occurrence."""
    return {"date": row["date"], "outlet": row["outlet"], "doc": _doc_name(row), "lang": row["language"],
            "part": row["part"], "evidence": row["evidence"]}


def system_cmd(
    db: Db = None,
    since: Since = None,
    until: Until = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show the alliance system: blocs, flows, and who is concerned by or opposed to each bloc.

    Counts are of occurrences: one happening reported by many articles counts once.
    """
    from ..analysis import render_system, system

    _check_format(fmt, ("table", "json"))
    start, end = _check_date(since, "--since"), _check_date(until, "--until")
    rows = _query(db, lambda store: store.occurrences(since=start, until=end))
    result = system(rows, since=start, until=end)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str, indent=2) + "\n")
    else:
        render_system(result, out_console())


register(app)
