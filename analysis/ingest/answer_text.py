"""One normal form for the text respondents typed, applied once where answers are read.

An open-link survey receives text pasted from anywhere: zero-width spaces and word joiners
inside numbers (which hide a fødselsnummer from a pattern), bidirectional controls such as
U+202E (which reorder what a reader sees), escape and NUL characters, full-width digits. The
reader passes every typed answer through :func:`normalise_answer` before it parses or screens
it, so the personal-data screen and every output see the same text. The export file itself
is never changed.

The steps, in order:

1. surrogates (text that was not valid Unicode) become U+FFFD;
2. format characters (Unicode category Cf: zero-width space and joiners, word joiner, soft
   hyphen, byte-order mark, left-to-right and right-to-left marks, embeddings, overrides and
   isolates, invisible tags) are removed;
3. line breaks of every kind (CR LF, CR, NEL, U+2028, U+2029, vertical tab, form feed) become
   ``\\n``, and every other control character (Cc: NUL, ESC, DEL, C1 controls) a space;
4. NFKC: compatibility characters take their plain form (full-width ``０１`` -> ``01``,
   ``ﬁ`` -> ``fi``, no-break and other wide spaces -> space);
5. whitespace is collapsed: a run without a line break becomes one space, a run with one
   becomes one ``\\n``, and the ends are stripped.
"""

from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_HORIZONTAL = re.compile(r"[^\S\n]+")
_AROUND_BREAK = re.compile(r"\s*\n\s*")
_SUSPECT = re.compile(r"[^\x20-\x7e\n]|\s\s")  # the only characters a step can change


def _category_table() -> dict[int, str | None]:
    """``str.translate`` table: format characters removed, controls (but ``\\n``) a space."""
    table: dict[int, str | None] = {}
    for code in range(0x110000):
        category = unicodedata.category(chr(code))
        if category == "Cf":
            table[code] = None
        elif category == "Cc" and code != 0x0A:
            table[code] = " "
        elif category == "Cs":
            table[code] = "\ufffd"
    return table


_TABLE: dict[int, str | None] | None = None


def normalise_answer(text: str) -> str:
    """Return ``text`` in the one normal form of respondents' text (see the module docstring).

    Idempotent: ``normalise_answer(normalise_answer(t)) == normalise_answer(t)``.

    Parameters
    ----------
    text
        One answer as read from the export.

    Returns
    -------
    str
        The answer without format or control characters (line breaks kept as ``\\n``), in
        NFKC, with whitespace collapsed and stripped.

    Examples
    --------
    >>> normalise_answer("0101\\u200b9000083 \\u202eabc\\x1b[0m  ok\\r\\n\\r\\nny ＯＫ")
    '01019000083 abc [0m ok\\nny OK'
    """
    global _TABLE
    if not _SUSPECT.search(text):  # plain printable ASCII with single spaces: most answers
        return text.strip()
    if _TABLE is None:
        _TABLE = _category_table()
    text = _LINE_BREAKS.sub("\n", text).translate(_TABLE)
    text = unicodedata.normalize("NFKC", text)
    text = _AROUND_BREAK.sub("\n", _HORIZONTAL.sub(" ", text))
    return text.strip()


def is_clean(text: str) -> bool:
    """True when ``text`` holds no format character and no control character but ``\\n``.

    Examples
    --------
    >>> is_clean("ok\\nok"), is_clean("o\\u200bk"), is_clean("\\x1b")
    (True, False, False)
    """
    return not any(unicodedata.category(c) in ("Cf", "Cs") or
                   (unicodedata.category(c) == "Cc" and c != "\n") for c in text)
