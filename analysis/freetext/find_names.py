"""Find person names in free text, from Nordic first-name and surname lists.

The lists are the Norwegian (from Statistics Norway's most common names), Swedish and Danish
person data of the ``faker`` package: about 1 270 first names and 630 surnames. They are read
on first use, never at import. No language model is involved; the rules below are the whole
method, chosen so that ordinary Norwegian text does not read as a name:

1. A capitalised first name followed by a capitalised word, or by a known surname in any
   case: ``Kari Nordmann``, ``Per Hansen``, ``Ola hansen``.
2. A first name and a surname both in lower case: ``kari hansen`` -- unless either is also
   an everyday word (``hans berg`` is "his mountain").
3. A capitalised word followed by a known surname that is not an everyday word, or by a
   capitalised word ending like a surname (``-sen``, ``-son``, ``-mann`` ...):
   ``Ingvild Johansen``, ``Ingvild Nordmann``. A word that starts institution names
   (``Helse``, ``Sykehuset`` ...) does not count: ``Helse Nord`` is a health trust.
4. A capitalised first name on its own (``takk til Kari``) -- unless it is also an everyday
   word (:data:`WORD_NAMES`, ``Per``, ``Dag``, ``Liv``, ``Hans``, ``Anna`` ...). Such a word
   counts only in the middle of a sentence, where Norwegian does not capitalise words.
   ``St.``/``Sankt`` before a name makes it a saint (``St. Olavs hospital``).
5. In an answer typed without any capital letter, rule 4 reads lower case the same way.
   Two or more words in capitals in a row (``KARI NORDMANN``) read as capitalised; a single
   word in capitals is an acronym (``REK``).

A first name's genitive (``Karis``) counts as the name; for names of three letters only
in the middle of a sentence (``This`` is not Thi's). Place names are not personal data and
are never flagged by themselves; none of Norway's larger towns, counties or health trusts is
in the name lists (the tests check the common ones).

Known gaps: the lists hold the most common names only (of 86 common Norwegian first names
checked, 20 are missing, e.g. Ingvild, Trude, Audun), so a rare first name with a
place-like surname (``Ingvild Kvalheim``) or a surname alone passes; so do names spelt out
with spaces between the letters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.freetext.findings import Finding, Kind

#: First names that are also everyday Norwegian (bokmål or nynorsk) or English words, chosen
#: by hand among the names that the nb/nn/en hunspell dictionaries accept as words.
WORD_NAMES = frozenset("""
    ane anna august ben bent bill bo bob bror dag del dick edit else ester finn folke frank
    fred gro gun hans harry helga helle inga iris iver jack juni kai kaj kalle ken kim klara
    knut lage laus lene li lina line lise liv lo lone lova love lykke mark max may mila mina
    minna my nick odd owe paw per reine ritt roar robin rosa rose rune rut saga said sally
    sanne signe sine siv stein sten stig svea søs tilde tina tine tom tone tor tora urban vera
    vide viking vilde ville viola
""".split())

#: Surnames that are also everyday words (berg, lie, strand ...), same method.
WORD_SURNAMES = frozenset("""
    alm asp bakke bakken berg berge blom borg brekke brink dahl dam eide engen falk ferm flink
    frank frisk green gren hagen hall hammar haug hauge haugen hjelm hjort holm hult kjær kling
    kvist lie lien lilja lind linde linder lund lunde malm modig moe moen nord palm rask ravn
    skog skov smith stark storm strand strid strøm tangen toft tveit vik wall
""".split())

#: Words that start names of institutions, not of persons (``Helse Nord``, ``Sykehuset Lie``).
INSTITUTION_WORDS = frozenset("""
    helse sykehuset sykehus universitetet universitetssykehuset høgskolen stiftelsen senter
    klinikk klinikken avdeling avdelingen region regionalt seksjon enhet nasjonalt norsk
""".split())

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_OPENERS = " \t\r\u00a0«»\"'“”‘’([-–—"  # may stand between a sentence end and its first word
_SENTENCE_ENDS = ".!?:;/\n•*"
_SAINT = re.compile(r"(?:\bSt\.?|\bSankt)\s+$")
# Surname endings that are not place-name endings too (-stad, -heim, -dal, -vik are both).
_PATRONYM = re.compile(r"[^\W\d_]{2,}(?:sen|son|søn|dottir|dóttir|mann)")


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Return the known first names and surnames, case-folded (hyphenated parts included).

    Examples
    --------
    >>> first, surnames = name_lists()
    >>> "kari" in first, "hansen" in surnames, "bergen" in first
    (True, True, False)
    """
    from faker.providers.person.da_DK import Provider as Danish
    from faker.providers.person.no_NO import Provider as Norwegian
    from faker.providers.person.sv_SE import Provider as Swedish

    def folded(names) -> frozenset[str]:
        names = {n.casefold() for n in names}
        return frozenset(names | {part for n in names for part in n.split("-")})

    locales = (Norwegian, Swedish, Danish)
    return (folded(n for p in locales for n in p.first_names),
            folded(n for p in locales for n in p.last_names))


