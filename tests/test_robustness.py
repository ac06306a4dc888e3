"""A bad-input battery, through the command line, on corpora of one to three short articles.

Every case ends in one of two ways:
- refused: exit 1, an InputError naming file, row and rule (read from `build --json`), no
  traceback, the previous release at --out byte-for-byte unchanged and no temporaries left;
- accepted (documented): exit 0, a release that validates, and asserted properties of what was
  stored (the text exactly as decoded, the article count, the warnings reported).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner, Result

from conftest import snapshot
from syria_events.cli import app
from syria_events.ingest import COLUMNS, MAX_ARTICLE_BYTES, MAX_FIELD_CHARS, read_corpus
from syria_events.validate import validate_release

# Short articles that name places the gazetteer knows, so that spans are produced and checked.
TEXT_A = (
    "أعلنت فصائل المعارضة السيطرة على مدينة حماة يوم الخميس، وبدأت التقدم نحو مدينة حمص.\n"
    "وقال مصدر عسكري إن الاشتباكات مستمرة في ريف درعا.\n"
)
TEXT_B = "دخلت قوات المعارضة مدينة حمص صباح السبت بعد انسحاب قوات النظام نحو دمشق.\n"

Row = dict[str, str]


def meta(file: str, published_date: str = "2024-12-05", **extra: str) -> Row:
    row = dict.fromkeys(COLUMNS, "")
    row.update(file=file, outlet="Test Outlet", published_date=published_date, language="ar")
    row.update(extra)
    return row


def csv_text(rows: list[Row], newline: str = "\n") -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def make_corpus(
    root: Path, articles: dict[str, str | bytes], rows: list[Row] | None = None, newline: str = "\n"
) -> Path:
    """A corpus directory: articles/<name> for each article, and articles.csv listing `rows`
    (by default one row per article, in the order given)."""
    corpus = root / "corpus"
    (corpus / "articles").mkdir(parents=True)
    for name, content in articles.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (corpus / "articles" / name).write_bytes(data)
    rows = rows if rows is not None else [meta(name) for name in articles]
    (corpus / "articles.csv").write_bytes(csv_text(rows, newline).encode("utf-8"))
    return corpus


def invoke(*args: str) -> Result:
    """Run the CLI in-process and show that it ended without a traceback."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def temporaries(out: Path) -> list[str]:
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]


@pytest.fixture(scope="module")
def small_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of one article, built once: the previous release that refusals must keep."""
    root = tmp_path_factory.mktemp("small")
    out = root / "release"
    invoke("build", "--sources", str(make_corpus(root, {"a.txt": TEXT_A})), "--out", str(out))
    assert validate_release(out).ok
    return out


@pytest.fixture
def previous(small_release: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(small_release, out)
    return out


def refused(corpus: Path, out: Path, rule: str, row: int | None, file: str, *options: str) -> dict[str, Any]:
    """Build, expect the refusal `rule` at `file` (a path suffix) and `row`; nothing replaced."""
    before = snapshot(out)
    result = invoke("build", "--sources", str(corpus), "--out", str(out), "--json", *options)
    assert result.exit_code == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    err = data["error"]
    assert data["ok"] is False
    assert (err["rule"], err["row"]) == (rule, row), err
    assert err["file"].endswith(file), err
    where = err["file"] + (f", row {row}" if row is not None else "")
    assert f"error: {where}: [{rule}]" in result.stderr
    assert snapshot(out) == before, "a refused build changed the previous release"
    assert temporaries(out) == [], "a refused build left temporaries next to --out"
    return err


def accepted(corpus: Path, out: Path, *options: str) -> tuple[dict[str, Any], dict[str, pl.DataFrame]]:
    """Build, expect success and a valid release; return the JSON report and the tables."""
    result = invoke("build", "--sources", str(corpus), "--out", str(out), "--json", *options)
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    for warning in data["warnings"]:
        assert f"warning: {warning}" in result.stderr
    report = validate_release(out)
    assert report.ok, report.text()
    assert temporaries(out) == []
    tables = {name: pl.read_parquet(out / f"{name}.parquet") for name in ("articles", "mentions", "events")}
    assert data["rows"]["articles"] == tables["articles"].height
    return data, tables


def stored(tables: dict[str, pl.DataFrame], source_file: str) -> dict[str, Any]:
    rows = tables["articles"].filter(pl.col("source_file") == source_file).to_dicts()
    assert len(rows) == 1, f"{source_file}: {len(rows)} rows"
    return rows[0]


def assert_spans_true(tables: dict[str, pl.DataFrame], minimum: int = 1) -> None:
    """Every mention's surface is its slice of the stored text (and there are some to check)."""
    texts = dict(tables["articles"].select("article_id", "text").iter_rows())
    mentions = tables["mentions"]
    assert mentions.height >= minimum
    for m in mentions.iter_rows(named=True):
        assert texts[m["article_id"]][m["char_start"] : m["char_end"]] == m["surface"], m


