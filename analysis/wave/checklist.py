"""The author's checklist for a new wave: every decision ``new-wave`` cannot make from data.

Printed by ``python -m analysis new-wave`` and written beside the questionnaire as
``data/questionnaires/<year>-CHECKLIST.md``. Plain Markdown; the paths are the project's own.
"""

from __future__ import annotations

from analysis.questionnaire import Questionnaire, QuestionType


def checklist_text(year: int, from_year: int, previous: Questionnaire) -> str:
    """Markdown checklist for wave ``year``, prepared from ``from_year``'s questionnaire.

    Examples
    --------
    >>> from analysis.questionnaire import load_questionnaire
    >>> text = checklist_text(2027, 2025, load_questionnaire(2025))
    >>> text.splitlines()[0]
    '# Checklist: survey wave 2027 (prepared from 2025)'
    >>> "data/survey-waves.yaml" in text and "export: null" in text
    True
    """
    choice = [q for q in previous.questions
              if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)]
    derived = [q.id for q in previous.questions if q.derived]
    lines = [
        f"# Checklist: survey wave {year} (prepared from {from_year})",
        "",
        f"Written by `python -m analysis new-wave {year} --from {from_year}`. Tick each item; "
        "the book is",
        f"about {year} once the manifest names its export (`make report`).",
        "",
        "## 1. The questionnaire: `data/questionnaires/"
        f"{year}.yaml`",
        "",
        f"- [ ] Question texts as the {year} form words them (`text`, `intro`, and `headers` "
        "for other column titles the export uses).",
        f"- [ ] Options of the {len(choice)} choice questions, exactly as the form shows them "
        "(the export reader matches them letter by letter).",
        "- [ ] New questions added with the next free number (`id: qNN`, `number: NN`) and "
        "`new: true`; dropped questions deleted.",
        f"- [ ] `derived: true` removed where the wording is now verbatim from the form "
        f"({len(derived)} questions of {from_year} carry it).",
        "- [ ] Routing (`condition`) still right.",
        "",
        f"## 2. The comparison with {from_year}: `compare_to` in the same file",
        "",
        f"- [ ] Every question and option maps onto its {from_year} counterpart (written as "
        "identity).",
        f"- [ ] A renamed option: `\"<{year} label>\": \"<{from_year} label>\"` if it still "
        "measures the same, else `null`.",
        "- [ ] A new question or option: `null` (or not listed). A dropped one: its line "
        "deleted.",
        f"- [ ] Run `python -m analysis diff-questionnaires {from_year} {year}` and read which "
        "comparisons the book will leave out.",
        "",
        "## 3. How the wave was run: `data/survey-waves.yaml` (given data; add by hand)",
        "",
        f"- [ ] An entry for {year}: `source`, `open_from`, `open_to`, `tool`, `raw_data`, "
        "`announced` (channel and date of each announcement) and `presented` (forum and date), "
        f"as the {from_year} entry has them. The method chapter and the summary read them.",
        "",
        "## 4. Recipients and other published context: `data/published/`",
        "",
        "- [ ] How many were invited, per list (the method chapter quotes the recipients), and "
        f"any other figure the {year} report states: a ledger file "
        f"`data/published/report-{year}.yaml` (see `data/published/README.md`).",
        f"- [ ] The free text is coded in `data/coding/{year}/`: the codebook (copied from "
        f"{from_year} by new-wave; edit the codes) and `decisions.csv` (who gave which answer "
        "which code). `python -m analysis coding status` shows what awaits coding, `coding "
        "suggest` proposes codes, `coding export` writes REFI-QDA for QualCoder. The book "
        "renders before the coding is done and says how many answers await it. "
        f"`data/published/free-text-{year}.yaml` only if the report states more about its "
        "coding than the decisions hold.",
        "",
        "## 5. The export: `data/exports/`",
        "",
        "- [ ] The Microsoft Forms export (`.xlsx` as downloaded, or the `;`-separated `.csv`) "
        "copied into `data/exports/` unchanged.",
        f"- [ ] Its file name in the {year} entry of `data/exports/MANIFEST.yaml`, replacing "
        "`export: null` (the bundle skips the wave until then, and says so).",
        "- [ ] `publish_text: true` only if the secretariat opts in to printing typed "
        "«Annet» answers (they are screened for personal data even then).",
        f"- [ ] `python -m analysis summarize data/exports/<file> --questionnaire "
        f"data/questionnaires/{year}.yaml` reads it without errors.",
        "",
        "## 6. The book and its prose",
        "",
        f"- [ ] `_quarto.yml`: `book.title`, `date` and `output-file` (the PDF's name) say {year}.",
        "- [ ] The recommendations and conclusions in `chapters/05-sammenlikning.qmd` and "
        "the summary in `index.qmd`: these are the authors' words, not computed.",
        "- [ ] Every chapter paragraph that describes a finding: still true of the new data? "
        "(the numbers update themselves; the sentences around them do not).",
        "- [ ] `make report`, then read the book; `python -m analysis audit` and "
        "`python -m analysis.qa`.",
        "",
    ]
    return "\n".join(lines)