def _capitalised(word: str) -> bool:
    """``Kari``, ``Anne-Lise``; not ``I``, ``GCP`` or ``NorCRIN``."""
    return len(word) > 1 and all(p[:1].isupper() and (p[1:].islower() or not p[1:])
                                 for p in word.split("-"))


def _starts_sentence(before: str) -> bool:
    """True when a word preceded by ``before`` is the first of its sentence, line or item."""
    stripped = before.rstrip(_OPENERS)
    if not stripped or stripped[-1] in _SENTENCE_ENDS:
        return True
    dash = before[len(stripped):]  # "svar – Per": a dash between spaces starts a new clause
    return any(d in dash for d in "-–—") and dash[:1].isspace()


def _unshout(text: str, words: list[re.Match[str]]) -> list[str]:
    """The words, with runs of two or more words in capitals (``KARI NORDMANN``) title-cased.

    A single word in capitals is an acronym (``REK``, ``GCP``) and stays as it is.
    """
    shown = [m[0] for m in words]
    caps = [len(w) > 1 and w.isupper() for w in shown]
    for i, word in enumerate(shown):
        joined = (i > 0 and caps[i - 1] and text[words[i - 1].end():words[i].start()].isspace()
                  or i + 1 < len(shown) and caps[i + 1]
                  and text[words[i].end():words[i + 1].start()].isspace())
        if caps[i] and joined:
            shown[i] = word.title()
    return shown


def find_names(text: str) -> list[Finding]:
    """Return the person names in ``text`` by the rules of this module.

    Examples
    --------
    >>> text = "Takk til Kari Nordmann og Per. Bergen og Helse Vest var gode. Dag to var bra"
    >>> [text[f.start:f.end] for f in find_names(text)]
    ['Kari Nordmann', 'Per']
    """
    first_names, surnames = name_lists()
    has_upper = any(c.isupper() for c in text)
    words = list(_WORD.finditer(text))
    shown = _unshout(text, words)
    folded = [w.casefold() for w in shown]
    cap = [_capitalised(w) for w in shown]
    first = [_known(f, first_names) for f in folded]
    sur = [_known(f, surnames) or (c and bool(_PATRONYM.fullmatch(w)))  # not "prosessen"
           for f, c, w in zip(folded, cap, shown, strict=True)]

    def before(i: int) -> str:  # a little of the text before word i
        start = words[i].start()
        return (" " if start > 12 else "") + text[max(0, start - 12):start]

    def pair(i: int) -> bool:  # rules 1-3: word i and the next one
        j = i + 1
        if j == len(words) or not text[words[i].end():words[j].start()].isspace():
            return False
        return bool(
            (cap[i] and first[i] and (cap[j] or sur[j]))
            or (first[i] and sur[j] and folded[i] not in WORD_NAMES
                and folded[j] not in WORD_SURNAMES)
            or (cap[i] and cap[j] and sur[j] and folded[i] not in INSTITUTION_WORDS
                and folded[j] not in WORD_SURNAMES)
        )

    def lone(i: int) -> bool:  # rule 4, with genitives; rule 5 for answers in lower case
        genitive = (cap[i] and folded[i].endswith("s") and len(folded[i]) > 3
                    and folded[i][:-1] in first_names - WORD_NAMES
                    and (len(folded[i]) > 4 or not _starts_sentence(before(i))))  # not "This"
        return (first[i] or genitive) and (cap[i] or not has_upper) and (
            folded[i] not in WORD_NAMES or (cap[i] and not _starts_sentence(before(i))))

    found = []
    i = 0
    while i < len(words):
        if not (first[i] or cap[i]):  # most words: no rule can start here
            i += 1
        elif pair(i) and not _SAINT.search(before(i)):
            found.append(Finding(words[i].start(), words[i + 1].end(), Kind.NAME))
            i += 2
        else:
            if lone(i) and not _SAINT.search(before(i)):
                found.append(Finding(words[i].start(), words[i].end(), Kind.NAME))
            i += 1
    return found


def _known(folded: str, names: frozenset[str]) -> bool:
    """True for a listed name, or a hyphenated one whose every part is listed (Anne-Lise)."""
    return folded in names or ("-" in folded and all(p in names for p in folded.split("-")))
