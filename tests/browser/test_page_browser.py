"""The passport page in a real browser: private page, a citation, a share link created and
revoked through the page's own forms, and injected markup that stays text.

Set ``PASSPORT_SCREENSHOTS=DIR`` to also save desktop and phone screenshots there
(docs/img holds the ones in the README).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.channels.page_seed import XSS, seed


def _shot(page: Any, name: str) -> None:
    folder = os.environ.get("PASSPORT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def ana(tagger: object) -> dict[str, Any]:
    return seed("Ana", weeks=10)


def test_private_page_citation_share_and_revoke(server: str, browser: Any,
                                                ana: dict[str, Any]) -> None:
    from channels.page.links import page_token

    token, _ = page_token(ana["user_id"])
    ctx = browser.new_context(viewport={"width": 1100, "height": 900},
                              java_script_enabled=False)
    page = ctx.new_page()
    dialogs: list[str] = []
    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    resp = page.goto(f"{server}/p/{token}")
    assert resp is not None and resp.status == 200
    assert page.get_by_role("heading", name="Skills map").is_visible()
    assert page.locator("svg[aria-labelledby=map-title] rect").count() >= 4
    assert page.locator("svg[aria-labelledby=tl-title] rect").count() == 10
    assert page.get_by_role("heading", name="Team Leadership").first.is_visible()
    assert page.get_by_text("Signature checks out").first.is_visible()
    # injected markup in a credential name is shown as text, never run or parsed
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.get_by_role("heading", name=XSS[:20], exact=False).first.is_visible()
    _shot(page, "page-desktop")

    # keyboard: the skip link comes first, then the section links
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"

    # follow a citation from a strength to the exact sentence
    link = page.locator("#strengths a", has_text="see the source").first
    link.click()
    assert "/cite/" in page.url
    cited = page.locator("blockquote").first.inner_text()
    assert cited and cited in page.locator("article").nth(1).inner_text()
    page.go_back()

    # create a share of the verified credential and the story through the page's form
    page.locator(f"input[value='{ana['good']}']").check()
    page.locator(f"input[value='{ana['story']}']").check()
    page.fill("#days", "7")
    page.get_by_role("button", name="Create share link").click()
    assert page.get_by_role("status").inner_text().startswith("Share link created")
    share_url = page.locator("#share a.url").first.get_attribute("href")
    assert share_url and share_url.startswith("/s/")

    shared = ctx.new_page()
    assert shared.goto(f"{server}{share_url}").status == 200  # type: ignore[union-attr]
    text = shared.locator("main").inner_text()
    assert "Team Leadership" in text and "Rescuing the release" in text
    assert "script" not in text and "ticket triage" not in text  # only what was picked
    assert shared.get_by_role("link", name=re.compile("^Download the original")).count() == 1
    with shared.expect_download() as dl:
        shared.get_by_role("link", name="all of them in one W3C Verifiable Presentation").click()
    assert b"VerifiablePresentation" in Path(dl.value.path()).read_bytes()
    _shot(shared, "share-desktop")

    # revoke it on the private page: the share link answers 404 at once
    page.get_by_role("button", name="Revoke").first.click()
    assert "revoked" in page.get_by_role("status").inner_text()
    gone = shared.goto(f"{server}{share_url}")
    assert gone is not None and gone.status == 404
    assert "expired, was revoked, or never existed" in shared.locator("main").inner_text()
    assert dialogs == []
    ctx.close()


def test_phone_width_and_forged_link(server: str, browser: Any, ana: dict[str, Any]) -> None:
    from channels.page.links import page_token

    token, _ = page_token(ana["user_id"])
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                              is_mobile=True, java_script_enabled=False)
    page = ctx.new_page()
    assert page.goto(f"{server}/p/{token}").status == 200  # type: ignore[union-attr]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    _shot(page, "page-phone")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert page.goto(f"{server}/p/{forged}").status == 404  # type: ignore[union-attr]
    ctx.close()
