"""Credential verification eval: accuracy (expected vs got) and milliseconds per credential.

Runs generated cases (signed here with fresh keys: every format and failure mode) and, when
``../shared/fixtures/credentials`` is present, every row of its MANIFEST with the expected
verdict, using a dict-backed fetcher where the MANIFEST says a document must be supplied.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.credential_signing import DI2, ED2020, EdIssuer, ob3, png_with_itxt, status_list
from tools.credentials.network import DictFetcher
from tools.credentials.verify import verify_bytes

REPO = Path(__file__).resolve().parents[1]
DCC = "dcc-vc-test-fixtures/"
VCS = DCC + "verifiableCredentials/"
DID_OIDF = "https://digitalcredentials.github.io/vc-test-fixtures/dids/oidf/did.json"
REVOKED_LIST = ("https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/"
                "main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj")
TAMPERED_LIST = ("https://digitalcredentials.github.io/vc-test-fixtures/statusLists/"
                 "didkey-ed25519Signature2020/tampered")

# (file under the shared folder, expected offline, expected with the supplied documents)
SHARED_CASES: list[tuple[str, str, str]] = [
    (VCS + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json",
     "valid", "valid"),
    (VCS + "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json",
     "valid", "valid"),
    (VCS + "v2/ed25519/didKey/legacy-noStatus-noExpiry.json", "valid", "valid"),
    (VCS + "v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json", "valid", "valid"),
    (VCS + "v1/ed25519/didKey/oidf-noStatus-noExpiry.json", "valid", "valid"),
    (VCS + "v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json",
     "valid", "valid"),
    (VCS + "v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json",
     "valid", "valid"),
    (VCS + "v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json",
     "invalid-signature", "invalid-signature"),
    (VCS + "v2/ed25519/didKey/legacy-noStatus-expired.json", "expired", "expired"),
    (VCS + "v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json",
     "not-yet-valid", "not-yet-valid"),
    (VCS + "v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json",
     "unverifiable-offline", "revoked"),
    (VCS + "v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json",
     "unverifiable-offline", "invalid"),
    (VCS + "v2/ed25519/didWeb/badDidWeb.json", "unverifiable-offline", "unverifiable-offline"),
    (VCS + "v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json",
     "unverifiable-offline", "valid"),
    (DCC + "statusLists/didkey-ed25519Signature2020/tampered",
     "invalid-signature", "invalid-signature"),
    ("dcc-verifier-core/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj", "valid", "valid"),
]


def shared_dir() -> Path:
    """The shared fixtures folder (env PASSPORT_SHARED_DIR overrides ../shared)."""
    base = Path(os.environ.get("PASSPORT_SHARED_DIR", REPO.parent / "shared")).resolve()
    return base / "fixtures" / "credentials"


def shared_fetcher(root: Path) -> DictFetcher:
    """The documents the MANIFEST says must be supplied in place of the network."""
    return DictFetcher({
        DID_OIDF: (root / DCC / "dids/oidf/did.json").read_bytes(),
        REVOKED_LIST: (root / "dcc-verifier-core/src/test-fixtures/status/"
                       "e5WK8CbZ1GjycuPombrj").read_bytes(),
        TAMPERED_LIST: (root / DCC / "statusLists/didkey-ed25519Signature2020/tampered"
                        ).read_bytes(),
    })


@dataclass
class Case:
    """One eval case: a name, the bytes, the expected verdict and an optional fetcher."""

    name: str
    data: bytes
    expected: str
    fetcher: DictFetcher | None = None


def generated_cases() -> list[Case]:
    """Every format and failure mode, signed with fresh keys."""
    iss = EdIssuer.new()
    good = iss.sign(ob3(iss.did))
    tampered = copy.deepcopy(good)
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    injected = copy.deepcopy(good)
    injected["credentialSubject"]["grade"] = "A+"
    url = "https://issuer.example.org/status/1"
    entry = {"id": url + "#8", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
             "statusListIndex": "8", "statusListCredential": url}
    revoked = iss.sign(ob3(iss.did, extra={"credentialStatus": entry}))
    lists = DictFetcher({url: json.dumps(status_list(iss, url, {8}))})
    enc: Callable[[Any], bytes] = lambda d: json.dumps(d).encode()  # noqa: E731
    return [
        Case("ob3 vc2 eddsa-rdfc-2022", enc(good), "valid"),
        Case("ob3 vc2 Ed25519Signature2020",
             enc(iss.sign(ob3(iss.did, suite_ctx=ED2020), "Ed25519Signature2020")), "valid"),
        Case("ob3 vc1 eddsa-rdfc-2022",
             enc(iss.sign(ob3(iss.did, version="v1", suite_ctx=DI2))), "valid"),
        Case("ob3 tampered", enc(tampered), "invalid-signature"),
        Case("ob3 injected unsigned field", enc(injected), "invalid-signature"),
        Case("ob3 expired", enc(iss.sign(ob3(iss.did, extra={
            "validUntil": "2020-01-01T00:00:00Z"}))), "expired"),
        Case("ob3 not yet valid", enc(iss.sign(ob3(iss.did, extra={
            "validFrom": "2099-01-01T00:00:00Z"}))), "not-yet-valid"),
        Case("ob3 revoked (status list)", enc(revoked), "revoked", lists),
        Case("ob3 status offline", enc(revoked), "unverifiable-offline"),
        Case("ob3 baked png", png_with_itxt("openbadgecredential", enc(good), True), "valid"),
        Case("vc-jwt EdDSA", iss.jws({**ob3(iss.did), "iss": iss.did}).encode(), "valid"),
        Case("malformed", b"{not json", "invalid"),
    ]


def shared_cases() -> list[Case]:
    """The shared MANIFEST rows, offline and with supplied documents (empty when absent)."""
    root = shared_dir()
    if not root.exists():
        return []
    fetch = shared_fetcher(root)
    cases = []
    for rel, offline, supplied in SHARED_CASES:
        data = (root / rel).read_bytes()
        cases.append(Case(f"shared offline: {rel}", data, offline))
        cases.append(Case(f"shared supplied: {rel}", data, supplied, fetch))
    return cases


def run_credentials_eval(warmup: int = 1, repeats: int = 3) -> dict[str, Any]:
    """Run every case; return accuracy, per-case rows and ms per credential (p50/p95)."""
    now = datetime.now(UTC)
    cases = generated_cases() + shared_cases()
    rows, timings = [], []
    for case in cases:
        for _ in range(warmup):
            verify_bytes(case.data, case.name, fetcher=case.fetcher, now=now)
        got, best = "", float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            result = verify_bytes(case.data, case.name, fetcher=case.fetcher, now=now)[0]
            best = min(best, (time.perf_counter() - start) * 1000)
            got = result.verdict
        timings.append(best)
        rows.append({"case": case.name, "expected": case.expected, "got": got,
                     "ok": got == case.expected, "ms": round(best, 2)})
    correct = sum(1 for r in rows if r["ok"])
    ordered = sorted(timings)
    return {
        "cases": len(rows), "correct": correct,
        "accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "shared_present": shared_dir().exists(),
        "ms_p50": round(statistics.median(ordered), 2) if ordered else None,
        "ms_p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2)
        if ordered else None,
        "goal_ms": 50, "rows": rows,
    }


def format_table(report: dict[str, Any]) -> str:
    """A plain-text table of the report."""
    width = max((len(r["case"]) for r in report["rows"]), default=10)
    lines = [f"{'case':<{width}}  {'expected':<20} {'got':<20} {'ms':>7}"]
    for r in report["rows"]:
        mark = "" if r["ok"] else "  <-- MISMATCH"
        lines.append(f"{r['case']:<{width}}  {r['expected']:<20} {r['got']:<20} "
                     f"{r['ms']:>7.2f}{mark}")
    lines.append(f"accuracy {report['correct']}/{report['cases']} = {report['accuracy']:.2%}; "
                 f"ms per credential p50 {report['ms_p50']} p95 {report['ms_p95']} "
                 f"(goal < {report['goal_ms']})")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run_credentials_eval()))
