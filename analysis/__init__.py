"""NorCRIN user survey: data, analysis and the engine that renders the report book.

Stages, in the order data flow through them:

- ``analysis.questionnaire`` -- the questionnaire of each wave, as validated data.
- ``analysis.ingest`` -- reading and validating Microsoft Forms exports.
- ``analysis.ledger`` -- the figures the published reports state.
- ``analysis.bundle`` -- everything loaded once into one immutable bundle (the manifest,
  ``analysis.manifest``; a reconstruction's ranges, ``analysis.count_ranges``; the
  personal-data screen, ``analysis.screening``).
- ``analysis.compute`` -- counts, shares, intervals and tests.
- ``analysis.reconstruct`` -- respondent-level data rebuilt from published aggregates.
- ``analysis.audit`` -- which published figures the data reproduce.
- ``analysis.figures`` / ``analysis.fmt`` -- plots and Norwegian number formatting.
- ``analysis.report`` -- what chapters call: views, tables, notices.
- ``analysis.qa`` -- the chapter linter.
- ``analysis.engine`` -- the built-in Quarto-compatible render engine (report logic never
  imports it; it reaches the report only through ``analysis.render_hooks``).

Above the stages: ``analysis.commands`` (one module per ``python -m analysis`` command,
dispatched by ``analysis.cli``) and ``analysis.render_hooks``; no stage imports them.
"""

__version__ = "0.1.0"
