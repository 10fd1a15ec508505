"""PLOVER types, quad classes and CAMEO codes with Goldstein values (facts in data/cameo.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import PLOVER_TYPES

# PLOVER manual (draft 2.0): quad class of each type. 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# A CAMEO code for each type when a lexicon entry gives none (the root or most common code).
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}
assert set(QUAD) == set(PLOVER_TYPES) == set(DEFAULT_CAMEO)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its Goldstein value and PLOVER mapping."""

    code: str
    goldstein: float | None
    type: str
    mode: str
    context: str


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code → CameoCode, read once from the packaged table."""
    text = resources.files("realpolitik.events").joinpath("data/cameo.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        value = float(row["goldstein"]) if row["goldstein"] else None
        table[row["code"]] = CameoCode(row["code"], value, row["type"], row["mode"], row["context"])
    return table


@lru_cache(maxsize=1024)
def goldstein(code: str | None) -> float | None:
    """The Goldstein value of a CAMEO code, falling back to its parent codes (remembered per code:
    the table never changes in a process, and every coded event asks)."""
    table = cameo_table()
    while code:
        if code in table and table[code].goldstein is not None:
            return table[code].goldstein
        code = code[:-1] if len(code) > 2 else ""
    return None