# --- line endings --------------------------------------------------------------------------


def test_crlf_and_cr_line_endings_are_stored_as_is_so_offsets_stay_true(tmp_path: Path) -> None:
    # Decision: accepted and not normalised. Rewriting line endings would change the text, its
    # sha256 and article_id, and every offset after the first line break. articles.csv itself
    # uses CRLF here, with a quoted value that holds line breaks of its own.
    texts = {"crlf.txt": TEXT_A.replace("\n", "\r\n"), "cr.txt": TEXT_B.replace("\n", "\r")}
    basis = "inferred:\nfirst line\nsecond line"
    rows = [meta("crlf.txt", published_date_basis=basis), meta("cr.txt")]
    corpus = make_corpus(tmp_path, texts, rows, newline="\r\n")
    _, tables = accepted(corpus, tmp_path / "out")
    for name, text in texts.items():
        row = stored(tables, name)
        assert row["text"] == text
        assert row["n_chars"] == len(text)
        assert row["source_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert "\r\n" in texts["crlf.txt"] and "\n" not in texts["cr.txt"]
    assert stored(tables, "crlf.txt")["published_date_basis"] == basis
    assert_spans_true(tables)
    ids = set(tables["mentions"]["article_id"])
    assert {stored(tables, name)["article_id"] for name in texts} <= ids  # both were read


# --- NUL bytes, size --------------------------------------------------------------------------


def test_a_nul_byte_in_an_article_is_refused(tmp_path: Path, previous: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_B, "b.txt": "حماة\x00حمص"})
    err = refused(corpus, previous, "nul-byte", 3, "articles/b.txt")
    assert "offset 4" in err["message"]


def test_a_nul_byte_in_articles_csv_is_refused(tmp_path: Path, previous: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_B}, [meta("a.txt", outlet="Al\x00Modon")])
    err = refused(corpus, previous, "nul-byte", 2, "articles.csv")
    assert "'outlet'" in err["message"]


@pytest.fixture
def fifty_mb(tmp_path: Path) -> Iterator[Path]:
    """A corpus whose second article is a sparse 50 MB file (zeros), deleted afterwards."""
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_B, "big.txt": b""})
    big = corpus / "articles" / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    yield corpus
    big.unlink()


def test_a_50_mb_article_is_refused_by_the_default_limit(fifty_mb: Path, previous: Path) -> None:
    err = refused(fifty_mb, previous, "too-large", 3, "articles/big.txt")
    assert err["message"] == f"{50 * 1024 * 1024} bytes is over the limit of {MAX_ARTICLE_BYTES}"


def test_max_article_bytes_raises_the_limit(fifty_mb: Path, previous: Path) -> None:
    # With the limit lifted the file is read, and then refused for what it holds (zeros).
    refused(fifty_mb, previous, "nul-byte", 3, "articles/big.txt", "--max-article-bytes", "60000000")


