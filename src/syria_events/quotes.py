"""Quotation-mark scanning: pair the marks of a text into quotations, whatever their style.

Arabic web text uses ASCII "…", typographic “…” (often reversed as ”…“ by right-to-left
typesetting), guillemets «…», and sloppy mixtures such as “…″. A mark's direction is therefore
read from its context (what stands before and after it), not from its code point, and pairs
are formed with a stack so nested quotations come out as separate pairs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Symmetric or direction-ambiguous double quotation marks (one family: they pair with each other).
DOUBLE_MARKS = frozenset('"“”„‟″〝〞')
GUILLEMETS = frozenset("«»")
QUOTE_MARKS = DOUBLE_MARKS | GUILLEMETS
# Single-letter proclitics that may stick to an opening mark: و"على ... , بـ"الإجراء ...
_PROCLITICS = frozenset("وفبلك")
_OPEN_BEFORE = frozenset(" \t\u00a0\n([{:،,؛;-–—ـ/")  # characters after which a mark opens
_CLOSE_AFTER = frozenset(" \t\u00a0\n)]}.,،:؛;!?؟-–—…/")  # characters before which a mark closes
# A quotation never runs across a paragraph, nor beyond this many characters.
MAX_QUOTE_CHARS = 3000


@dataclass(frozen=True)
class QuotePair:
    """One quotation: the marks at `open` and `close`; `start:end` is the content, trimmed."""

    open: int
    close: int
    start: int
    end: int
    depth: int  # 0 for a top-level quotation, 1 inside another, ...

    def content(self, text: str) -> str:
        return text[self.start : self.end]


def _is_word(c: str) -> bool:
    return bool(c) and unicodedata.category(c)[0] in "LNM"


def _direction(text: str, i: int) -> str:
    """'open', 'close' or '?' for the mark at i, from the characters around it."""
    c = text[i]
    if c in "«„":
        return "open"
    if c in "»″":
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens_after = _is_word(after) or after in QUOTE_MARKS or after in "([…."
    if before in _OPEN_BEFORE and opens_after:
        return "open"
    # A proclitic letter glued to the mark, itself after a space: و"على / ب"الإجراء
    if before in _PROCLITICS and (i < 2 or not _is_word(text[i - 2])) and _is_word(after):
        return "open"
    if (_is_word(before) or before in ".!?؟…)]") and (after in _CLOSE_AFTER or after in QUOTE_MARKS):
        return "close"
    return "?"


def _compatible(opener: str, closer: str) -> bool:
    return (opener in GUILLEMETS) == (closer in GUILLEMETS)


def scan_quotes(text: str) -> list[QuotePair]:
    """Every well-formed quotation of `text`, sorted by opening mark.

    Unclosed openers are dropped at the end of their paragraph; stray closers are ignored.
    """
    pairs: list[QuotePair] = []
    stack: list[int] = []  # positions of open marks
    for i, c in enumerate(text):
        if c == "\n":
            stack.clear()  # a quotation never crosses a paragraph break
            continue
        if c not in QUOTE_MARKS:
            continue
        direction = _direction(text, i)
        if direction == "?":
            # Ambiguous: close the innermost compatible quotation if one is open, else open.
            direction = "close" if stack and _compatible(text[stack[-1]], c) else "open"
        if direction == "open":
            stack.append(i)
            continue
        # Close the innermost compatible opener; openers skipped over were unbalanced.
        for k in range(len(stack) - 1, -1, -1):
            o = stack[k]
            if _compatible(text[o], c):
                del stack[k:]
                if i - o <= MAX_QUOTE_CHARS and i - o > 1:
                    start, end = o + 1, i
                    while start < end and text[start].isspace():
                        start += 1
                    while end > start and text[end - 1].isspace():
                        end -= 1
                    pairs.append(QuotePair(o, i, start, end, depth=k))
                break
    pairs.sort(key=lambda p: p.open)
    return pairs
