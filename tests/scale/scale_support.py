"""Scale test support: a corpus of many short articles the team wrote, varied by a counter."""

from __future__ import annotations

import json
from pathlib import Path

# Team-written sentences; each article takes two of them and a numbered filler line.
SENTENCES = {
    "en": ["France signed a defence agreement with Germany on Monday.",
           "Russia threatened Poland with new sanctions.",
           "Japan protested against China over the islands.",
           "The United States sent weapons to Ukraine."],
    "de": ["Polen hat Russland am Dienstag scharf kritisiert.",
           "Frankreich sagte der Ukraine weitere Hilfe zu.",
           "Italien unterstützt die Ukraine mit Waffen.",
           "Der russische Präsident traf den türkischen Präsidenten in Ankara."],
}
FILLER = {"en": "The weather stayed mild and markets were calm in report number {n}.",
          "de": "Das Wetter blieb mild und die Märkte waren ruhig, Bericht Nummer {n}."}


def article(n: int) -> dict:
    """Article ``n``: deterministic, distinct, in English or German."""
    lang = "en" if n % 2 else "de"
    pool = SENTENCES[lang]
    text = " ".join([pool[n % 4], FILLER[lang].format(n=n), pool[(n + 1) % 4]])
    return {"id": f"a{n:05d}", "title": f"Report {n}", "text": text, "published": f"2024-0{1 + n % 9}-15",
            "lang": lang}


def write_corpus(path: Path, n: int, *, bad_every: int = 0, start: int = 0) -> Path:
    """Articles ``start`` to ``start + n`` as JSON Lines, with a broken line after every ``bad_every``."""
    lines = []
    for i in range(start, start + n):
        lines.append(json.dumps(article(i), ensure_ascii=False))
        if bad_every and i % bad_every == bad_every - 1:
            lines.append('{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path