def test_max_article_bytes_lowers_the_limit_and_is_inclusive(tmp_path: Path, previous: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A})
    size = len(TEXT_A.encode("utf-8"))
    err = refused(corpus, previous, "too-large", 2, "articles/a.txt", "--max-article-bytes", str(size - 1))
    assert err["message"] == f"{size} bytes is over the limit of {size - 1}"
    _, tables = accepted(corpus, tmp_path / "new", "--max-article-bytes", str(size))
    assert stored(tables, "a.txt")["text"] == TEXT_A


# --- Unicode ----------------------------------------------------------------------------------


def test_arabic_presentation_forms_are_stored_verbatim(tmp_path: Path) -> None:
    # حماة in presentation forms, the lam-alef ligature ﻻ and ﷲ (NFKC would make 2 and 4 code
    # points of them), a ZWNBSP (U+FEFF) inside the text, then a name in ordinary letters: a
    # normalising extractor that does not map its offsets back would misplace that mention.
    text = "ﺳﻴﻄﺮﺓ ﻋﻠﻰ ﺣﻤﺎﺓ ﻻ ﷲ \ufeffﺍﻟﻴﻮﻡ.\nوبدأت التقدم نحو مدينة حمص.\n"
    corpus = make_corpus(tmp_path, {"a.txt": text})
    _, tables = accepted(corpus, tmp_path / "out")
    row = stored(tables, "a.txt")
    assert row["text"] == text and row["n_chars"] == len(text) and not row["bom_stripped"]
    assert_spans_true(tables)
    surfaces = tables["mentions"]["surface"].to_list()
    assert "حمص" in surfaces


def test_mixed_scripts_and_astral_characters_keep_code_point_offsets(tmp_path: Path) -> None:
    # Latin, Cyrillic, Hebrew, digits of two systems and an emoji (outside the BMP: one code
    # point, two UTF-16 units) before the place names.
    text = "🔥 BREAKING / Срочно / מבזק ١٢٣ 456: سيطرت المعارضة على مدينة حماة ثم تقدمت نحو حمص.\n"
    corpus = make_corpus(tmp_path, {"a.txt": text})
    _, tables = accepted(corpus, tmp_path / "out")
    assert stored(tables, "a.txt")["text"] == text
    assert_spans_true(tables)
    starts = {m["surface"]: m["char_start"] for m in tables["mentions"].iter_rows(named=True)}
    assert starts.get("حمص") == text.index("حمص")  # a code-point offset, not UTF-16 or bytes


# Zero-width non-joiner, joiner and space, the right-to-left mark, an embedding and an isolate.
BIDI_AND_ZERO_WIDTH = ("\u200c", "\u200d", "\u200b", "\u200f", "\u202b", "\u2067")


def test_bidi_and_zero_width_characters_inside_names_are_stored_verbatim(tmp_path: Path) -> None:
    zwnj, zwj, zwsp, rlm, rle, rli = BIDI_AND_ZERO_WIDTH
    text = (
        f"سيطرت المعارضة على مدينة حم{zwnj}اة، ثم تقدمت نحو مدينة {rle}حمص\u202c{rlm}.\n"
        f"وفي د{zwj}رعا ود{zwsp}مشق اشتباكات، وفي {rli}حماة\u2069 هدوء.\n"
    )
    outlet = f"{rlm}المدن{rli}"
    corpus = make_corpus(tmp_path, {"a.txt": text}, [meta("a.txt", outlet_ar=outlet)])
    _, tables = accepted(corpus, tmp_path / "out")
    row = stored(tables, "a.txt")
    assert row["text"] == text and row["outlet_ar"] == outlet
    # Whether a name broken by an invisible mark is recognised is the extractors' business;
    # what is found must point at the true span, and the marks around a name shift the spans
    # of everything after them: the isolated حماة must still be sliced exactly.
    assert_spans_true(tables)


