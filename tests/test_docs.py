"""The docs stay true to the code: the CLI reference is generated and current, every command and option
is documented, every stage has its page, and every relative link resolves."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import typer

from realpolitik.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
STAGES = ("ingest", "text", "actors", "events", "store", "analysis")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> dict[str, list[str]]:
    """Command name → its option names (``--db``, ``--format`` …), from the typer app."""
    root = typer.main.get_command(app)
    out = {}
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        out[name] = [opt for param in command.params for opt in (*param.opts, *param.secondary_opts)
                     if opt.startswith("-")]
    return out


def test_cli_reference_is_current() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    assert text == _generator().render(), "docs/cli.md is stale: run .venv/bin/python scripts/gen_cli_docs.py"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_option_is_documented(command: str) -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    assert f"## realpolitik {command}\n" in text
    section = text.split(f"## realpolitik {command}\n", 1)[1].split("\n## ", 1)[0]
    missing = [opt for opt in _commands()[command] if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", section)]
    assert not missing, f"options of {command} missing from docs/cli.md: {missing}"


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_has_a_page(stage: str) -> None:
    page = DOCS / "stages" / f"{stage}.md"
    assert page.is_file()
    text = page.read_text("utf-8")
    for heading in ("Reads", "Writes", "How", "Limits", "Data files"):
        assert re.search(rf"^#+ {heading}\b", text, re.MULTILINE), f"{page.name} has no '{heading}' section"


def _markdown_files() -> list[Path]:
    return sorted(DOCS.rglob("*.md")) + [ROOT / "README.md"]


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.DOTALL)  # links in code are examples
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # http:, mailto:, in-page anchors
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)} links to missing files: {broken}"
