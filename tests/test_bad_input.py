"""Bad input: a clear error naming file, row and rule; a non-zero exit; the old release kept."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import snapshot
from syria_events import build
from syria_events.cli import app
from syria_events.errors import InputError, ReleaseError

FIRST = "000_a987f8d3b6452023.txt"


def edit_csv(corpus: Path, change: Callable[[str], str]) -> None:
    path = corpus / "articles.csv"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def previous(release: Path, tmp_path: Path) -> Path:
    """An existing release at the output path, which a failed build must leave alone."""
    out = tmp_path / "out"
    shutil.copytree(release, out)
    return out


def fails(corpus: Path, out: Path, rule: str) -> InputError:
    before = snapshot(out)
    with pytest.raises(InputError) as info:
        build(corpus, out, progress=False)
    assert info.value.rule == rule, str(info.value)
    assert snapshot(out) == before, "a failed build changed the previous release"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".out.")], "temporary files left behind"
    return info.value


def test_missing_article_file(corpus: Path, previous: Path) -> None:
    (corpus / "articles" / FIRST).unlink()
    err = fails(corpus, previous, "missing-file")
    assert err.file.endswith(FIRST) and err.row == 2


def test_unreadable_article_file(corpus: Path, previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can read any file, so the permission error is simulated.
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == FIRST:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    err = fails(corpus, previous, "unreadable")
    assert err.file.endswith(FIRST) and err.row == 2


def test_empty_article_file(corpus: Path, previous: Path) -> None:
    (corpus / "articles" / FIRST).write_bytes(b"  \n")
    assert fails(corpus, previous, "empty-file").row == 2


def test_bytes_that_are_not_utf8(corpus: Path, previous: Path) -> None:
    (corpus / "articles" / FIRST).write_bytes("حماة".encode("cp1256"))
    err = fails(corpus, previous, "encoding")
    assert "byte 0" in err.message


def test_a_utf8_bom_is_accepted_stripped_and_recorded(corpus: Path, tmp_path: Path) -> None:
    path = corpus / "articles" / FIRST
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    from syria_events.ingest import read_corpus

    article = next(a for a in read_corpus(corpus).articles if a.source_file == FIRST)
    assert article.text == text and article.bom_stripped
    out = tmp_path / "bom-release"
    build(corpus, out, progress=False)  # offsets still validate against the stripped text


@pytest.mark.parametrize(
    ("change", "rule", "row"),
    [
        (lambda s: s.replace(",language", "", 1), "missing-column", 1),
        (lambda s: s.replace("language\n", "language,notes\n", 1), "unknown-column", 1),
        (lambda s: s.replace("2024-12-05", "05/12/2024", 1), "invalid-date", 2),
        (lambda s: s.replace("2024-12-05", "2024-02-30", 1), "invalid-date", 2),
        (lambda s: s.replace("2024-12-05", "", 1), "missing-value", 2),
        (lambda s: s.replace("001_be8a0add3163df51.txt", FIRST, 1), "duplicate-file", 3),
        (lambda s: s.replace(FIRST, "../x.txt", 1), "path-escape", 2),
        (lambda s: s.replace(FIRST, "/etc/passwd", 1), "path-escape", 2),
    ],
    ids=[
        "missing-column",
        "unknown-column",
        "malformed-date",
        "impossible-date",
        "empty-date",
        "duplicate-file",
        "dotdot",
        "absolute",
    ],
)
def test_bad_metadata(corpus: Path, previous: Path, change, rule: str, row: int) -> None:
    edit_csv(corpus, change)
    err = fails(corpus, previous, rule)
    assert err.file.endswith("articles.csv") and err.row == row


def test_a_symlink_pointing_outside_the_corpus(corpus: Path, previous: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("نص من خارج المجموعة", encoding="utf-8")
    (corpus / "articles" / "link.txt").symlink_to(outside)
    edit_csv(corpus, lambda s: s.replace(FIRST, "link.txt", 1))
    assert fails(corpus, previous, "path-escape").row == 2


def test_an_output_directory_that_cannot_be_written(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ReleaseError, match=r"\[output-dir\]"):
        build(corpus, blocker / "build", progress=False)
    if os.geteuid() != 0:  # root may write anywhere; the check above covers it too
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(ReleaseError, match=r"\[output-dir\]"):
            build(corpus, ro / "build", progress=False)


def test_the_cli_names_file_row_and_rule_without_a_traceback(corpus: Path, previous: Path) -> None:
    edit_csv(corpus, lambda s: s.replace("2024-12-05", "2024-13-01", 1))
    before = snapshot(previous)
    result = CliRunner().invoke(app, ["build", "--sources", str(corpus), "--out", str(previous)])
    assert result.exit_code == 1
    assert "articles.csv, row 2: [invalid-date]" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert snapshot(previous) == before
