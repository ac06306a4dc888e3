"""A synthetic corpus for scale tests: real sentences, recombined, with varied names.

Each article is a few runs of consecutive sentences from the real corpus (so clauses read
like news and the extractors find work in them), in which places, actors, quoted speech and
day-of-month dates are swapped for others. Places come from the project's gazetteer when it
exists, otherwise from a list of place names seen in the corpus. The same seed always gives
the same corpus, and no two generated texts are the same.

    python -m syria_events.synth OUT N [--seed S] [--sources DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from syria_events.ingest import ARTICLES_DIR, COLUMNS, METADATA_FILE, read_corpus
from syria_events.paths import default_corpus

AR = "\u0621-\u064a"
# Used when there is no gazetteer: Syrian places the real corpus names.
FALLBACK_PLACES = (
    "حماة",
    "حمص",
    "درعا",
    "السويداء",
    "دمشق",
    "حلب",
    "إدلب",
    "الرقة",
    "القنيطرة",
    "تلبيسة",
    "الرستن",
    "السلمية",
    "محردة",
    "مصياف",
    "السقيلبية",
    "شهبا",
    "جاسم",
    "إزرع",
    "البوكمال",
    "قمحانة",
    "دير الزور",
)
# Actor phrases swapped among themselves (only those the corpus uses are touched).
ACTOR_PHRASES = (
    "هيئة تحرير الشام",
    "قوات النظام",
    "الفصائل المعارضة",
    "فصائل المعارضة",
    "قوات سوريا الديمقراطية",
    "الجيش الوطني السوري",
    "غرفة عمليات ردع العدوان",
    "اللواء الثامن",
    "حزب الله",
    "القوات الروسية",
    "الطيران الروسي",
    "الميليشيات الإيرانية",
)
OUTLETS = (
    ("Al-Modon", "المدن"),
    ("Al-Hal Net", "الحل نت"),
    ("Al-Quds Al-Arabi", "القدس العربي"),
    ("Al-Araby TV", "التلفزيون العربي"),
    ("", ""),
)
# Publication dates no earlier than the real articles', so that no date a sentence carries
# over falls after its new publication date.
FIRST_DATE = date(2024, 12, 5)
N_DAYS = 8
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s*")
_QUOTE = re.compile(r'"([^"\n]{12,300})"')
# "5 ديسمبر" / "5 كانون الأول": the day of month is varied, never past publication.
_DAY = re.compile(r"(?<![0-9])([0-9]{1,2})(?= (?:ديسمبر|كانون الأول))")


@dataclass(frozen=True)
class _Material:
    """What articles are made from, extracted once from the real corpus."""

    articles: list[list[str]]  # sentences of each real article
    places_found: list[str]  # place names in the corpus, to be replaced
    place_pool: list[str]  # names to draw replacements from
    actors_found: list[str]
    quotes: list[str]


def _gazetteer_names() -> tuple[list[str], list[str]] | None:
    """(names to look for, names to draw) from the gazetteer, or None without one."""
    try:
        from syria_events.gazetteer import load
    except ModuleNotFoundError:
        return None
    places = load().places.values()
    syrian = [p for p in places if p["country_code"] == "SY" and len(p["name_ar"] or "") >= 3]
    # Villages and short town names are left alone as targets: many are also common words.
    targets = sorted(
        p["name_ar"]
        for p in syrian
        if p["kind"] in ("governorate", "city") or (p["kind"] == "town" and len(p["name_ar"]) >= 4)
    )
    pool = sorted({p["name_ar"] for p in syrian if p["kind"] in ("city", "town")})
    return targets, pool


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{AR}])[وبلف]?{re.escape(name)}(?![{AR}])")


def _material(sources: Path) -> _Material:
    texts = [a.text for a in read_corpus(sources).articles]
    corpus = "\n".join(texts)
    names = _gazetteer_names() or (FALLBACK_PLACES, FALLBACK_PLACES)
    found = [n for n in names[0] if _word(n).search(corpus)]
    actors = [a for a in ACTOR_PHRASES if _word(a).search(corpus)]
    quotes = sorted({m.group(1) for m in _QUOTE.finditer(corpus) if len(m.group(1).split()) >= 3})
    sentences = [[s.strip() for s in _SENTENCE_END.split(t) if len(s.strip()) > 20] for t in texts]
    return _Material([s for s in sentences if s], found, list(names[1]), actors, quotes)


def _alternation(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    # Longest first, so that "دير الزور" wins over any shorter name inside it.
    alts = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![{AR}])([وبلف]?)({alts})(?![{AR}])")


def _attach(clitic: str, name: str) -> str:
    # Arabic spells lām + al- as "لل" ("لدمشق" but "للرقة").
    if clitic == "ل" and name.startswith("ال"):
        return "ل" + name[1:]
    return clitic + name


class _Generator:
    def __init__(self, material: _Material, seed: int) -> None:
        self.m = material
        self.seed = seed
        self.names = _alternation(material.places_found + material.actors_found)

    def text(self, rng: random.Random, published: date) -> str:
        """One article: runs of consecutive real sentences, with names, quotes, days varied."""
        sentences: list[str] = []
        for _ in range(rng.randint(3, 8)):
            source = rng.choice(self.m.articles)
            start = rng.randrange(len(source))
            sentences += source[start : start + rng.randint(1, 4)]
        text = " ".join(sentences)
        if self.m.quotes:
            text = _QUOTE.sub(lambda _: f'"{rng.choice(self.m.quotes)}"', text)
        swap = {n: rng.choice(self.m.place_pool) for n in self.m.places_found}
        actors = self.m.actors_found[:]
        rng.shuffle(actors)
        swap.update(zip(self.m.actors_found, actors, strict=True))
        if self.names is not None:
            # One pass, so that a replacement is never itself replaced.
            text = self.names.sub(lambda mt: _attach(mt.group(1), swap[mt.group(2)]), text)
        if published.month == 12:
            text = _DAY.sub(lambda _: str(rng.randint(1, published.day)), text)
        return text

    def article(self, i: int, seen: set[str]) -> tuple[str, date, tuple[str, str]]:
        rng = random.Random(f"{self.seed}:{i}")  # per article, so articles are independent
        published = FIRST_DATE + timedelta(days=rng.randrange(N_DAYS))
        outlet = rng.choice(OUTLETS)
        for _ in range(20):
            text = self.text(rng, published)
            if text not in seen:
                break
        else:  # a tiny corpus can run out of combinations: make it distinct explicitly
            text += f" (تحديث رقم {i})"
        seen.add(text)
        return text, published, outlet


def generate_corpus(out_dir: Path | str, n_articles: int, seed: int = 0, sources: Path | None = None) -> Path:
    """Write a corpus of `n_articles` synthetic articles to `out_dir` (which must not exist or
    be empty): articles.csv plus articles/*.txt, the layout `build` reads. Returns out_dir."""
    out = Path(out_dir)
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    gen = _Generator(_material(Path(sources) if sources else default_corpus()), seed)
    (out / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with open(out / METADATA_FILE, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(n_articles):
            text, published, (outlet, outlet_ar) = gen.article(i, seen)
            name = f"{i:06d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
            (out / ARTICLES_DIR / name).write_text(text, encoding="utf-8")
            basis = f"synthetic (syria_events.synth, seed {seed})"
            writer.writerow([name, outlet, outlet_ar, "", published.isoformat(), basis, "ar"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syria_events.synth", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="corpus directory to create")
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sources", type=Path, default=None, help="real corpus to draw from")
    args = parser.parse_args(argv)
    try:
        generate_corpus(args.out, args.n, args.seed, args.sources)
    except (FileExistsError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {args.n} articles to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
