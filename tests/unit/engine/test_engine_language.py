"""Real Quarto and the built-in engine write the same cross-reference words."""

import yaml

from analysis.engine.crossref import WORDS
from analysis.paths import project_root


def test_quarto_language_keys_match_the_engine_words():
    config = yaml.safe_load((project_root() / "_quarto.yml").read_text(encoding="utf-8"))
    language = config["language"]
    assert {
        "fig": language["crossref-fig-title"],
        "tbl": language["crossref-tbl-title"],
        "chapter": language["crossref-ch-prefix"],
        "appendix": language["crossref-apx-prefix"],
        "sec": language["crossref-sec-prefix"],
    } == WORDS
