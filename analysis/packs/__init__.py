"""Partner packs: each region's own feedback, and the input routed to each work package.

``data/partners.yaml`` maps the regions of question 2 onto NorCRIN's partners and routes free
text by question; ``data/signoff.yaml`` releases answers; every table passes
:mod:`analysis.disclosure` first. ``packs/pakke.qmd`` calls :func:`pack` and :func:`key_figures`;
``packs/arbeidspakker.qmd`` calls :func:`packages`; ``python -m analysis packs`` renders them
(:mod:`analysis.commands.packs`).
"""

from analysis.packs.partners import Partners, PartnersError, load_partners
from analysis.packs.routing import ROUTED_COLUMNS, routed_texts, routes_by_question
from analysis.packs.signoff import Signoff, SignoffError, load_signoff
from analysis.packs.view import Pack, Packages, context, key_figures, load, pack, packages

__all__ = ["ROUTED_COLUMNS", "Pack", "Packages", "Partners", "PartnersError", "Signoff",
           "SignoffError", "context", "key_figures", "load", "load_partners", "load_signoff",
           "pack", "packages", "routed_texts", "routes_by_question"]
