"""`realpolitik serve` refuses a bad start with one clear line (the happy path runs in test_dashboard)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()


def test_serve_without_a_store_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such store" in result.output and "none.duckdb" in result.output


def test_serve_with_an_unset_token_variable_says_so(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("RP_NO_SUCH_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--token-env", "RP_NO_SUCH_TOKEN"])
    assert result.exit_code == 2
    assert "RP_NO_SUCH_TOKEN" in result.output


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--port", "70000"])
    assert result.exit_code == 2
