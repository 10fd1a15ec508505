"""CLI test support: short articles the team wrote itself (English, German, JSON Lines, HTML) and helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from realpolitik.cli import app

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".venv" / "bin" / "realpolitik"
TIMEOUT = 60  # seconds; every subprocess has one, so nothing can hang the suite

EN = """France and Germany sign defence pact
Paris - France signed a defence agreement with Germany on Monday. The French president met the German \
chancellor in Paris. Russia threatened Poland with sanctions.
"""

DE = """Polen kritisiert Russland
Warschau - Polen hat Russland am Dienstag scharf kritisiert. Frankreich sagte der Ukraine weitere Hilfe zu.
"""

HTML = """<html><head><title>Japan and South Korea hold talks</title></head><body><article>
<h1>Japan and South Korea hold talks</h1>
<p>Japan met South Korea in Tokyo on Wednesday to discuss trade.</p>
</article></body></html>
"""

NO_ACTORS = "The weather was sunny and warm. Many people went to the beach and enjoyed the long afternoon.\n"

FINNISH = ("Hallitus kokoontui tiistaina keskustelemaan talousarviosta. Ministerit sopivat, että kouluihin "
           "ja terveydenhuoltoon annetaan lisää rahaa ensi vuonna, ja keskustelu jatkuu syksyllä.\n")

RECORDS = [
    {"id": "jp-cn", "text": "Japan protested against China on Tuesday.", "title": "Japan protests",
     "published": "2024-05-02", "url": "https://example.org/1", "lang": "en"},
    {"id": "it-ua", "text": "Italien unterstützt die Ukraine mit Waffen.", "title": "Hilfe",
     "published": "2024-05-03T10:00", "url": "https://example.org/3", "lang": "de"},
]
BROKEN_LINE = '{"id": "cut", "text": "Spain accused Morocco'  # truncated mid-record


def jsonl(records: list[dict]) -> str:
    """Records as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def invoke(runner: CliRunner, *args: object, input: str | None = None):
    """Run the real app in-process with string arguments."""
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def rows(stdout: str) -> list[dict]:
    """JSON Lines output as dicts."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def run_cli(*args: object, input: bytes | None = None, module: bool = False,
            timeout: float = TIMEOUT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``realpolitik`` script (or ``python -m realpolitik``) in a subprocess."""
    command = [sys.executable, "-m", "realpolitik"] if module or not SCRIPT.exists() else [str(SCRIPT)]
    return subprocess.run([*command, *map(str, args)], input=input, capture_output=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "200", **(env or {})}, check=False)