def test_text_that_is_all_punctuation_is_accepted_with_nothing_extracted(tmp_path: Path) -> None:
    # Accepted: the text is not empty, only unpromising; refusing it would need a rule about
    # content. The article is kept so that the corpus and the release list the same files.
    text = "...!!! ؟؟؟ ،،، ؛؛ — «» () [] {} ـــ ***\n"
    corpus = make_corpus(tmp_path, {"a.txt": text, "b.txt": TEXT_B})
    data, tables = accepted(corpus, tmp_path / "out")
    punct = stored(tables, "a.txt")
    assert punct["text"] == text and data["rows"]["articles"] == 2
    for name in ("mentions", "events"):
        assert tables[name].filter(pl.col("article_id") == punct["article_id"]).height == 0


def test_html_and_javascript_in_an_article_are_stored_verbatim_as_text(tmp_path: Path) -> None:
    text = (
        '<script>alert("حماة")</script><b onclick="x()">سيطرت المعارضة على مدينة حمص</b>\n'
        "<img src=x onerror=alert(1)> &amp; &lt;p&gt; ]]> {{7*7}} ${7*7}\n"
    )
    outlet = '<a href="javascript:alert(1)">Outlet</a>'
    corpus = make_corpus(tmp_path, {"a.txt": text}, [meta("a.txt", outlet=outlet)])
    out = tmp_path / "out"
    _, tables = accepted(corpus, out)
    row = stored(tables, "a.txt")
    assert row["text"] == text and row["outlet"] == outlet  # not stripped, escaped or unescaped
    assert_spans_true(tables, minimum=0)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["sources"] == [{"title": outlet}]
    for command in ("validate", "info"):
        result = invoke(command, str(out), "--json")
        assert result.exit_code == 0, result.stdout
        assert isinstance(json.loads(result.stdout), dict)  # the whole of stdout is JSON
        assert "<script>" not in result.stdout  # article text is never echoed


def test_markup_in_a_file_name_is_printed_literally(tmp_path: Path, previous: Path) -> None:
    corpus = make_corpus(tmp_path, {}, [meta("[bold red]gone<b>.txt")])
    refused(corpus, previous, "missing-file", 2, "articles/[bold red]gone<b>.txt")


# --- articles.csv -----------------------------------------------------------------------------


def test_quoted_newlines_do_not_shift_the_row_number_of_a_later_error(tmp_path: Path, previous: Path) -> None:
    rows = [
        meta("a.txt", published_date_basis="inferred:\nfirst line\r\nsecond line\n\nthird"),
        meta("b.txt", published_date="2024-12-32"),
    ]
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B}, rows)
    assert (corpus / "articles.csv").read_text(encoding="utf-8").count("\n") > 3
    refused(corpus, previous, "invalid-date", 3, "articles.csv")


def test_an_unterminated_quote_is_refused_at_its_row(tmp_path: Path, previous: Path) -> None:
    # Without strict parsing the quote would swallow every later row into one field.
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B, "c.txt": TEXT_A + "."})
    path = corpus / "articles.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",ar", ',"ar')
    path.write_text("".join(lines), encoding="utf-8")
    refused(corpus, previous, "csv-syntax", 3, "articles.csv")


@pytest.mark.parametrize("csv_limit", [131_072, 2**31 - 2], ids=["csv-default", "raised-by-frictionless"])
def test_an_overlong_csv_value_is_refused_whatever_the_csv_modules_limit(
    tmp_path: Path, previous: Path, csv_limit: int
) -> None:
    # csv.field_size_limit is process-global and importing frictionless raises it: the rule
    # must not depend on which of the two a process happens to have.
    rows = [meta("a.txt"), meta("b.txt", published_date_basis="x" * 200_000)]
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B}, rows)
    old = csv.field_size_limit(csv_limit)
    try:
        err = refused(corpus, previous, "too-large", 3, "articles.csv")
    finally:
        csv.field_size_limit(old)
    assert f"limit of {MAX_FIELD_CHARS} characters" in err["message"]


def test_a_language_that_is_not_an_iso_code_is_refused_at_ingest(tmp_path: Path, previous: Path) -> None:
    # Before the check this passed ingest and failed release validation, naming no row.
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A}, [meta("a.txt", language="Arabic")])
    refused(corpus, previous, "invalid-language", 2, "articles.csv")


