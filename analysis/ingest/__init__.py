"""Reading and validating survey exports: Microsoft Forms and Nettskjema, ``.xlsx`` / ``.csv``.

Public API: :func:`read_export` (recognises the source; :func:`read_forms_export` is the same
function under its older name) -> :class:`SurveyExport`, :func:`write_forms_export`,
:class:`ExportError`, :class:`DataProblem`, the problem kinds :data:`KINDS` and
:func:`count_kinds`.
"""

from analysis.ingest.forms_writer import write_forms_export
from analysis.ingest.problems import KINDS, DataProblem, ExportError, count_kinds
from analysis.ingest.reader import SurveyExport, read_export, read_forms_export

__all__ = ["KINDS", "DataProblem", "ExportError", "SurveyExport", "count_kinds", "read_export",
           "read_forms_export", "write_forms_export"]
