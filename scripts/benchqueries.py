"""Query latency over a large store: synthetic events made with DuckDB SQL, timed with the real queries.

    python scripts/benchqueries.py [EVENTS]      # default 10,000,000 (build/bench/events-10m.duckdb)

The events table is created by the store itself (schema, primary key and indexes), then filled with
INSERT … SELECT over range(): ~80 actor codes with skewed popularity (a few appear in most events, as
USA, RUS, UKR and CHN do in the news), 16 PLOVER types, three modalities, dates over 2015–2025. The
timed calls are those behind the CLI: ``Store.dyad`` (`realpolitik dyad`) and
``analysis.system(Store.events(since, until))`` (`realpolitik system --since --until`).
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ACTORS = ("USA RUS UKR CHN ISR IRN DEU FRA GBR TUR PRK KOR JPN POL IND PAK SAU SYR EGY QAT ITA ESP NLD BEL "
          "CAN AUS BRA MEX ARG VEN CUB COL NGA ZAF ETH SDN LBY IRQ AFG LBN JOR ARE YEM KAZ BLR GEO ARM AZE "
          "SRB HUN ROU GRC SWE FIN NOR DNK AUT CHE CZE SVK MDA LTU LVA EST TWN PHL VNM THA IDN MYS MMR "
          "NATO EU UN WST AU ASEAN G7").split()
TYPES = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
         "SANCTION MOBILIZE COERCE ASSAULT").split()
CHUNK = 1_000_000


def build(path: Path, n: int) -> None:
    """Create ``path`` with ``n`` synthetic events, deterministically (hashes of the row number)."""
    import duckdb

    from realpolitik.store import Store

    Store(path).close()  # the real schema, keys and indexes
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    # pow(u, 3) skews towards the first actors in the list; hash() of the row number is deterministic.
# Dates grow with the row number: a store fills in the order the news comes in, so its rows are
# roughly in date order (DuckDB's min/max zone maps then skip most row groups for a date range).
    u = "((hash(i * {k} + {s}) % 1000003) / 1000003.0)"
    pick = f"list_extract({actors}, 1 + floor(pow({u}, 3) * {len(ACTORS)})::INTEGER)"
    with duckdb.connect(str(path)) as con:
        con.execute("SET memory_limit = '6GB'")
        for start in range(0, n, CHUNK):
            stop = min(n, start + CHUNK)
            con.execute(f"""
                INSERT INTO events (id, doc_id, sentence_index, source, target, type, modality, date,
                                    goldstein, quad, flow, evidence, part, language, confidence, rule,
                                    rule_version, producer, doc_source)
                SELECT printf('%016x', i), printf('doc%09d', i // 4), (i % 4)::INTEGER, source,
                       CASE WHEN target <> source THEN target WHEN source <> 'UN' THEN 'UN' ELSE 'EU' END,
                       list_extract({types}, 1 + (hash(i * 13) % 16)::INTEGER),
                       CASE WHEN hash(i * 17) % 10 < 7 THEN 'asserted' WHEN hash(i * 17) % 10 < 9
                            THEN 'hypothetical' ELSE 'negated' END,
                       DATE '2015-01-01' + (i * 4018 // {n})::INTEGER,
                       ((hash(i * 23) % 200) / 10.0 - 10.0), (1 + hash(i * 29) % 4)::INTEGER,
                       CASE WHEN hash(i * 31) % 5 = 0 THEN ['weapons'] ELSE [] END,
                       'Synthetic evidence sentence number ' || i || ' for the query benchmark.',
                       'body', 'en', 0.8, 'bench', '0', 'lexicon', 'bench.jsonl'
                FROM (SELECT i, {pick.format(k=7, s=1)} AS source, {pick.format(k=11, s=3)} AS target
                      FROM range({start}, {stop}) t(i))""")
            print(f"  … {stop:,} events written", file=sys.stderr, flush=True)
        print("  … occurrences (one per event)", file=sys.stderr, flush=True)
        fill_occurrences(con)
        con.execute("CHECKPOINT")


def fill_occurrences(con) -> None:
    """One occurrence per synthetic event, made in SQL: the reads below (`dyad`, `system`) count
    occurrences as the CLI does. One per event is the worst case for them (real news folds several
    reports into one), and clustering 10M events in Python would only slow the build."""
    from realpolitik.store.occurrences import KEY_SQL

    con.execute(f"""
        INSERT INTO occurrences (id, key, source, source_sector, target, target_sector, type, mode, modality,
                                 undirected, flow, cameo, goldstein, quad, date, last_date, first_doc_id,
                                 first_event_id, doc_id, sentence_index, part, evidence, language, languages,
                                 outlets, num_mentions, num_articles, num_sources)
        SELECT e.id, {KEY_SQL}, e.source, e.source_sector, e.target, e.target_sector, e.type, e.mode,
               e.modality, false, e.flow, e.cameo, e.goldstein, e.quad, e.date, e.date, e.doc_id, e.id,
               e.doc_id, e.sentence_index, e.part, e.evidence, e.language, [e.language], ['bench'], 1, 1, 1
        FROM events e""")
    con.execute("""INSERT INTO occurrence_mentions (event_id, occurrence_id, doc_id, sentence_index, outlet,
                                                    date, language)
                   SELECT id, id, doc_id, sentence_index, 'bench', date, language FROM events""")


def timed(call, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in ms of ``call()`` over ``repeat`` runs (after one warm-up), and its result."""
    result = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main(path: Path, n: int) -> None:
    from realpolitik.analysis import system
    from realpolitik.cli.query import DYAD_ROWS
    from realpolitik.store import Store, queries

    if not path.exists():
        print(f"building {path} with {n:,} synthetic events (once) …", file=sys.stderr, flush=True)
        build(path, n)
    with Store(path, read_only=True) as store:
        total = store.counts()["events"]
        print(f"\nqueries over {total:,} stored events ({path.name}); median of 5 runs after a warm-up")
        print("| query (CLI) | events returned | ms |")
        print("|---|---|---|")
        pairs = (("RUS", "UKR", "2024-01-01", "2024-12-31"), ("DEU", "POL", None, None),
                 ("DEU", "POL", "2024-01-01", "2024-12-31"), ("FIN", "EST", None, None))
        for a, b, since, until in pairs:
            span = f" --since {since} --until {until}" if since else ""
            ms, rows = timed(lambda: queries.dyad_timeline(store._con, a, b, since=since, until=until))
            print(f"| dyad timeline {a}–{b}{span} (`dyad`'s by-month query) | {sum(r['mentions'] for r in rows):,} "
                  f"| {ms:,.0f} |")
            ms, result = timed(lambda: store.dyad(a, b, since=since, until=until, events=False, limit=DYAD_ROWS))
            print(f"| `dyad {a} {b}{span}` (table: by type, by month, the {DYAD_ROWS} latest occurrences) "
                  f"| {result['num_occurrences']:,} occurrences | {ms:,.0f} |")
            ms, result = timed(lambda: store.dyad(a, b, since=since, until=until))
            print(f"| `dyad {a} {b}{span} --format json` (every occurrence and every evidence row) "
                  f"| {len(result['events']):,} | {ms:,.0f} |")
        for since, until in ((date(2024, 11, 25), date(2024, 11, 25)), (date(2024, 11, 1), date(2024, 11, 30))):
            ms, result = timed(lambda: system(store.occurrences(since=since, until=until), since=since,
                                              until=until), repeat=3)
            print(f"| `system --since {since} --until {until}` (occurrences) | {result['n_events']:,} | {ms:,.0f} |")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    main(Path(__file__).resolve().parents[1] / "build" / "bench" / f"events-{count // 1_000_000}m.duckdb", count)
