"""The REST API over the demo corpus: filters, pagination, one error shape, read-only default, token."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from realpolitik.store import Store
from realpolitik.web import create_app

ARTICLE = ("Russland und Nordkorea haben am Dienstag in Moskau ein neues Abkommen über militärische "
           "Zusammenarbeit unterzeichnet. Nordkorea liefert weitere Raketen an Russland, hieß es in Moskau.")


def is_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """Assert the one error shape and status; returns the error object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/events", "/api/v1/events/{event_id}",
                 "/api/v1/actors", "/api/v1/actors/{code}", "/api/v1/dyads", "/api/v1/dyads/{a}/{b}",
                 "/api/v1/system", "/api/v1/flows", "/api/v1/graph", "/api/v1/ingest"):
        assert path in paths, path
    assert "limit" in {p["name"] for p in paths["/api/v1/events"]["get"]["parameters"]}


def test_summary_counts_the_store(client: TestClient) -> None:
    info = client.get("/api/v1").json()
    assert info["documents"] >= 14 and info["events"] > 50
    assert info["ingest"] == "closed"


def test_events_filter_by_actor_and_type(client: TestClient) -> None:
    body = client.get("/api/v1/events", params={"actor": "prk", "type": "aid", "limit": 500}).json()
    assert body["total"] == len(body["items"]) > 0
    assert all("PRK" in (e["source"], e["target"]) and e["type"] == "AID" for e in body["items"])


def test_events_filter_by_source_target_modality_lang(client: TestClient) -> None:
    body = client.get("/api/v1/events", params={"source": "PRK", "target": "RUS", "modality": "asserted",
                                                "lang": "en", "limit": 500}).json()
    assert body["items"], "the English demo article has asserted PRK→RUS events"
    assert all((e["source"], e["target"], e["modality"], e["language"]) == ("PRK", "RUS", "asserted", "en")
               for e in body["items"])


def test_events_filter_by_date_range(client: TestClient) -> None:
    everything = client.get("/api/v1/events", params={"limit": 500}).json()
    body = client.get("/api/v1/events", params={"since": "2024-10", "until": "2024-11", "limit": 500}).json()
    assert 0 < body["total"] < everything["total"]
    assert all("2024-10-01" <= e["date"] <= "2024-11-30" for e in body["items"])


