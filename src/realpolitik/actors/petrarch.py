"""Import PETRARCH/TABARI actor and agent dictionaries as user-actor rows.

Actor blocks: a name line (words joined by ``_``), ``+alias`` lines, and codes such as ``[RUS]`` or
``[DEUGOV 051122-131217]`` / ``[HOB <950601]`` / ``[HOBREB >990816]``, on the name line or indented
below it. Agent lines: ``FOREIGN_MINISTER {PLURALS} [~GOVFRM]`` with ``!MINST! = A, B`` macros.
A code's first three letters are the country, the next three the sector.
"""

from __future__ import annotations

import itertools
import logging
import re
from datetime import date
from pathlib import Path

from realpolitik.errors import LexiconError

CODE = re.compile(r"\[\s*([^\]\s]+)\s*([^\]]*)\]")
MACRO = re.compile(r"!([A-Z0-9_]+)!")
SMALL_WORDS = {"THE", "OF", "AND", "FOR"}
log = logging.getLogger(__name__)


def petrarch_date(text: str) -> date:
    """YYMMDD (pivot 1930) or YYYYMMDD."""
    digits = text.strip()
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year < 30 else 1900 + year}{digits[2:]}"
    if len(digits) != 8 or not digits.isdigit():
        raise ValueError(text)
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


def date_range(text: str) -> tuple[date | None, date | None]:
    """``<D`` (until D), ``>D`` (from D), ``D1-D2`` or empty."""
    text = text.replace(" ", "")
    if not text:
        return None, None
    if text[0] == "<":
        return None, petrarch_date(text[1:])
    if text[0] == ">":
        return petrarch_date(text[1:]), None
    first, _, second = text.partition("-")
    return petrarch_date(first), petrarch_date(second)


def display_forms(raw: str, *, lower: bool = False) -> list[str]:
    """``SAM_GAMGEE`` → ["Sam Gamgee", "SAM GAMGEE"]; agents are lower-cased."""
    words = raw.replace("_", " ").split()
    if not words:
        return []
    upper = " ".join(words)
    if lower:
        return [upper.lower()]
    if len(words) == 1 and len(upper) <= 4:  # acronyms: IMF, UAE, NATO
        return [upper]
    cased = " ".join(w if "." in w else w.lower() if w in SMALL_WORDS else w.title() for w in words)
    return list(dict.fromkeys([cased[0].upper() + cased[1:], upper]))


def split_code(code: str) -> tuple[str | None, str | None, bool]:
    """(country, sector, is_agent) from a PETRARCH code; country None for discard codes."""
    code = code.upper()
    if "~" in code:
        sector = code.replace("~", "")[:3]
        return None, sector or None, True
    code = code.split("/")[0]
    if not code[:3].isalpha():
        return None, None, False
    return code[:3], code[3:6] or None, False


def strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    """Numbered lines without ``<!-- -->`` blocks and ``#`` comments."""
    out, in_block = [], False
    for number, line in enumerate(lines, 1):
        if in_block or line.lstrip().startswith("<!"):
            in_block = "-->" not in line
            continue
        text = line.split("#", 1)[0].rstrip()
        if text.strip():
            out.append((number, text))
    return out


def expand_macros(raw: str, macros: dict[str, list[str]]) -> list[str]:
    """Every spelling of a pattern with ``!NAME!`` macros substituted."""
    parts = MACRO.split(raw)  # odd indices are macro names
    choices = [macros.get(p, [p]) if i % 2 else [p] for i, p in enumerate(parts)]
    return ["".join(combo) for combo in itertools.product(*choices)]


def read_blocks(lines: list[tuple[int, str]]) -> tuple[list[dict], dict[str, list[str]]]:
    """Group lines into entries (name, aliases, codes) and collect ``!MACRO! = …`` definitions."""
    blocks: list[dict] = []
    macros: dict[str, list[str]] = {}
    for number, text in lines:
        stripped = text.strip()
        head, eq, values = stripped.partition("=")
        if eq and MACRO.fullmatch(head.strip()):
            macros[head.strip().strip("!")] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        codes = CODE.findall(stripped)
        name = CODE.sub("", stripped).strip()
        if stripped.startswith("+") and blocks:
            blocks[-1]["aliases"].append(name[1:].strip())
        elif name and not text[0].isspace():
            blocks.append({"name": name, "aliases": [], "codes": [], "line": number})
        if codes and blocks:
            blocks[-1]["codes"].extend(codes)
    return blocks, macros


def agent_rows(block: dict, sector: str, macros: dict[str, list[str]], source: str) -> list[dict]:
    """Rows for an agent (role noun) entry: forms with macros and ``{plurals}`` expanded."""
    name, _, plurals = block["name"].partition("{")
    raw = [name, *plurals.rstrip("}").split(","), *block["aliases"]]
    forms = [f for r in raw if r.strip() for e in expand_macros(r.strip(), macros)
             for f in display_forms(e, lower=True)]
    return [{"name": forms[0], "forms": forms, "code": None, "sector": sector, "role": True,
             "start": None, "end": None, "source": source}] if forms else []


def actor_rows(block: dict, source: str) -> list[dict]:
    """One row per (dated) code of an actor block."""
    forms = [f for raw in [block["name"], *block["aliases"]] for f in display_forms(raw)]
    rows = []
    for code, dates in block["codes"]:
        country, sector, _ = split_code(code)
        if country is None or not forms:
            continue
        try:
            start, end = date_range(dates)
        except ValueError:  # the Phoenix files have a few typos such as 9008223
            log.warning("%s: skipping [%s %s]: bad date range", source, code, dates)
            continue
        rows.append({"name": forms[0], "forms": forms, "code": country, "sector": sector,
                     "start": start, "end": end, "source": source})
    return rows


def import_petrarch(path: Path) -> list[dict]:
    """Parse a PETRARCH actors or agents dictionary into user-actor rows.

    Args:
        path: a ``.txt`` dictionary in PETRARCH/TABARI format.

    Returns:
        Rows with ``name``, ``forms``, ``code`` (country, ``None`` for agents), ``sector``,
        ``start``/``end`` (dates or ``None``), ``source``; agent rows also have ``role: True``.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    blocks, macros = read_blocks(strip_comments(lines))
    rows: list[dict] = []
    for block in blocks:
        source = f"PETRARCH {Path(path).name}:{block['line']}"
        agent = [split_code(code) for code, _ in block["codes"] if "~" in code]
        if agent:
            rows += agent_rows(block, agent[0][1] or "", macros, source)
        else:
            rows += actor_rows(block, source)
    return rows
