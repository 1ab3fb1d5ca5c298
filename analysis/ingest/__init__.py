"""Reading and validating Microsoft Forms survey exports (``.xlsx`` / ``.csv``).

Public API: :func:`read_forms_export` -> :class:`SurveyExport`, :func:`write_forms_export`,
:class:`ExportError` and :class:`DataProblem`.
"""

from analysis.ingest.forms_writer import write_forms_export
from analysis.ingest.problems import DataProblem, ExportError
from analysis.ingest.reader import SurveyExport, read_forms_export

__all__ = ["DataProblem", "ExportError", "SurveyExport", "read_forms_export",
           "write_forms_export"]
