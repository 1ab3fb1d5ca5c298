"""The NorCRIN presentation template, derived from pandoc's default reference document.

``python -m analysis.slides.template`` rewrites ``assets/pptx/reference.pptx``: pandoc's own
default (``pandoc --print-default-data-file reference.pptx``, so its layouts are the ones the
pptx writer looks for and PowerPoint opens it without repair) with the theme renamed and the
book's colours (:mod:`analysis.figures.style`, the Okabe-Ito blues: the previous wave light,
the current one dark) as the first two accents, which charts use for their two series, and
text boxes that do not shrink their text (:func:`fixed_size_text`). Only the theme and the
master change; every other part is pandoc's, byte for byte.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

#: Theme colours replaced: (element, new sRGB).
COLOURS = {"dk2": "1B3A5C", "accent1": "56B4E9", "accent2": "0072B2"}
THEME = "ppt/theme/theme1.xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"


def fixed_size_text(xml: str) -> str:
    """The master's text boxes without "shrink text on overflow" (``normAutofit`` ->
    ``noAutofit``): text that does not fit shows as overflow in every program, which the
    deck tests measure in LibreOffice's PDF, instead of being shrunk by one program and not by
    another (PowerPoint applies the shrink only once the text is edited).

    Examples
    --------
    >>> fixed_size_text('<a:bodyPr><a:normAutofit/></a:bodyPr>')
    '<a:bodyPr><a:noAutofit/></a:bodyPr>'
    """
    return xml.replace("<a:normAutofit/>", "<a:noAutofit/>")


def norcrin_theme(xml: str) -> str:
    """The default theme's XML with the NorCRIN name and colours.

    Examples
    --------
    >>> norcrin_theme('<a:theme name="Office Theme"><a:accent1><a:srgbClr val="4F81BD"/>'
    ...               '</a:accent1></a:theme>')
    '<a:theme name="NorCRIN"><a:accent1><a:srgbClr val="56B4E9"/></a:accent1></a:theme>'
    """
    xml = xml.replace('name="Office Theme"', 'name="NorCRIN"', 1)
    for element, colour in COLOURS.items():
        xml = re.sub(rf'(<a:{element}><a:srgbClr val=")[0-9A-Fa-f]{{6}}(")',
                     rf"\g<1>{colour}\g<2>", xml, count=1)
    return xml


def derive(pandoc: str, target: Path) -> Path:
    """Write the template to ``target`` from the default of the ``pandoc`` executable."""
    default = subprocess.run([pandoc, "--print-default-data-file", "reference.pptx"],
                             capture_output=True, check=True).stdout
    target.parent.mkdir(parents=True, exist_ok=True)
    source = target.with_suffix(".default.pptx")
    source.write_bytes(default)
    try:
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
            for item in old.infolist():
                data = old.read(item.filename)
                if item.filename == THEME:
                    data = norcrin_theme(data.decode("utf-8")).encode("utf-8")
                elif item.filename == MASTER:
                    data = fixed_size_text(data.decode("utf-8")).encode("utf-8")
                new.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    finally:
        source.unlink()
    return target


if __name__ == "__main__":
    import pypandoc

    from analysis.paths import project_root

    print(derive(pypandoc.get_pandoc_path(), project_root() / "assets/pptx/reference.pptx"))