@pytest.mark.parametrize("days", [2, 365 * 1000], ids=["day-after-tomorrow", "year-3024"])
def test_a_publication_date_in_the_future_is_refused(tmp_path: Path, previous: Path, days: int) -> None:
    future = date.today() + timedelta(days=days)
    rows = [meta("a.txt"), meta("b.txt", published_date=future.isoformat())]
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B}, rows)
    err = refused(corpus, previous, "future-date", 3, "articles.csv")
    assert future.isoformat() in err["message"]


def test_a_publication_date_of_today_is_not_in_the_future(tmp_path: Path) -> None:
    today = date.today()
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A}, [meta("a.txt", today.isoformat())])
    (article,) = read_corpus(corpus).articles
    assert article.published_date == today


# --- duplicates, links, permissions ---------------------------------------------------------


def test_a_duplicate_article_under_two_names_is_kept_once_with_a_warning(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B, "copy.txt": TEXT_A})
    data, tables = accepted(corpus, tmp_path / "out")
    assert sorted(tables["articles"]["source_file"]) == ["a.txt", "b.txt"]
    article_id = hashlib.sha256(TEXT_A.encode("utf-8")).hexdigest()[:16]
    assert stored(tables, "a.txt")["article_id"] == article_id
    assert data["warnings"] == [
        f"copy.txt: [duplicate-content] same text as a.txt; kept once as article_id {article_id}"
    ]


def test_a_symlink_to_another_article_inside_the_corpus_is_followed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B}, [meta("alias.txt"), meta("b.txt")])
    (corpus / "articles" / "alias.txt").symlink_to("a.txt")
    data, tables = accepted(corpus, tmp_path / "out")
    assert stored(tables, "alias.txt")["text"] == TEXT_A
    assert data["rows"]["articles"] == 2
    assert data["warnings"] == [
        f"{corpus / 'articles' / 'a.txt'}: [unlisted-file] not named in articles.csv; ignored"
    ]


@pytest.mark.parametrize("target", ["outside", "metadata"], ids=["outside-the-corpus", "outside-articles"])
def test_a_symlink_out_of_articles_is_refused(tmp_path: Path, previous: Path, target: str) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A}, [meta("a.txt"), meta("link.txt")])
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT_B, encoding="utf-8")
    (corpus / "articles" / "link.txt").symlink_to(outside if target == "outside" else corpus / "articles.csv")
    err = refused(corpus, previous, "path-escape", 3, "articles.csv")
    assert "link.txt" in err["message"]


def test_a_symlink_loop_is_refused(tmp_path: Path, previous: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A}, [meta("a.txt"), meta("loop.txt")])
    (corpus / "articles" / "loop.txt").symlink_to("loop.txt")
    refused(corpus, previous, "unreadable", 3, "articles/loop.txt")


def test_an_unreadable_article_is_refused(
    tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who reads anything, so the permission error is simulated.
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A, "b.txt": TEXT_B})
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    err = refused(corpus, previous, "unreadable", 3, "articles/b.txt")
    assert "permission denied" in err["message"]


def test_an_articles_folder_that_cannot_be_listed_only_costs_the_unlisted_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": TEXT_A})
    real = Path.iterdir

    def deny(self: Path) -> Iterator[Path]:
        if self.name == "articles":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", deny)
    data, tables = accepted(corpus, tmp_path / "out")
    assert stored(tables, "a.txt")["text"] == TEXT_A
    assert data["warnings"] == [
        f"{corpus / 'articles'}: [unlisted-file] cannot list it to look for unlisted files "
        "(Permission denied)"
    ]


def test_refusals_leave_no_release_where_there_was_none(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": "نص\x00"})
    out = tmp_path / "never"
    result = invoke("build", "--sources", str(corpus), "--out", str(out))
    assert result.exit_code == 1 and "[nul-byte]" in result.stderr
    assert not out.exists() and temporaries(out) == []
    assert sorted(os.listdir(tmp_path)) == ["corpus"]
