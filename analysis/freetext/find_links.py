"""Find e-mail addresses and web addresses in free text.

E-mail
    ``local@domain.tld``, also written ``local(at)domain.tld`` or ``local [at] domain.tld``;
    and spelled out or spaced, as people write an address to keep it from robots: ``ola
    punktum nordmann krøllalfa example punktum no``, ``ola.nordmann @ example . no``,
    ``ola (at) example (dot) no``. The *at* may be ``@``, ``krøllalfa``, ``alfakrøll`` or a
    bracketed ``at``; a dot ``.``, ``punktum``, ``prikk``, ``dot`` or a bracketed one. A
    spaced or spelled address must end in one of :data:`BARE_TLDS`; a bare word ``at`` (a
    Norwegian conjunction) never counts.
Web addresses
    Anything after ``http://``, ``https://`` or ``ftp://``; any host starting with ``www.``;
    and a bare ``name.tld`` (``kari-nordmann.no``, ``facebook.com/kari.nordmann``,
    ``x.com/kari``), with or without a path. A bare host must end in one of :data:`BARE_TLDS`,
    the endings a respondent here is likely to type, written in lower case; otherwise a
    missing space after a full stop (``bra.De``, ``f.eks.``) or a file name (``skjema.pdf``)
    would read as an address. Every address is found, not only those with a
    query string: a plain host or profile path can name a person as well as a tracking link
    can. Trailing punctuation is not part of an address. The only exception is the survey's
    own sites (:data:`PUBLIC_HOSTS`, ``metodebok.no``), which respondents name when they
    answer about them, and then only without a query string.
"""

from __future__ import annotations

import re

from analysis.freetext.findings import Finding, Kind, first_wins

#: Endings of a host written without ``http(s)://`` or ``www.`` that count as an address.
BARE_TLDS = (
    "no", "se", "dk", "fi", "is", "eu", "uk", "de", "nl", "fr", "es", "pl", "ch", "be", "us",
    "ca", "au", "com", "org", "net", "edu", "gov", "int", "info", "io", "me", "co", "app",
    "dev", "page", "site", "online", "blog", "ai", "ly", "tv", "biz", "name", "pro", "xyz",
)

#: The survey's own sites and ECRIN's: their addresses are what the questions are about, not
#: personal data. Kept with or without ``www.``, scheme or path, never with a query string.
PUBLIC_HOSTS = ("norcrin.no", "metodebok.no", "ecrin.eu", "ecrin.org")

_END = r"""[^\s.,;:!?)\]»"'’”]"""  # an address does not end in punctuation
_TAIL = rf"(?:\S*{_END})?"
_TLDS = "|".join(sorted(BARE_TLDS, key=len, reverse=True))
_PATTERN = re.compile(
    rf"""
    (?P<email>(?<![\w.+-])[\w.+-]+(?:@|\ ?[(\[]at[)\]]\ ?)[\w-]+(?:\.[\w-]+)+)
  | (?P<url>(?:https?|ftp)://\S*{_END}
      | (?<![\w.@-])www\d?\.[\w-]+(?:\.[\w-]+)*{_TAIL}
      | (?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![\w-])
        (?:[/:?#]\S*{_END})?)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_OPEN, _CLOSE = r"[(\[{<]\s*", r"\s*[)\]}>]"
_DOT_WORDS = "punktum|prikk|dot"
_SPELLED_DOT = rf"(?:\s+(?:{_DOT_WORDS})\s+|\s*{_OPEN}(?:{_DOT_WORDS}){_CLOSE}\s*)"
_ANY_DOT = rf"(?:\s*\.\s*|{_SPELLED_DOT})"
_AT_WORDS = "krøll-?alfa|alfa-?krøll"
_SPELLED_AT = (rf"(?:\s*@\s*|\s+(?:{_AT_WORDS})\s+|\s*{_OPEN}(?:at|{_AT_WORDS}){_CLOSE}\s*)")
_SPELLED_EMAIL = re.compile(
    rf"""
    (?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*                                   # local part
    (?:(?:{_SPELLED_DOT}|\s+\.\s+)[\w+-]+(?:\.[\w+-]+)*)*  # (not "Takk. ola": a full stop)
    {_SPELLED_AT}
    [\w-]+(?:{_ANY_DOT}[\w-]+)*?{_ANY_DOT}(?:{_TLDS})(?![\w-])               # domain
    """,
    re.VERBOSE | re.IGNORECASE,
)
# What every address holds somewhere; most answers have none, and this is three times faster.
_HINT = re.compile(rf"@|://|www|[(\[]at[)\]]|\.(?:{_TLDS})\b|krøll|{_OPEN}at{_CLOSE}",
                   re.IGNORECASE)


def find_links(text: str) -> list[Finding]:
    """Return the e-mail and web addresses in ``text``, leftmost first.

    An e-mail address is tried first at each position, so ``ola.no@example.com`` is one
    address and the host after ``@`` is never found again as a bare web address; a URL that
    carries an e-mail address in its query string starts earlier and stays one URL.

    Examples
    --------
    >>> text = "Se www.kari-nordmann.no, skriv til kari@example.no. Bra.Men f.eks. skjema.pdf"
    >>> [(f.kind.value, text[f.start:f.end]) for f in find_links(text)]
    [('url', 'www.kari-nordmann.no'), ('email', 'kari@example.no')]
    >>> text = "Til ola punktum nordmann krøllalfa uib punktum no, eller ola (at) uib (dot) no"
    >>> [text[f.start:f.end] for f in find_links(text)]
    ['ola punktum nordmann krøllalfa uib punktum no', 'ola (at) uib (dot) no']
    """
    found: list[Finding] = []
    if not _HINT.search(text):
        return found
    for match in _PATTERN.finditer(text):
        kind = Kind.URL if match["url"] else Kind.EMAIL
        value = match[0]
        bare = kind is Kind.URL and "://" not in value and not value.lower().startswith("www")
        tld = re.split(r"[/:?#]", value, maxsplit=1)[0].rsplit(".", 1)[-1]
        if bare and not tld.islower():
            continue  # "bra.De": a capital after the dot is a missing space, not a host
        if kind is Kind.URL and _is_public(value):
            continue
        found.append(Finding(match.start(), match.end(), kind))
    spelled = [Finding(m.start(), m.end(), Kind.EMAIL) for m in _SPELLED_EMAIL.finditer(text)]
    return first_wins(found + spelled) if spelled else found


def _is_public(url: str) -> bool:
    """True for an address on one of :data:`PUBLIC_HOSTS` that carries no query string."""
    rest = re.sub(r"^(?:[a-z]+://)?(?:www\d?\.)?", "", url, flags=re.IGNORECASE)
    host, _, tail = rest.partition("/")
    host = host.split(":")[0].lower()
    return (not re.search(r"[?#@=&]", tail) and "?" not in host and "@" not in host
            and any(host == h or host.endswith("." + h) for h in PUBLIC_HOSTS))
