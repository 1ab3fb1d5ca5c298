"""``python -m analysis packs [--demo] [--to html,pdf] [--engine auto|quarto|builtin]``.

Renders ``packs/pakke.qmd`` once per region of ``data/partners.yaml`` (parameter ``region``)
and ``packs/arbeidspakker.qmd`` once, into ``_book/partnere/``, with a spreadsheet of routed
answers per pack. Everything is built in a staging folder and swapped in on success, so a
failed run keeps the last good packs.

On reconstructed data the regions and the answers' regions are invented (the reconstruction
pins national figures only): the command then refuses unless ``--demo`` is given, and every
page of a demo pack says so.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from analysis.paths import project_root

SOURCE = "packs/pakke.qmd"
PACKAGES_SOURCE = "packs/arbeidspakker.qmd"
OUT = "partnere"
PACKAGES_NAME = "arbeidspakker"
#: The book's Typst rules for tables (both engines include it in the book's PDF header too).
TABLES_TYPST = "assets/typst/tables.typ"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``packs``."""
    parser.add_argument("--demo", action="store_true",
                        help="allow packs on reconstructed data (every page then says the "
                             "regions are invented)")
    parser.add_argument("--to", default="html,pdf", help="html, pdf or both (default)")
    parser.add_argument("--engine", choices=("auto", "quarto", "builtin"), default="auto",
                        help="auto: Quarto >= 1.9 if on PATH, else the built-in engine")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every pack even if its frozen result is valid")


def run(args: argparse.Namespace) -> int:
    """Render every pack; 0 on success, 1 on a render error, 2 on refusal or bad input."""
    from analysis.engine.errors import RenderError
    from analysis.engine.output_dir import FormatError, parse_formats

    try:
        formats = parse_formats(args.to)
    except FormatError as exc:
        print(f"packs: {exc}", file=sys.stderr)
        return 2
    root = project_root()
    started = time.perf_counter()
    try:
        written = build(root, formats, demo=args.demo, engine=args.engine,
                        use_cache=not args.no_cache)
    except RefusedError as exc:
        print(f"packs: {exc}", file=sys.stderr)
        return 2
    except RenderError as exc:
        print(f"packs failed: {exc}", file=sys.stderr)
        return 1
    print(f"packs: {len(written)} files in {root / '_book' / OUT} "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


class RefusedError(Exception):
    """The packs would show invented regions without ``--demo``."""


def build(root: Path, formats: tuple[str, ...], demo: bool = False, engine: str = "auto",
          use_cache: bool = True, log=print) -> list[Path]:
    """Render every pack and the work packages' collection into ``_book/partnere/``.

    Raises
    ------
    RefusedError
        On reconstructed data without ``demo``.
    analysis.engine.errors.RenderError
        If a pack fails; the previous ``_book/partnere/`` is then kept.
    """
    from analysis.bundle import load_bundle
    from analysis.engine.document import Run, render_runs, render_runs_with_quarto
    from analysis.engine.quarto import QuartoError, find_quarto
    from analysis.packs.view import DEMO_HEADER, context
    from analysis.packs.workbook import write_workbook

    bundle = load_bundle(root)
    ctx = context(bundle)  # validates partners.yaml, disclosure.yaml, signoff.yaml first
    if ctx.wave.reconstructed and not demo:
        raise RefusedError(
            f"the {ctx.wave.year} data are a reconstruction: it pins national figures only, so "
            "every region's numbers and every answer's region would be invented. Run with "
            "--demo to render demonstration packs (every page says so), or put the real export "
            "in data/exports/ (see README)")
    quarto = None
    if engine != "builtin":
        try:
            quarto = find_quarto()
        except QuartoError as exc:
            if engine == "quarto":
                raise RefusedError(str(exc)) from None
    output = root / "_book" / OUT
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{OUT}-staging-", dir=output.parent))
    # the book's table rules (ragged cells, short tables kept whole), then the demo banner
    header = (root / TABLES_TYPST).read_text(encoding="utf-8")
    if ctx.wave.reconstructed:
        header += "\n" + DEMO_HEADER
    try:
        runs = [Run(r.slug, {"region": r.slug}) for r in ctx.partners.regions]
        if quarto is not None:
            log(f"packs: engine quarto {quarto.version_text}")
            written = render_runs_with_quarto(
                root, quarto, SOURCE, [*runs, Run(PACKAGES_NAME, source=PACKAGES_SOURCE)],
                staging, formats, log=log, bundle=bundle, typst_header=header)
        else:
            log("packs: engine built-in")
            # No preflight: the data were validated above, and the kernels share the bundle
            # the book's render stored (same fingerprint), or one stored now.
            written = render_runs(root, SOURCE, [*runs, Run(PACKAGES_NAME,
                                                            source=PACKAGES_SOURCE)],
                                  staging, formats, log=log, use_cache=use_cache,
                                  typst_header=header)
        for region in ctx.partners.regions:
            answers = _pack_answers(ctx, region.slug)
            written.append(write_workbook(staging / f"{region.slug}.xlsx", answers,
                                          f"Fritekstsvar til {region.name}"))
        for package in ctx.partners.work_packages:
            from analysis.packs.routing import routed_texts

            answers = routed_texts(ctx.wave, ctx.routed, ctx.partners, ctx.signoff,
                                   package=package.slug)
            written.append(write_workbook(staging / f"{PACKAGES_NAME}-{package.slug}.xlsx",
                                          answers, f"Innspill til {package.name}"))
        staging.chmod(0o755)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [output / p.name for p in written]


def _pack_answers(ctx, slug: str):
    from analysis.packs.view import Pack

    return Pack(ctx, slug).answers


def _swap(staging: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{OUT}-old-", dir=output.parent))
        output.rename(old / output.name)
    staging.rename(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
