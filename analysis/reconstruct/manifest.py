"""List reconstructed waves in ``data/exports/MANIFEST.yaml`` without touching real ones.

The manifest is shared: a user lists the real export there (``reconstructed: false``), the
reconstruction lists its own files. :func:`update_manifest` edits the text in place: entries
marked ``reconstructed: true`` for a reconstructed year are replaced, missing years are
appended, and every other byte (real entries, comments, blank lines) is kept as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

#: Header of a manifest written from scratch.
HEADER = (
    "# Which export belongs to which survey wave; paths are relative to this folder.\n"
    "# `python -m analysis reconstruct` adds or updates only the entries marked "
    "`reconstructed: true`;\n"
    "# for a real export, point `export` at it and set `reconstructed: false`.\n"
)


class ManifestEditError(ValueError):
    """The manifest cannot be edited in place (named file and line)."""


@dataclass(frozen=True)
class Action:
    """What :func:`update_manifest` did with one wave: ``added``, ``updated``, ``unchanged``
    or ``kept`` (a real export's entry, left alone)."""

    year: int
    what: str

    def __str__(self) -> str:
        words = {"added": "added the reconstructed entry",
                 "updated": "updated the reconstructed entry",
                 "unchanged": "reconstructed entry already up to date",
                 "kept": "kept the entry as it is (reconstructed: false, a real export); the "
                         "reconstructed files are written but not listed"}
        return f"wave {self.year}: {words[self.what]}"


def _dump(entry: dict, indent: int) -> str:
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    return "".join(" " * indent + line for line in text.splitlines(keepends=True))


def update_manifest(text: str | None, entries: list[dict], name: str = "MANIFEST.yaml"
                    ) -> tuple[str, list[Action]]:
    """Put the reconstructed ``entries`` into the manifest ``text``.

    Parameters
    ----------
    text
        The manifest as it is, or None when there is none yet.
    entries
        One manifest entry per reconstructed wave (``year``, ``export``, ... with
        ``reconstructed: True``), in the order to append them.
    name
        File name for error messages.

    Returns
    -------
    (str, list of Action)
        The new text and what was done per wave.

    Raises
    ------
    ManifestEditError
        If the text is not YAML, has no block list ``waves``, or an entry has no ``year``.

    Examples
    --------
    >>> real = ("waves:\\n- {year: 2025, export: real.xlsx, questionnaire: 2025, "
    ...         "reconstructed: false}\\n")
    >>> new, actions = update_manifest(real, [{"year": 2025, "reconstructed": True}])
    >>> new == real, str(actions[0]).split(":")[0]
    (True, 'wave 2025')
    """
    if text is None:
        body = yaml.safe_dump({"waves": entries}, allow_unicode=True, sort_keys=False)
        return HEADER + body, [Action(e["year"], "added") for e in entries]
    try:
        root = yaml.compose(text)
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ManifestEditError(f"{name}: not valid YAML ({exc}); fix it or delete it") from exc
    waves = None
    if root is not None and isinstance(root, yaml.MappingNode):
        waves = next((v for k, v in root.value if k.value == "waves"), None)
    if not isinstance(waves, yaml.SequenceNode) or waves.flow_style or not waves.value:
        raise ManifestEditError(
            f"{name}: expected a block list `waves:` with one `- year: ...` entry per line "
            "group; cannot add the reconstructed waves without rewriting the file")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    spans = []  # (first line, end line exclusive, year, reconstructed, dash column)
    for item, data in zip(waves.value, loaded["waves"], strict=True):
        first = item.start_mark.line
        column = item.start_mark.column - 2
        if column < 0 or lines[first][column:column + 2] != "- ":
            raise ManifestEditError(f"{name}, line {first + 1}: expected `- ` before the entry")
        if not isinstance(data, dict) or "year" not in data:
            raise ManifestEditError(f"{name}, line {first + 1}: a wave entry without `year`")
        end = item.end_mark.line + (1 if item.end_mark.column else 0)
        # A block entry runs up to the next token: leave trailing blank and comment lines out.
        while end > first + 1 and lines[end - 1].strip()[:1] in ("", "#"):
            end -= 1
        spans.append((first, end, data["year"], data.get("reconstructed"), column))
    wanted = {e["year"]: e for e in entries}
    actions: list[Action] = []
    out = list(lines)
    for first, end, year, reconstructed, column in reversed(spans):
        if year not in wanted:
            continue
        if reconstructed is not True:
            actions.append(Action(year, "kept"))
            continue
        new = _dump(wanted[year], column)
        old = "".join(lines[first:end])
        actions.append(Action(year, "unchanged" if new == old else "updated"))
        out[first:end] = [new]
    listed = {s[2] for s in spans}
    added = [e for e in entries if e["year"] not in listed]
    if added:
        last_end = spans[-1][1]
        # spans were processed in reverse, so the lines after the last entry are untouched
        offset = len(out) - len(lines)
        out.insert(last_end + offset, "".join(_dump(e, spans[-1][4]) for e in added))
        actions.extend(Action(e["year"], "added") for e in added)
    order = [e["year"] for e in entries]
    actions.sort(key=lambda a: order.index(a.year))
    if all(a.what in ("kept", "unchanged") for a in actions):
        return text, actions  # byte for byte, even a missing final newline
    return "".join(out), actions
