"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium) against `realpolitik serve`.

The store holds the demo corpus, the seed page, and one team-written article whose text carries
markup that would run if the page ever put article text into innerHTML.

Chromium is required: without it these tests fail, unless REALPOLITIK_SKIP_BROWSER=1 says to skip.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "corpus"
SEED = (ROOT / ".." / "shared" / "seed" / "000_2ea6db9797bc8efc.txt").resolve()
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The page's CSP forbids eval, so waits use locators (expect), never wait_for_function strings.
# Team-written: markup in article text must show as text and never run.
HOSTILE = {
    "id": "web-test-hostile", "lang": "en", "published": "2025-03-04T09:00:00Z",
    "title": "France and Germany sign a defence agreement <img src=x onerror=\"window.__xss='img'\">",
    "text": "France and Germany signed a defence agreement in Paris on Tuesday. "
            "A reader posted <script>window.__xss='script'</script> under the report, "
            "and another <img src=x onerror=\"window.__xss='onerror'\"> beside it.",
}
TIMEOUT_MS = 20_000


def chromium_or_skip() -> str:
    """The Chromium binary; skip only when REALPOLITIK_SKIP_BROWSER=1, else fail when it is missing."""
    if os.environ.get("REALPOLITIK_SKIP_BROWSER") == "1":
        pytest.skip("REALPOLITIK_SKIP_BROWSER=1: browser tests skipped on request")
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), "
                    "or set REALPOLITIK_SKIP_BROWSER=1 to skip the browser tests")
    return path


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(*args: str) -> list[str]:
    """The realpolitik command line of this interpreter."""
    return [sys.executable, "-m", "realpolitik", *args]


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Poll ``url`` until it answers; fail if the server exits or does not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"realpolitik serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"realpolitik serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`realpolitik serve` on a free port over a store with the demo corpus, the seed and HOSTILE."""
    chromium_or_skip()
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: ../shared (the seed page) is not beside this checkout")
    folder = tmp_path_factory.mktemp("dashboard")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", "utf-8")
    db = folder / "dashboard.duckdb"
    subprocess.run(cli("ingest", str(DEMO), str(SEED), str(hostile), "--db", str(db)), check=True,
                   capture_output=True, timeout=300)
    port = free_port()
    with (folder / "serve.log").open("wb") as log:
        process = subprocess.Popen(cli("serve", "--db", str(db), "--port", str(port)), stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/api/v1", process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser_page(server: str) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """A Chromium page on the dashboard, with the dialogs, page errors and console errors it saw."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, list[str]] = {"dialogs": [], "errors": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready=true]")
        try:
            yield page, seen
        finally:
            browser.close()


