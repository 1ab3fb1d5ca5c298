"""The style sheet's banned phrasings (``docs/style-sheet.md``), as data for the chapter linter.

Each entry is a regular expression over a chapter's prose (never code cells) and a message
that says what to write instead. The linter (``banned-pattern`` rule of
:mod:`analysis.qa.chapter_lint`) matches a whole Markdown block at once, so a phrase broken
across source lines is still found; ``\\s+`` between words allows any line break.

By default a pattern sees the prose with inline code masked out (``x`` for every character
between the backticks, so an option label such as ``"Nasjonale SOPer og maler"`` inside
`` `{python} …` `` is not a hit); ``sees_code=True`` patterns see the source as written,
for phrases built around an inline expression ("har fått `{python} q04.change(…)`").

``allowed_in`` lists chapter sources where the phrase is right (the method text explains
what "statistisk signifikant" means).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BannedPattern:
    """One banned phrasing."""

    name: str
    pattern: re.Pattern
    message: str
    sees_code: bool = False
    allowed_in: tuple[str, ...] = ()


def _p(regex: str) -> re.Pattern:
    return re.compile(regex, re.IGNORECASE | re.DOTALL)


BANNED_PATTERNS: list[BannedPattern] = [
    # Issue 20: what a publication must not say in typed prose.
    BannedPattern(
        "typed-reconstruction",
        _p(r"\brekonstru\w*"),
        "a sentence about reconstructed data must follow the manifest: print it with "
        "notice.sentence(bundle, key) (analysis/report/notice.py), so it disappears with a "
        "real export"),
    BannedPattern(
        "seksjon",
        _p(r"\bseksjon\b"),
        "a part of a chapter is an «avsnitt» (the cross-reference prefix says so too)"),
    BannedPattern(
        "file-path",
        _p(r"(?<![\w.])(data|analysis|chapters|tests|docs|assets)/[\w<>.-]"),
        "no file paths in the report: say what the file is («registeret over publiserte tall»)",
        sees_code=True),
    BannedPattern(
        "trolig-reell",
        _p(r"\btrolig\s+reel"),
        "«trolig reell» says more than a test of a self-selected sample can: it speaks of those "
        "who answered; use the view's verdict («mer enn tilfeldigheter gir blant dem som "
        "svarte», «kan skyldes hvem som svarte»)"),
    BannedPattern(
        "intervals-overlap",
        _p(r"\bintervall\w*\b.{0,80}?\boverlapp|\boverlapp\w*\b.{0,80}?\bsikrere\b"),
        "whether two waves' intervals overlap says little about a change; point to the "
        "change's own interval",
        allowed_in=("chapters/02-bakgrunn-metode.qmd",)),
    BannedPattern(
        "om-sammenlikningen-bare-si",
        _p(r"\bOm\s+sammenli[kg]ningen\s+med\b.{0,120}?\bkan\s+vi\s+derfor\s+bare\s+si\s+dette"),
        "template phrase; state what the comparison shows: «Med bare gjennomsnittet for "
        "forrige runde kan endringen ikke testes.»"),
    BannedPattern(
        "konklusjonen-denne",
        _p(r"\bblir\s+konklusjonen\s+denne\s*:"),
        "template phrase; write the conclusion itself: «Forskjellen fra forrige runde kan "
        "skyldes tilfeldigheter.»"),
    BannedPattern(
        "har-fatt-prosentpoeng",
        _p(r"\bhar\s+fått\s+(`\{python\}[^`]*\.change\(|[+\u2212-]\s*\d[\d,]*\s*prosentpoeng)"),
        "a share does not «få» percentage points; write «har økt med 21 prosentpoeng» or "
        "«har gått fra 30 % til 51 %»", sees_code=True),
    BannedPattern(
        "statistisk-signifikant",
        _p(r"\bstatistisk\s+signifikant"),
        "«statistisk signifikant» belongs in the method text and the statistics box; in prose "
        "say how sure the change is, with the view's verdict (`{python} q.verdict(…)`)",
        allowed_in=("chapters/02-bakgrunn-metode.qmd",)),
    BannedPattern(
        "mens-n-ikke-kan-testes",
        _p(r"\bmens\s+(`[^`]*`|\d+)\s+ikke\s+kan\s+testes"),
        "say which and why: «For ECRIN-spørsmålet mangler tallene for forrige runde, så "
        "endringen kan ikke testes.»", sees_code=True),
    BannedPattern(
        "tema-prefiks",
        re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+(?:\*\*)?Tema\s*:", re.MULTILINE),
        "no «Tema:» prefix in a bullet; start with the theme itself: «- **Kapasitet.** …»"),
    BannedPattern(
        "sammenligne",
        _p(r"\bsammenlign\w*"),
        "one spelling: «sammenlikne», «sammenlikning» (the form the chapters use most)"),
    BannedPattern(
        "boka",
        _p(r"\bboka\b"),
        "one spelling: «boken»"),
    BannedPattern(
        "sop-uten-bindestrek",
        re.compile(r"\bSOP(?:er|ene|en)\b|\bSOP['`´’](?:er|ene)\b"),
        "an abbreviation takes its ending after a hyphen: «SOP-er», «SOP-ene»"),
    BannedPattern(
        "metodebok-navn",
        re.compile(r"\bMetodebok\b(?!\.no)"),
        "one name for the website, in lower case: «metodebok.no» («prosedyrene på "
        "metodebok.no»)"),
    BannedPattern(
        "rette-anforselstegn",
        re.compile(r'"[^"\n]{1,200}"'),
        "Norwegian quotation marks: «…», with ‹…› or '…' inside a quotation"),
]

_INLINE_CODE = re.compile(r"`[^`]*`")
_ATTRIBUTES = re.compile(r"\{[#.][^}]*\}")


def mask_code(text: str) -> str:
    """Inline code and ``{#id .class key="v"}`` attributes blanked (``x``), newlines kept, so
    offsets and line numbers stay those of the source.

    Examples
    --------
    >>> mask_code('Se `{python} q("a")` {#sec-a}')
    'Se `xxxxxxxxxxxxxxx` xxxxxxxx'
    """
    def blank(match: re.Match) -> str:
        s = match.group(0)
        if s.startswith("`"):
            return "`" + re.sub(r"[^\n]", "x", s[1:-1]) + "`"
        return re.sub(r"[^\n]", "x", s)

    return _ATTRIBUTES.sub(blank, _INLINE_CODE.sub(blank, text))


def banned_matches(text: str, source: str = "") -> list[tuple[int, BannedPattern, str]]:
    """Every banned phrasing in a prose block: (offset, pattern, matched text), in order.

    ``source`` is the chapter's path relative to the project root (for ``allowed_in``).
    """
    masked = mask_code(text)
    hits = []
    for banned in BANNED_PATTERNS:
        if source in banned.allowed_in:
            continue
        for match in banned.pattern.finditer(text if banned.sees_code else masked):
            hits.append((match.start(), banned, text[match.start():match.end()]))
    return sorted(hits, key=lambda hit: hit[0])
