"""Occurrences as rows of the GDELT 2.0 event table: 61 tab-separated columns, empty where unknown.

One row per occurrence, as GDELT has one row per event with NumMentions/NumSources/NumArticles.
Filled: the ids and dates, actor codes (country + sector, e.g. ``RUSMIL``), names (English CLDR
names, upper case, as GDELT writes them), country or known-group code, sector as Type1Code,
IsRootEvent, the CAMEO codes, QuadClass, GoldsteinScale, the three counts, DATEADDED and SOURCEURL.
Empty: ethnic and religion codes, AvgTone and every geo column (we code no places).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """English country names by alpha-3 code."""
    from ..actors.lexicon import cldr_names

    return cldr_names("en")


def _actor(code: str | None, sector: str | None, n: int) -> dict[str, str]:
    """The ten Actor{n}* columns of one actor."""
    code = code or ""
    state = code in _names()
    return {f"Actor{n}Code": code + (sector or ""), f"Actor{n}Name": _names().get(code, code).upper(),
            f"Actor{n}CountryCode": code if state else "", f"Actor{n}KnownGroupCode": "" if state else code,
            f"Actor{n}Type1Code": sector or ""}


def _dates(day: date | None) -> dict[str, str]:
    """SQLDATE, MonthYear, Year and FractionDate of a day."""
    if day is None:
        return {}
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": str(day.year),
            "FractionDate": f"{fraction:.4f}"}


def _number(value: Any) -> str:
    """A number as text, empty for None."""
    return "" if value is None else str(value)


def gdelt_row(occ: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """The 61 columns of one occurrence; ``doc`` is its first document (url, source, ingested_at)."""
    cameo = str(occ.get("cameo") or "")
    added: datetime | None = doc.get("ingested_at")
    values: dict[str, str] = {
        "GLOBALEVENTID": str(int(str(occ["id"])[:13], 16)),
        **_dates(occ.get("date")),
        **_actor(occ.get("source"), occ.get("source_sector"), 1),
        **_actor(occ.get("target"), occ.get("target_sector"), 2),
        # GDELT: 1 when the event is in the lead; we take the title or the first two sentences
        "IsRootEvent": "1" if occ.get("part") == "title" or (occ.get("sentence_index") or 0) <= 1 else "0",
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": _number(occ.get("quad")), "GoldsteinScale": _number(occ.get("goldstein")),
        "NumMentions": str(occ["num_mentions"]), "NumSources": str(occ["num_sources"]),
        "NumArticles": str(occ["num_articles"]),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "",
        "SOURCEURL": doc.get("url") or doc.get("source") or "",
    }
    return [_clean(values.get(name, "")) for name in GDELT_COLUMNS]


def _clean(value: str) -> str:
    """A field without tabs or newlines, which would break the row."""
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def gdelt_rows(occurrences: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> list[list[str]]:
    """GDELT rows of occurrences; ``docs`` maps document id → {url, source, ingested_at}."""
    return [gdelt_row(occ, docs.get(str(occ.get("first_doc_id")), {})) for occ in occurrences]