def expect(locator: Any) -> Any:
    """Playwright's auto-waiting assertions on a locator."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def edge_point(page: Any, a: str, b: str) -> dict[str, Any] | None:
    """The plotly click target of edge A–B: its kind and its position on the screen."""
    return page.evaluate("""([a, b]) => {
        const gd = document.getElementById("graph");
        const trace = gd.data.find((t) => t.customdata && t.customdata.some((c) => c[0] === "edge"));
        const i = trace.customdata.findIndex((c) => c[0] === "edge" && c[1] === a && c[2] === b);
        if (i < 0) return null;
        const box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
        return { kind: trace.customdata[i][3],
                 x: box.left + size.l + gd._fullLayout.xaxis.l2p(trace.x[i]),
                 y: box.top + size.t + gd._fullLayout.yaxis.l2p(trace.y[i]) };
    }""", [a, b])


def test_graph_joins_rus_and_prk_by_a_cooperation_edge(browser_page: tuple[Any, dict[str, list[str]]]) -> None:
    page, seen = browser_page
    assert page.locator("#graph .main-svg").count() > 0, "plotly drew no graph"
    point = edge_point(page, "PRK", "RUS")
    assert point is not None and point["kind"] == "cooperation"
    button = page.get_by_test_id("edge-PRK-RUS")
    assert button.get_attribute("data-kind") == "cooperation"
    assert seen["errors"] == [], seen["errors"]


def test_clicking_the_edge_opens_the_dossier_with_the_flow(browser_page: tuple[Any, dict[str, list[str]]]) -> None:
    page, _ = browser_page
    point = edge_point(page, "PRK", "RUS")
    assert point is not None
    page.locator("#graph").scroll_into_view_if_needed()
    point = edge_point(page, "PRK", "RUS")
    page.mouse.click(point["x"], point["y"])  # the edge in the plotly graph itself
    page.wait_for_selector("#dossier:not([hidden])")
    assert "PRK – RUS" in page.get_by_test_id("dossier-title").inner_text()
    flow = page.get_by_test_id("flow-PRK-RUS-asserted").inner_text()
    assert all(item in flow for item in ("troops", "weapons", "missiles")), flow
    page.wait_for_selector("#chart-timeline .main-svg")
    for kind in ("trigger", "source", "target"):
        assert page.locator(f"#events-body mark.hl-{kind}").count() > 0, kind
    # an occurrence reported by several articles lists every one of them on a click
    button = page.locator("#events-body tr.occurrence button[data-testid^=mentions-]", has_text="mentions").first
    count = int(button.inner_text().split()[0])
    button.click()
    expect(page.locator("#events-body tr.mentions li")).to_have_count(count)
    page.locator("#events-body tr.mentions").get_by_role("button", name="article").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)


def test_the_edge_button_opens_the_same_dossier(browser_page: tuple[Any, dict[str, list[str]]]) -> None:
    page, _ = browser_page
    page.get_by_test_id("edge-RUS-UKR").click()
    expect(page.get_by_test_id("dossier")).to_have_attribute("data-pair", "RUS-UKR")
    page.get_by_test_id("edge-PRK-RUS").click()
    expect(page.get_by_test_id("dossier")).to_have_attribute("data-pair", "PRK-RUS")
    assert "troops" in page.get_by_test_id("flow-PRK-RUS-asserted").inner_text()


def test_script_in_an_article_shows_as_text_and_never_runs(browser_page: tuple[Any, dict[str, list[str]]]) -> None:
    page, seen = browser_page
    page.get_by_role("button", name="Hackers deface Moldovan government website").click()
    expect(page.get_by_test_id("article-title")).to_contain_text("Hackers deface")
    body = page.get_by_test_id("article-body")
    assert "<script>alert('x')</script>" in body.inner_text()
    assert body.locator("script").count() == 0
    page.get_by_role("button", name="France and Germany sign a defence agreement").click()
    expect(page.get_by_test_id("article-title")).to_contain_text("onerror")
    assert "<script>window.__xss='script'</script>" in body.inner_text()
    assert body.locator("script, img").count() == 0
    page.get_by_test_id("edge-DEU-FRA").click()
    expect(page.get_by_test_id("dossier")).to_have_attribute("data-pair", "DEU-FRA")
    page.wait_for_timeout(300)  # give an injected handler the chance it must not get
    assert page.evaluate("window.__xss") is None
    assert seen["dialogs"] == [], seen["dialogs"]


def test_date_range_filter_redraws_the_graph(browser_page: tuple[Any, dict[str, list[str]]]) -> None:
    page, _ = browser_page
    page.get_by_test_id("since").fill("2024-01-01")
    page.get_by_test_id("until").fill("2024-06-30")
    page.get_by_test_id("apply-range").click()
    expect(page.locator("#graph-caption")).to_contain_text("2024-06-30")
    assert page.get_by_test_id("edge-PRK-RUS").count() == 0
    assert page.get_by_test_id("edge-CHN-PHL").count() == 1
    page.get_by_test_id("reset-range").click()
    page.get_by_test_id("edge-PRK-RUS").wait_for()
