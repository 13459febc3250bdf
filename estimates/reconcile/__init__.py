"""Stage 4: group claims into tracked quantities and reconcile what the sources say.

`build_report(claims, lexicon, policy)` -> `Report` (frozen records, see model.py): the only
report model; estimates.report draws every output from it. Policies live in policies.py.
"""

from estimates.reconcile.model import (
    Disagreement,
    Figure,
    QuantityReport,
    Report,
    Revision,
    SourceSummary,
)
from estimates.reconcile.policies import DEFAULT_POLICY, POLICIES, Policy, get_policy
from estimates.reconcile.reconcile import build_report

__all__ = [
    "DEFAULT_POLICY",
    "POLICIES",
    "Disagreement",
    "Figure",
    "Policy",
    "QuantityReport",
    "Report",
    "Revision",
    "SourceSummary",
    "build_report",
    "get_policy",
]