def test_pagination_walks_every_event_once(client: TestClient) -> None:
    total = client.get("/api/v1/events", params={"limit": 1}).json()["total"]
    seen: list[str] = []
    url: str | None = "/api/v1/events?limit=7"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["limit"] == 7 and body["total"] == total
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
        pages += 1
    assert len(seen) == len(set(seen)) == total
    assert pages == -(-total // 7)


def test_pagination_past_the_end_is_empty(client: TestClient) -> None:
    body = client.get("/api/v1/events", params={"offset": 100000}).json()
    assert body["items"] == [] and body["next"] is None and body["total"] > 0


@pytest.mark.parametrize("url", [
    "/api/v1/events?limit=0", "/api/v1/events?limit=501", "/api/v1/events?limit=ten", "/api/v1/events?offset=-1",
    "/api/v1/events?since=2024-13-01", "/api/v1/events?since=yesterday", "/api/v1/events?until=2024-02-30",
    "/api/v1/events?since=2025-01-01&until=2024-01-01", "/api/v1/events?type=FOO", "/api/v1/events?modality=maybe",
    "/api/v1/events?lang=deu", "/api/v1/events?actor=R", "/api/v1/events?actor=%3Cscript%3E",
    "/api/v1/documents?limit=-3", "/api/v1/flows?modality=perhaps", "/api/v1/dyads?actor=%25%25",
    "/api/v1/dyads/RUS/R%21", "/api/v1/actors?since=2024-99", "/api/v1/dyads/RUS/PRK?bucket=year",
    "/api/v1/turning-points?threshold=-1", "/api/v1/actors/RUS?bucket=",
])
def test_bad_parameters_are_422_in_the_error_shape(client: TestClient, url: str) -> None:
    error = is_error(client.get(url), 422, "invalid_parameter")
    assert error["detail"] and error["detail"][0]["name"]


@pytest.mark.parametrize("url", ["/api/v1/documents/nope", "/api/v1/events/nope", "/api/v1/dyads/RUS/ZZZ",
                                 "/api/v1/actors/ZZZ", "/api/v1/no-such-thing", "/static/secrets.txt"])
def test_unknown_things_are_404_in_the_error_shape(client: TestClient, url: str) -> None:
    is_error(client.get(url), 404, "not_found")


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    is_error(client.post("/api/v1/events"), 405, "method_not_allowed")


def test_dyad_rus_prk_is_cooperation_with_the_troops_flow(client: TestClient) -> None:
    dyad = client.get("/api/v1/dyads/rus/prk").json()
    assert dyad["summary"]["kind"] == "cooperation" and dyad["summary"]["score"] > 0
    flows = {(f["from"], f["to"], f["modality"]): f["items"] for f in dyad["flows"]}
    assert "troops" in flows[("PRK", "RUS", "asserted")]  # weapons and missiles come with the seed page
    assert dyad["timeline"] and all(e["source"] in ("RUS", "PRK") for e in dyad["events"])


def test_graph_joins_rus_and_prk_by_cooperation(client: TestClient) -> None:
    graph = client.get("/api/v1/graph").json()
    edge = next(e for e in graph["edges"] if {e["a"], e["b"]} == {"RUS", "PRK"})
    assert edge["kind"] == "cooperation"
    assert {"RUS", "PRK"} <= {n["code"] for n in graph["nodes"]}
    assert next(n for n in graph["nodes"] if n["code"] == "PRK")["name"] == "North Korea"


def test_graph_date_range_leaves_later_events_out(client: TestClient) -> None:
    graph = client.get("/api/v1/graph", params={"until": "2024-06"}).json()
    assert all(not {e["a"], e["b"]} & {"PRK"} for e in graph["edges"])  # PRK appears only from November


def test_evidence_spans_mark_trigger_and_actors(client: TestClient) -> None:
    events = client.get("/api/v1/events", params={"source": "PRK", "target": "RUS", "type": "AID",
                                                  "lang": "en", "limit": 50}).json()["items"]
    event = next(e for e in events if "troops" in e["flow"])
    spans = {s["kind"]: event["evidence"][s["start"]:s["end"]] for s in event["spans"]}
    assert spans["trigger"] == event["trigger"]
    assert spans["source"] == "North Korea" and spans["target"] in ("Russia", "Moscow")


def test_documents_list_and_detail(client: TestClient) -> None:
    page = client.get("/api/v1/documents", params={"q": "Moldovan"}).json()
    assert page["total"] == 1 and "text" not in page["items"][0]
    doc = client.get(f"/api/v1/documents/{page['items'][0]['id']}").json()
    assert "<script>alert('x')</script>" in doc["text"]  # stored as given; the dashboard shows it as text
    assert all(e["doc_id"] == doc["id"] for e in doc["events"])


def test_flows_filter_by_source(client: TestClient) -> None:
    items = client.get("/api/v1/flows", params={"source": "PRK"}).json()["items"]
    assert items and all(f["from"] == "PRK" for f in items)


def test_system_has_a_bloc_with_rus_and_prk(client: TestClient) -> None:
    blocs = client.get("/api/v1/system").json()["blocs"]
    assert any({"RUS", "PRK"} <= set(b["members"]) for b in blocs)


def test_security_headers_on_page_and_api(client: TestClient) -> None:
    for url in ("/", "/api/v1/events?limit=1"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "default-src 'none'" in csp


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and "plotly.js" in response.text[:200]


# -- writes ---------------------------------------------------------------------------------------

def test_ingest_is_refused_without_an_operator_token(client: TestClient, demo_db: Path) -> None:
    before = client.get("/api/v1").json()["documents"]
    is_error(client.post("/api/v1/ingest", content=ARTICLE, headers={"Content-Type": "text/plain"}), 403,
             "read_only")
    is_error(client.post("/api/v1/ingest", content=ARTICLE, headers={"Authorization": "Bearer x"}), 403)
    assert client.get("/api/v1").json()["documents"] == before


@pytest.fixture
def writable(demo_db: Path, tmp_path: Path) -> TestClient:
    """An app with an ingest token over a copy of the demo store."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, path)
    return TestClient(create_app(path, token="s3cret-token"))


def test_ingest_needs_the_bearer_token(writable: TestClient) -> None:
    error = writable.post("/api/v1/ingest", content=ARTICLE)
    is_error(error, 401, "unauthorized")
    assert error.headers["www-authenticate"] == "Bearer"
    is_error(writable.post("/api/v1/ingest", content=ARTICLE, headers={"Authorization": "Bearer wrong"}), 401)
    is_error(writable.post("/api/v1/ingest", content=ARTICLE, headers={"Authorization": "Basic s3cret-token"}), 401)


def test_ingest_with_token_stores_once(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret-token", "Content-Type": "text/plain; charset=utf-8"}
    before = writable.get("/api/v1").json()
    first = writable.post("/api/v1/ingest", content=ARTICLE.encode(), headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 1 and first.json()["errors"] == []
    again = writable.post("/api/v1/ingest", content=ARTICLE.encode(), headers=auth).json()
    assert again["added"] == 0 and again["already_stored"] == 1 and again["documents"] == first.json()["documents"]
    after = writable.get("/api/v1").json()
    assert after["documents"] == before["documents"] + 1 and after["events"] > before["events"]


def test_ingest_jsonl_reports_bad_lines_and_keeps_the_rest(writable: TestClient) -> None:
    good = {"id": "api-1", "text": ARTICLE, "title": "Abkommen", "lang": "de", "published": "2025-03-01"}
    body = json.dumps(good) + "\n{not json\n"
    result = writable.post("/api/v1/ingest", content=body, headers={
        "Authorization": "Bearer s3cret-token", "Content-Type": "application/x-ndjson"}).json()
    assert result["added"] == 1 and len(result["errors"]) == 1 and ":2:" in result["errors"][0]


@pytest.mark.parametrize(("body", "content_type", "status"), [
    ("", "text/plain", 400), ("   \n", "text/plain", 400), (ARTICLE, "image/png", 415)])
def test_ingest_bad_bodies_are_4xx(writable: TestClient, body: str, content_type: str, status: int) -> None:
    response = writable.post("/api/v1/ingest", content=body, headers={
        "Authorization": "Bearer s3cret-token", "Content-Type": content_type})
    is_error(response, status)


def test_ingest_creates_a_missing_store_and_reads_fail_cleanly_before(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "new.duckdb", token="t"))
    is_error(client.get("/api/v1/events"), 503, "store_unavailable")
    response = client.post("/api/v1/ingest", content=ARTICLE, headers={"Authorization": "Bearer t"})
    assert response.json()["added"] == 1
    assert client.get("/api/v1/events").json()["total"] > 0


def test_server_does_not_hold_the_store_open(writable: TestClient) -> None:
    path = writable.app.state.store.path  # type: ignore[attr-defined]
    assert writable.get("/api/v1/events").status_code == 200
    with Store(path) as store:  # a writer (as `realpolitik ingest` would be) can open it between requests
        assert store.counts()["documents"] > 0


# -- occurrences ----------------------------------------------------------------------------------

def test_occurrences_count_sources_and_filter(client: TestClient) -> None:
    body = client.get("/api/v1/occurrences", params={"actor": "PRK", "limit": 500}).json()
    assert body["total"] == len(body["items"]) > 0
    events = client.get("/api/v1/events", params={"actor": "PRK", "limit": 1}).json()["total"]
    assert body["total"] < events, "the German and English articles report the same happenings"
    for occ in body["items"]:
        assert "PRK" in (occ["source"], occ["target"])
        assert occ["num_mentions"] >= occ["num_articles"] >= occ["num_sources"] >= 1
    assert any(o["num_sources"] > 1 and set(o["languages"]) == {"de", "en"} for o in body["items"])


def test_occurrence_lang_filter_matches_any_reporting_language(client: TestClient) -> None:
    items = client.get("/api/v1/occurrences", params={"lang": "en", "limit": 500}).json()["items"]
    assert items and all("en" in o["languages"] for o in items)


def test_occurrence_detail_has_its_mentions_with_spans(client: TestClient) -> None:
    items = client.get("/api/v1/occurrences", params={"actor": "PRK", "limit": 500}).json()["items"]
    occ = max(items, key=lambda o: o["num_mentions"])
    detail = client.get(f"/api/v1/occurrences/{occ['id']}").json()
    assert len(detail["mentions"]) == occ["num_mentions"]
    assert all(m["spans"] and m["outlet"] for m in detail["mentions"])
    is_error(client.get("/api/v1/occurrences/nope"), 404, "not_found")


def test_graph_and_dyad_count_occurrences_not_events(client: TestClient) -> None:
    edge = next(e for e in client.get("/api/v1/graph").json()["edges"] if {e["a"], e["b"]} == {"RUS", "PRK"})
    dyad = client.get("/api/v1/dyads/RUS/PRK").json()
    assert edge["count"] == len(dyad["occurrences"]) < len(dyad["events"])


def test_dyad_timeline_has_the_index_per_bucket(client: TestClient) -> None:
    timeline = client.get("/api/v1/dyads/RUS/PRK", params={"bucket": "week"}).json()["timeline"]
    assert timeline["bucket"] == "week" and timeline["buckets"]
    assert all(b["bucket"].startswith("2024-W") for b in timeline["buckets"])
    assert timeline["total"]["index"] > 0  # cooperation on the −10 … +10 scale
    assert sum(b["count"] for b in timeline["buckets"]) == timeline["total"]["count"]


def test_actor_has_a_timeline_and_partners(client: TestClient) -> None:
    actor = client.get("/api/v1/actors/RUS").json()
    assert actor["name"] == "Russia" and actor["timeline"]
    assert {"PRK", "UKR"} <= {d["a"] if d["b"] == "RUS" else d["b"] for d in actor["dyads"]}


def test_turning_points_find_a_dyad_that_turns(writable: TestClient) -> None:
    article = {"id": "turn-1", "lang": "en", "published": "2025-06-10T08:00:00Z", "title": "Moscow warns Pyongyang",
               "text": "Russia threatened North Korea with sanctions on Tuesday. "
                       "Russia accused North Korea of breaking the agreement."}
    added = writable.post("/api/v1/ingest", content=json.dumps(article), headers={
        "Authorization": "Bearer s3cret-token", "Content-Type": "application/json"}).json()
    assert added["added"] == 1, added
    body = writable.get("/api/v1/turning-points").json()
    turn = next(t for t in body["items"] if {t["a"], t["b"]} == {"RUS", "PRK"})
    assert turn["direction"] == "towards conflict" and turn["reversal"]
    assert turn["before"]["bucket"] == "2024-11" and turn["after"]["bucket"] == "2025-06"


def test_a_writer_holding_the_store_gives_503_not_500(writable: TestClient) -> None:
    path = writable.app.state.store.path  # type: ignore[attr-defined]
    with Store(path):  # as `realpolitik ingest` holds it while it writes
        error = is_error(writable.get("/api/v1/events"), 503, "store_unavailable")
    assert str(path) in error["message"]
    assert writable.get("/api/v1/events").status_code == 200


def test_no_page_loads_javascript_from_elsewhere(client: TestClient) -> None:
    is_error(client.get("/docs"), 404)  # FastAPI's Swagger page would load its JavaScript from a CDN
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page


def test_dashboard_code_never_parses_data_as_markup() -> None:
    static = Path(__file__).resolve().parents[2] / "src" / "realpolitik" / "web" / "static"
    for name in ("app.js", "charts.js"):
        code = (static / name).read_text("utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{name} uses {sink}"
