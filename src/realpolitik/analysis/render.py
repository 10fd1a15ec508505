"""Show an alliance system (the dict ``system()`` returns) with rich tables and trees."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

EVIDENCE_WIDTH = 56  # one line of evidence per flow; the full sentences are in `dyad` and `events`
MODALITY_STYLE = {"asserted": "bold", "hypothetical": "italic yellow", "negated": "dim"}


def _counts(counter: dict[str, int]) -> str:
    """A compact "A 2, B 1" rendering of a count dict."""
    return ", ".join(f"{key} {value}" for key, value in counter.items() if value)


def _bloc_tree(system: dict[str, Any]) -> Tree:
    """Blocs and the cooperation that ties each one together."""
    unit = system.get("unit", "events")
    tree = Tree(f"[bold]Blocs[/bold] ({system['n_events']} {unit})")
    if not system["blocs"]:
        tree.add("[dim]none: no pair is tied by asserted cooperation[/dim]")
    for bloc in system["blocs"]:
        node = tree.add(f"[bold green]{' – '.join(bloc['members'])}[/bold green]  score {bloc['score']:+.1f}")
        for edge in bloc["edges"]:
            node.add(f"{edge['a']}–{edge['b']}: {edge['count']} {unit}, score {edge['score']:+.1f}; "
                     f"asserted {_counts(edge['asserted_types'])}")
    return tree


def _flow_table(flows: list[dict[str, Any]]) -> Table:
    """Flows, with asserted and hypothetical marked."""
    table = Table(title="Flows", title_justify="left")
    for name in ("from", "to", "items", "modality", "count", "since", "in", "evidence"):
        if name == "evidence":
            table.add_column(name, overflow="ellipsis", no_wrap=True, max_width=EVIDENCE_WIDTH)
        else:
            table.add_column(name, min_width=len(name) if name != "items" else 12)
    for flow in flows:
        style = MODALITY_STYLE.get(flow["modality"], "")
        evidence = flow["evidence"][0]["evidence"] if flow["evidence"] else ""
        table.add_row(flow["from"], flow["to"], ", ".join(flow["items"]),
                      f"[{style}]{flow['modality']}[/{style}]" if style else flow["modality"],
                      str(flow["count"]), flow["first_date"] or "", ", ".join(map(str, flow["parts"])),
                      evidence)
    return table


def _role_table(title: str, entries: list[dict[str, Any]], kinds: tuple[str, ...]) -> Table:
    """Concerned or opposed actors with the counts behind each."""
    table = Table(title=title, title_justify="left")
    for name in ("actor", "events", "towards", *kinds, "by type"):
        table.add_column(name.replace("by_modality", "modality"))
    for entry in entries:
        table.add_row(entry["actor"], str(entry["count"]), ", ".join(entry["towards"]),
                      *(_counts(entry.get(kind, {})) for kind in kinds), _counts(entry["by_type"]))
    return table


def render_system(system: dict[str, Any], console: Console | None = None) -> None:
    """Print blocs, flows, concerned/threatened and opposed actors to ``console`` (stdout by default)."""
    console = console or Console()
    span = " – ".join(x or "…" for x in (system.get("since"), system.get("until")))
    if system.get("since") or system.get("until"):
        console.print(f"[dim]events dated {span}[/dim]")
    console.print(_bloc_tree(system))
    console.print(_flow_table(system["flows"]))
    console.print(_role_table("Concerned / threatened", system["concerned"], ("threatened", "voiced")))
    if system["opposed"]:
        console.print(_role_table("Opposed", system["opposed"], ("by_modality",)))
    else:
        console.print("[dim]Opposed: none[/dim]")
