"""Disclosure control: one policy (``data/disclosure.yaml``) applied to every table a partner
pack prints, before any renderer sees it. See :mod:`analysis.disclosure.suppress` for the rules.
"""

from analysis.disclosure.check import PrintedRow, leaks, printed_rows
from analysis.disclosure.policy import DisclosureError, Policy, load_policy, policy_path
from analysis.disclosure.suppress import (
    BASE,
    DIFFERENCE,
    PRIMARY,
    SECONDARY,
    SHOWN,
    ProtectedTable,
    Row,
    protect,
    published,
)

__all__ = ["BASE", "DIFFERENCE", "PRIMARY", "SECONDARY", "SHOWN", "DisclosureError", "Policy",
           "PrintedRow", "ProtectedTable", "Row", "leaks", "load_policy", "policy_path",
           "printed_rows", "protect", "published"]
