"""The partner packs' disclosure policy, as the method chapter states it (numbers from
``data/disclosure.yaml``, never typed in the chapter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis import fmt
from analysis.disclosure import load_policy
from analysis.display import Text, text

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


@dataclass(frozen=True)
class PolicyValues:
    """What the chapter prints: the threshold, the largest count hidden, the minimum base."""

    threshold: Text
    largest_hidden: Text
    min_base: Text


def policy_values(bundle: SurveyBundle) -> PolicyValues:
    """The policy of the bundle's project as printable values.

    Examples
    --------
    >>> from analysis.report import load
    >>> v = policy_values(load())
    >>> str(v.threshold), str(v.largest_hidden), str(v.min_base)
    ('5', '4', '10')
    """
    policy = load_policy(bundle.root)
    return PolicyValues(text(fmt.num(policy.threshold)), text(fmt.num(policy.threshold - 1)),
                        text(fmt.num(policy.min_base)))
