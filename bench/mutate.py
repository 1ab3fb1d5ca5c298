"""``make mutate``: does the suite catch one-line changes to what the book prints?

Each mutation below replaces one exact piece of source in ``analysis/report``,
``analysis/compute`` or ``analysis/fmt``. For each, the project is copied to a temporary folder
(``.git``, ``.venv``, ``_book`` and caches left out), the change is applied to the copy, and a
fast subset of the tests (the unit tiers of those three packages, by default) runs there with
the copy's ``analysis`` first on the path. A mutation is *caught* when a test fails, *missed*
when all pass. The first five are the changes of issue 10, which once passed the whole suite.

Usage::

    python bench/mutate.py [--only NAME ...] [--tests PATH ...] [--list]

Prints one line per mutation (caught / missed, the first failing tests) and the score; exits 1
when any mutation is missed. Not part of ``make test``: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The fast subset: unit tests of the packages mutated (about half a minute per mutation).
DEFAULT_TESTS = ("tests/unit/report", "tests/unit/compute", "tests/unit/fmt")
IGNORE = shutil.ignore_patterns(".git", ".venv", "_book", ".cache", "__pycache__", "*.pyc",
                                "._book-staging-*", ".lockvenv", "tests/validation/chapters")


@dataclass(frozen=True)
class Mutation:
    """One named change: replace ``old`` (must occur exactly once) by ``new`` in ``path``."""

    name: str
    path: str
    old: str
    new: str
    what: str


MUTATIONS = (
    Mutation("choice-table-prev-share-is-current", "analysis/report/tables.py",
             'for y, sfx in ((prev, "_a"), (year, "_b")):',
             'for y, sfx in ((prev, "_b"), (year, "_b")):',
             "the choice table's previous-year columns show the current wave"),
    Mutation("rating-table-current-year-twice", "analysis/report/tables.py",
             'row[f"Andel {y}"] = view.share(score, y)', 'row[f"Andel {y}"] = view.share(score)',
             "the rating table shows the current year in both waves' share columns"),
    Mutation("rating-prev-share-of-current-n", "analysis/report/rating_view.py",
             "n, count = self.n_value(year), self.count_value(scores, year)",
             "n, count = self.n_value(), self.count_value(scores, year)",
             "the previous wave's rating share is divided by the current wave's n"),
    Mutation("choice-share-of-all-respondents", "analysis/report/choice_view.py",
             "n, count = self.n_value(year), self.count_value(key, year)",
             "n, count = self._wave(year)[0].respondents, self.count_value(key, year)",
             "the prose share divides by all respondents instead of those who answered"),
    Mutation("alpha-0.10", "analysis/compute/change.py", "ALPHA = 0.05", "ALPHA = 0.10",
             "the significance level is 0.10"),
    # further changes a reader would see
    Mutation("change-sign-flipped", "analysis/report/choice_view.py",
             "printed_change(self.share_value(key, self.prev_year), self.share_value(key))",
             "printed_change(self.share_value(key), self.share_value(key, self.prev_year))",
             "the prose change is previous minus current"),
    Mutation("increase-called-decrease", "analysis/report/change_words.py",
             "{'en økning' if points > 0 else 'en nedgang'}",
             "{'en økning' if points < 0 else 'en nedgang'}",
             "a rise is worded as a fall"),
    Mutation("rating-direction-flipped", "analysis/report/change_words.py",
             "up = verdict in (Verdict.HIGHER, Verdict.UP)",
             "up = verdict in (Verdict.LOWER, Verdict.DOWN)",
             "higher ratings are worded as lower"),
    Mutation("fisher-one-sided", "analysis/compute/change.py",
             "return float(stats.fisher_exact(table).pvalue)",
             'return float(stats.fisher_exact(table, alternative="less").pvalue)',
             "the per-option test is one-sided"),
    Mutation("merged-options-count-ticks", "analysis/compute/change.py",
             'counts = pairs.drop_duplicates()["option"].value_counts()',
             'counts = pairs["option"].value_counts()',
             "a respondent ticking two merged options counts twice"),
    Mutation("choice-counts-share-of-ticks", "analysis/compute/counts.py",
             '"share": [k / n if n else float("nan") for k in counts]',
             '"share": [k / sum(counts) if n else float("nan") for k in counts]',
             "choice shares are of all ticks"),
    Mutation("rounding-half-even", "analysis/fmt/norwegian.py",
             "return value.scaleb(scale).quantize(quantum, rounding=ROUND_HALF_UP)",
             'return value.scaleb(scale).quantize(quantum, rounding="ROUND_HALF_EVEN")',
             "numbers round half to even (42,5 % -> 42 %)"),
    Mutation("change-of-unrounded-shares", "analysis/report/values.py",
             "return None if a is None or b is None else b - a",
             "return None if a is None or b is None else "
             "percent(share_b - share_a, decimals)",
             "a printed change is the rounded difference, not the difference of printed shares"),
    Mutation("holm-left-out", "analysis/report/evidence.py",
             "if not is_beyond(adjusted[label]):", "if not is_beyond(p[label]):",
             "an option's verdict follows its raw p-value, not Holm's within the question"),
    # the one verdict rule (issue 19)
    Mutation("newcombe-is-wald", "analysis/compute/verdict.py",
             'method="newcomb", compare="diff"', 'method="wald", compare="diff"',
             "the change's interval is the Wald interval, not Newcombe's"),
    Mutation("interval-excludes-zero-one-sided", "analysis/compute/verdict.py",
             "return bool(low > 0 or high < 0)", "return bool(low > 0 or high > 0)",
             "a change whose interval covers 0 reads as beyond chance"),
    Mutation("binary-item-halved-by-holm", "analysis/report/choice_view.py",
             'if evidence.kind(self) == "binary":  # two options, one hypothesis: no Holm',
             'if False:  # two options, one hypothesis: no Holm',
             "a yes/no item's two complementary rows are Holm-adjusted as two tests"),
    Mutation("composition-limit-lowered", "analysis/compute/verdict.py",
             "PLAUSIBLE_DIFFERENCE = 0.5", "PLAUSIBLE_DIFFERENCE = 0.2",
             "«kan skyldes hvem som svarte» needs a break-even difference of 20 points"),
    Mutation("break-even-multiplied", "analysis/compute/verdict.py",
             "d = abs(change) / abs(shift)", "d = abs(change) * abs(shift)",
             "the break-even difference multiplies by the mix shift instead of dividing"),
    Mutation("series-break-tested", "analysis/compute/verdict.py",
             "    if e.series_break:\n", "    if False and e.series_break:\n",
             "a break in the series is tested like any change"),
    Mutation("reconstruction-ends-ignored", "analysis/compute/verdict.py",
             "return seen.pop() if len(seen) == 1 else Verdict.UNDECIDABLE",
             "return decide_at(tuple(corners[0]))",
             "a verdict that flips within the reconstruction's ranges is printed anyway"),
    Mutation("direction-from-mean-alone", "analysis/compute/verdict.py",
             "return signs.pop() if len(signs) == 1 and 0 not in signs else 0",
             "return int(np.sign(mean_change))",
             "a rating's direction word follows the mean even when median and top-two disagree"),
    Mutation("standardised-to-later-mix", "analysis/compute/standardise.py",
             'weights = a["g"].value_counts(normalize=True)',
             'weights = b["g"].value_counts(normalize=True)',
             "the standardised change uses the later wave's mix"),
    Mutation("adjusted-cell-prints-crude", "analysis/report/trends.py",
             "points = percent(change.standardised)",
             "points = percent(change.crude)",
             "the change table's «Standardisert» column prints the crude change"),
    Mutation("earlier-roles-not-mapped", "analysis/report/mix_adjusted.py",
             "roles_a = _roles(before, roles_view.option_map)",
             "roles_a = _roles(before)",
             "the earlier wave's roles keep their old labels (groups fall out of the standard)"),
    Mutation("rating-mean-one-decimal", "analysis/report/rating_view.py",
             "def mean(self, year: int | None = None, decimals: int = 2)",
             "def mean(self, year: int | None = None, decimals: int = 1)",
             "rating means are printed with one decimal"),
)


def _copy() -> Path:
    target = Path(tempfile.mkdtemp(prefix="norcrin-mutate-")) / "project"
    shutil.copytree(ROOT, target, ignore=IGNORE)
    return target


def run(mutation: Mutation | None, tests: list[str]) -> tuple[bool, list[str], float]:
    """Apply ``mutation`` (None: none, the baseline) to a fresh copy and run ``tests``;
    return (some test failed, failed test ids, seconds)."""
    copy = _copy()
    try:
        if mutation is not None:
            path = copy / mutation.path
            source = path.read_text(encoding="utf-8")
            if source.count(mutation.old) != 1:
                raise SystemExit(f"{mutation.name}: {mutation.old!r} occurs "
                                 f"{source.count(mutation.old)} times in {mutation.path}")
            path.write_text(source.replace(mutation.old, mutation.new), encoding="utf-8")
        env = {**os.environ, "NORCRIN_ROOT": str(copy), "PYTHONPATH": str(copy),
               "PYTHONDONTWRITEBYTECODE": "1"}
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider",
             "-o", "addopts=--strict-markers", *tests],
            cwd=copy, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        failed = re.findall(r"^FAILED (\S+)", result.stdout, flags=re.M)
        if result.returncode not in (0, 1):
            failed = failed or [f"pytest exit {result.returncode}: {result.stdout[-300:]}"]
        return result.returncode != 0, failed, seconds
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="mutation names to run (default: all)")
    parser.add_argument("--tests", nargs="*", default=list(DEFAULT_TESTS),
                        help="test paths or node ids to run per mutation")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.name in args.only]
    if args.list:
        for m in chosen:
            print(f"{m.name:38} {m.path}: {m.what}")
        return 0
    failing, failed, seconds = run(None, args.tests)
    if failing:
        print(f"the unmutated copy already fails ({', '.join(failed[:3])}): fix that first")
        return 2
    print(f"baseline: the unmutated copy passes ({seconds:.1f} s)", flush=True)
    caught = 0
    for m in chosen:
        hit, failed, seconds = run(m, args.tests)
        caught += hit
        shown = ", ".join(failed[:3]) + (f" (+{len(failed) - 3} more)" if len(failed) > 3 else "")
        print(f"{'caught' if hit else 'MISSED':6}  {m.name:38} {seconds:5.1f} s  "
              f"{shown if hit else m.what}", flush=True)
    print(f"mutation score: {caught}/{len(chosen)} caught ({caught / len(chosen):.0%}), "
          f"tests: {' '.join(args.tests)}")
    return 0 if caught == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
