"""Fold the four separate checks into one overall verdict, by fixed precedence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from memory.schemas import Verdicts
from tools.credentials.models import CheckResult, ProofOutcome
from tools.credentials.status import StatusOutcome

PROOF_ORDER = ["invalid", "invalid-signature", "unverifiable-offline", "valid"]


def fold_proofs(outcomes: Iterable[ProofOutcome]) -> tuple[str, list[str]]:
    """The worst proof verdict of a proof set (every proof must hold) and all reasons."""
    items = list(outcomes)
    if not items:
        return "invalid", ["it carries no proof, so nothing in it can be verified"]
    worst = min(items, key=lambda o: PROOF_ORDER.index(o.status)).status
    return worst, [o.reason for o in items]


def overall(checks: Verdicts, status: StatusOutcome | None,
            nested: Iterable[CheckResult] = ()) -> str:
    """valid unless something says otherwise; the first failing rule wins.

    invalid > invalid-signature > unverifiable-offline (proof) > revoked > expired >
    not-yet-valid > status list untrustworthy (invalid) > status offline
    (unverifiable-offline) > valid. Nested credentials (CLR, VP) count too.
    """
    verdict: str
    if checks.proof in ("invalid", "invalid-signature", "unverifiable-offline"):
        verdict = checks.proof
    elif checks.status in ("revoked", "suspended"):
        verdict = "revoked"
    elif checks.dates != "ok":
        verdict = checks.dates
    elif status is not None and status.failed:
        verdict = "invalid"
    elif checks.status == "unknown":
        verdict = "unverifiable-offline"
    else:
        verdict = "valid"
    order = ["invalid", "invalid-signature", "unverifiable-offline", "revoked", "expired",
             "not-yet-valid", "valid"]
    for child in nested:
        # A nested credential's own dates or status stay its own; its proof failures do not.
        if child.verdict in order[:3] and order.index(child.verdict) < order.index(verdict):
            verdict = child.verdict
    return verdict


def make_checks(proof: str, dates: str, status: StatusOutcome | None, issuer: str,
                checked_at: datetime | None = None) -> Verdicts:
    """Build the Verdicts model."""
    return Verdicts(proof=proof, dates=dates,  # type: ignore[arg-type]
                    status=status.status if status else "ok", issuer=issuer,  # type: ignore[arg-type]
                    status_checked_at=status.checked_at if status else checked_at)
