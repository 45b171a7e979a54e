"""The passport page over HTTP: what it shows, signed links, shares, isolation, escaping,
the VP bundle, the CLI commands, and the first-render budget."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from html import escape, unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from agent.capabilities import skills as skills_cap
from channels.page import shares, tokens, vp
from channels.page.links import page_token
from memory.records import get_records
from tests.channels.page_seed import XSS, add_credentials, add_reflections, seed

ONET_CODE = re.compile(r"^\d+(\.[A-Za-z0-9]+)+$")


@pytest.fixture(autouse=True)
def small_skill_tagger(tagger: object) -> None:
    """Reflections and credentials added in these tests are tagged by the real tagger on the
    small index."""


@pytest.fixture
def client() -> Iterator[TestClient]:
    from channels.http import create_app

    yield TestClient(create_app())


def _page(client: TestClient, user_id: str) -> tuple[str, str]:
    token, _ = page_token(user_id)
    r = client.get(f"/p/{token}")
    assert r.status_code == 200, r.text
    return token, r.text


def test_private_page_shows_everything_and_every_citation_opens(client: TestClient) -> None:
    ana = seed("Ana", weeks=6)
    token, html = _page(client, ana["user_id"])
    stored = _stored_skills(ana["user_id"])
    assert stored["demonstrated"] and stored["growth"]  # the real tagger found both kinds
    for needle in ("Skills map", 'aria-labelledby="map-title"', 'aria-labelledby="tl-title"',
                   "Team Leadership", "Signature checks out", "In date", "Not revoked",
                   "Issuer not on the trusted list", "Growth areas",
                   "Rescuing the release", "Every Sunday at 18:00 (Europe/Berlin)",
                   "Create share link", "6 reflections"):
        assert needle in html, needle
    for label in sorted(stored["demonstrated"]) + sorted(stored["growth"]):
        assert escape(label) in html, label
    assert "<script" not in html.lower()
    r = client.get(f"/p/{token}")
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-store"
    links = set(re.findall(rf'href="(/p/{re.escape(token)}/cite/[^"]+)"', html))
    assert len(links) > 10
    for link in sorted(links):
        cited = client.get(link)
        assert cited.status_code == 200, link
        sentence = re.search(r"<blockquote>(.*?)</blockquote>", cited.text)
        assert sentence and sentence.group(1) in cited.text.split("The whole")[1]
    original = client.get(f"/p/{token}/credential/{ana['good']}")
    assert original.content == bytes(get_records().get_item(
        ana["user_id"], "credentials", ana["good"])["raw"])  # type: ignore[index]


def _stored_skills(user_id: str) -> dict[str, dict[str, set[str]]]:
    """The stored skill tags by polarity: label -> the ids of the items that show it."""
    out: dict[str, dict[str, set[str]]] = {"demonstrated": {}, "growth": {}}
    for tag in skills_cap.user_skills(user_id):
        by_label = out.setdefault(str(tag.get("polarity") or "demonstrated"), {})
        by_label.setdefault(str(tag["label"]), set()).add(str(tag["source_id"]))
    return out


def test_skills_map_tiles_are_titled_with_labels_and_count_the_stored_tags(
        client: TestClient) -> None:
    """Reflections saved through the real tagger: every tile and group is titled with words
    (never a raw O*NET code such as 4.A.3.a.2) and counts exactly the items whose stored tags
    carry its skills."""
    ana = seed("Ana", weeks=6)
    _, html = _page(client, ana["user_id"])
    shown = _stored_skills(ana["user_id"])["demonstrated"]
    sections = re.findall(r'<section class="card" id="group-(\d+)".*?</section>', html, re.S)
    assert sections and len(sections) <= len(shown)
    tiles = re.findall(r'<a href="#group-(\d+)" aria-label="([^"]*)"', html)
    assert tiles
    listed: set[str] = set()
    codes = []  # titles that are raw codes: checked last, so the counts are checked anyway
    for i, title in tiles:
        name, _, counts = unescape(title).rpartition(": ")
        body = re.search(rf'<section class="card" id="group-{i}".*?</section>', html, re.S)
        heading = body and re.search(r"<h3[^>]*>(.*?) <span", body.group(0))
        assert body and heading, i
        codes += [t for t in (name, unescape(heading.group(1))) if ONET_CODE.match(t)]
        assert name.strip() and heading.group(1).strip()
        skills = {unescape(m.group(1)): int(m.group(2)) for m in re.finditer(
            r'<li>(.*?) <span class="chip [^"]*">(\d+) items?</span>', body.group(0))}
        assert skills, i
        for label, n in skills.items():
            assert n == len(shown[label]), (label, n, shown[label])
        items = set().union(*(shown[label] for label in skills))
        assert counts.startswith(f"{len(items)} item"), (title, items)
        listed |= set(skills)
    assert listed == set(shown)  # every stored demonstrated skill is on the map, once
    assert not codes, f"tiles or groups titled with raw codes: {codes}"


def test_markup_in_credentials_and_reflections_stays_text(client: TestClient) -> None:
    ana = seed("Ana", weeks=2)
    get_records().save_reflection(ana["user_id"], {
        "status": "saved", "text": f"I wrote {XSS} in the wiki."})
    token, html = _page(client, ana["user_id"])
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html
    cite = client.get(f"/p/{token}/cite/{ana['evil']}%231")
    assert cite.status_code == 200 and "<script>" not in cite.text
    assert "&lt;script&gt;" in cite.text
    row = shares.create_share(ana["user_id"], [ana["evil"]])
    shared = client.get(f"/s/{row['token']}").text
    assert "<script>alert" not in shared and "&lt;script&gt;" in shared


def test_forged_expired_and_wrong_kind_tokens_answer_404(client: TestClient) -> None:
    ana = seed("Ana", weeks=1)
    token, _ = _page(client, ana["user_id"])
    body, mac = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    other = base64.urlsafe_b64encode(json.dumps(payload | {"u": "usr_other"}).encode()
                                     ).rstrip(b"=").decode()
    expired = tokens.sign("page", int(time.time()) - 1, u=ana["user_id"])
    row = shares.create_share(ana["user_id"], [ana["good"]])
    bad = [f"{body}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}", f"{other}.{mac}", expired,
           row["token"], "nonsense", "a.b", "x" * 900]
    for t in bad:
        r = client.get(f"/p/{t}")
        assert r.status_code == 404, t
        assert "expired, was revoked, or never existed" in r.text
    assert client.get(f"/s/{token}").status_code == 404  # a page token is not a share
    assert client.get(f"/p/{token}/cite/nope%231").status_code == 404
    assert tokens.verify(expired, "page") is None
    assert tokens.verify(token, "page", now=time.time() + 3601) is None


def test_one_user_never_sees_another(client: TestClient) -> None:
    ana, ben = seed("Ana", weeks=2), seed("Ben", weeks=1, evil=False)
    ben_ref = get_records().save_reflection(ben["user_id"], {
        "status": "saved", "text": "Ben's private sentence about payroll."})
    ana_token, ana_html = _page(client, ana["user_id"])
    ben_token, ben_html = _page(client, ben["user_id"])
    assert "payroll" not in ana_html and "payroll" in ben_html
    assert ana["good"] not in ben_html and ben["good"] not in ana_html
    for path in (f"/cite/{ben_ref}%231", f"/credential/{ben['good']}"):
        assert client.get(f"/p/{ana_token}{path}").status_code == 404
        assert client.get(f"/p/{ben_token}{path}").status_code == 200
    ben_share = shares.create_share(ben["user_id"], [ben["good"]])
    r = client.post(f"/p/{ana_token}/share/{ben_share['id']}/revoke", follow_redirects=False)
    assert r.status_code == 404
    assert client.get(f"/s/{ben_share['token']}").status_code == 200
    with pytest.raises(shares.ShareError, match="no credential"):
        shares.create_share(ana["user_id"], [ben["good"]])
    # a share shows only its own picks, even with another credential id in the URL
    assert client.get(f"/s/{ben_share['token']}/credential/{ana['good']}").status_code == 404
    assert client.get(f"/s/{ben_share['token']}/credential/{ben['evil']}").status_code == 404


def test_share_create_show_download_revoke_expire(client: TestClient) -> None:
    ana = seed("Ana", weeks=3)
    token, _ = _page(client, ana["user_id"])
    r = client.post(f"/p/{token}/share", data={"credential": [ana["good"]],
                                                "story": [ana["story"]], "days": "7"},
                    follow_redirects=False)
    assert r.status_code == 303 and "shared=shr_" in r.headers["location"]
    [row] = shares.list_shares(ana["user_id"])
    assert row["state"] == "active"
    page = client.get(f"/s/{row['token']}").text
    assert "Team Leadership" in page and "Rescuing the release" in page
    assert "pwned" not in page and "ticket triage" not in page and "/p/" not in page
    raw = bytes(get_records().get_item(ana["user_id"], "credentials",
                                       ana["good"])["raw"])  # type: ignore[index]
    assert client.get(f"/s/{row['token']}/credential/{ana['good']}").content == raw
    bundle = client.get(f"/s/{row['token']}/presentation.json").json()
    assert bundle["type"] == ["VerifiablePresentation"]
    assert bundle["verifiableCredential"] == [json.loads(raw)]
    from agent.capabilities.credentials import inspect_credential_bytes

    [again] = inspect_credential_bytes(json.dumps(bundle["verifiableCredential"][0]).encode())
    assert again.verdict == "valid"  # an employer can verify it without us
    r = client.post(f"/p/{token}/share/{row['id']}/revoke", follow_redirects=False)
    assert r.status_code == 303
    twice = client.post(f"/p/{token}/share/{row['id']}/revoke", follow_redirects=False)
    assert twice.status_code == 303  # a second click is harmless
    for path in ("", f"/credential/{ana['good']}", "/presentation.json"):
        assert client.get(f"/s/{row['token']}{path}").status_code == 404
    assert shares.list_shares(ana["user_id"])[0]["state"] == "revoked"
    later = shares.create_share(ana["user_id"], stories=[ana["story"]], days=1)
    assert client.get(f"/s/{later['token']}").status_code == 200
    get_records().db.execute("UPDATE shares SET expires_at=? WHERE id=?",
                             ("2000-01-01T00:00:00+00:00", later["id"]))
    assert client.get(f"/s/{later['token']}").status_code == 404
    empty = client.post(f"/p/{token}/share", data={"days": "7"})
    assert "Pick at least one credential" in empty.text


def test_vp_envelopes_jwt_credentials_verbatim() -> None:
    def part(d: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()

    jwt = f"{part({'alg': 'EdDSA', 'typ': 'JWT'})}.{part({'vc': {'type': []}})}.c2ln"
    entry = vp.entry({"raw": jwt.encode(), "achievement": {}})
    assert entry == {"@context": vp.V2, "type": "EnvelopedVerifiableCredential",
                     "id": f"data:application/vc+jwt,{jwt}"}
    ob2 = f"{part({'alg': 'RS256'})}.{part({'badge': 'x'})}.c2ln"
    assert vp.entry({"raw": ob2.encode()})["id"] == f"data:application/jwt,{ob2}"
    listed = json.dumps([{"id": "urn:a", "name": "A"}, {"id": "urn:b", "name": "B"}]).encode()
    assert vp.entry({"raw": listed, "achievement": {"credential_id": "urn:b"}})["name"] == "B"


def test_secret_key_is_generated_once_private_and_env_overrides(
        monkeypatch: pytest.MonkeyPatch, passport_home: Any) -> None:
    first = tokens.secret_key()
    assert first == tokens.secret_key() and len(first) == 64
    assert (passport_home / tokens.KEY_FILE).stat().st_mode & 0o777 == 0o600
    t = tokens.sign("page", int(time.time()) + 60, u="usr_x")
    from settings import get_settings

    monkeypatch.setenv("PASSPORT_SECRET_KEY", "another key")
    get_settings.cache_clear()
    assert tokens.verify(t, "page") is None


def test_cli_page_and_share_commands(client: TestClient) -> None:
    from channels.cli.main import build_app

    ana = seed("Ana", weeks=2)
    run = CliRunner().invoke
    app = build_app()
    out = run(app, ["page", "--user", "Ana"])
    assert out.exit_code == 0, out.output
    link = out.stdout.strip().splitlines()[-1]
    assert re.match(r"^http://127\.0\.0\.1:8000/p/[\w-]+\.[\w-]+$", link)
    assert client.get(link.split(":8000")[1]).status_code == 200
    assert run(app, ["page", "--user", "Nobody"]).exit_code == 1
    picked = run(app, ["share", "--user", "Ana"])
    assert picked.exit_code == 2 and ana["good"] in picked.output
    made = run(app, ["share", "--user", "Ana", "--credential", ana["good"], "--days", "3"])
    assert made.exit_code == 0, made.output
    url = made.stdout.strip().splitlines()[-1]
    assert client.get(url.split(":8000")[1]).status_code == 200
    listed = run(app, ["share", "list", "--user", "Ana"])
    share_id = re.search(r"shr_\w+", listed.stdout).group()  # type: ignore[union-attr]
    assert "active" in listed.stdout
    assert run(app, ["share", "revoke", share_id, "--user", "Ana"]).exit_code == 0
    assert client.get(url.split(":8000")[1]).status_code == 404
    assert run(app, ["share", "revoke", share_id, "--user", "Ana"]).exit_code == 1
    bad = run(app, ["share", "--user", "Ana", "--credential", "cred_nope"])
    assert bad.exit_code == 1 and "no credential cred_nope" in bad.output


def test_first_render_under_300ms_for_a_year_of_reflections(client: TestClient) -> None:
    """52 weekly reflections and two credentials; timed in-process after the server has
    warmed up (one page of another user), best of three fresh users on a shared machine."""
    warm = seed("Warm", weeks=1)
    _page(client, warm["user_id"])
    times = []
    for name in ("Y1", "Y2", "Y3"):
        uid = get_records().ensure_user("cli", "local", name, display_name=name)
        add_reflections(uid, 52)
        add_credentials(uid)
        token, _ = page_token(uid)
        started = time.perf_counter()
        r = client.get(f"/p/{token}")
        times.append(time.perf_counter() - started)
        assert r.status_code == 200 and "52 reflections" in r.text
    print(f"first render, 52 weeks: {[round(t * 1000) for t in times]} ms")
    assert min(times) < 0.3, times


def test_forgetting_a_user_removes_their_shares_and_kills_their_links(
        client: TestClient) -> None:
    ana = seed("Ana", weeks=1)
    token, _ = _page(client, ana["user_id"])
    row = shares.create_share(ana["user_id"], [ana["good"]])
    get_records().delete_user(ana["user_id"])
    assert get_records().db.query("SELECT id FROM shares WHERE id=?", (row["id"],)) == []
    assert client.get(f"/s/{row['token']}").status_code == 404
    assert client.get(f"/p/{token}").status_code == 404


def test_display_names_lose_bidi_overrides_and_control_characters(client: TestClient) -> None:
    """A name as a platform reports it never reorders or breaks the page that echoes it."""
    rec = get_records()
    uid = rec.ensure_user("telegram", "bot", "4711", display_name="Jo\u202eanne\x07 \x1b[2J\u2066")
    assert rec.get_user(uid)["display_name"] == "Joanne [2J"  # type: ignore[index]
    add_reflections(uid, 1)
    _, html = _page(client, uid)
    assert "Joanne [2J" in html
    for bad in ("\u202e", "\u2066", "\x07", "\x1b"):
        assert bad not in html
    rec.db.execute("UPDATE users SET display_name=? WHERE id=?", ("\u202eOld\x00", uid))
    _, html = _page(client, uid)
    assert "\u202e" not in html and "Old" in html
    assert rec.get_user(rec.ensure_user("slack", "T1", "U9", "\u202e\x00"))[  # type: ignore[index]
        "display_name"] == "U9"


def test_page_link_points_at_the_running_servers_port(
        monkeypatch: pytest.MonkeyPatch, passport_home: Any) -> None:
    """`passport serve --port 8123` notes its address; `passport page` elsewhere uses it."""
    import uvicorn

    from channels.cli.main import build_app

    seed("Ana", weeks=1)
    seen: list[str] = []

    def fake_run(app: Any, host: str, port: int, **kwargs: Any) -> None:
        seen.append(CliRunner().invoke(build_app(), ["page", "--user", "Ana"]).stdout)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    res = CliRunner().invoke(build_app(), ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert res.exit_code == 0, res.output
    assert re.search(r"^http://127\.0\.0\.1:8123/p/", seen[0], re.M), seen
    assert not (passport_home / "server.json").exists()
    after = CliRunner().invoke(build_app(), ["page", "--user", "Ana"]).stdout
    assert "http://127.0.0.1:8000/p/" in after


def test_skills_map_titles_onet_groups_by_name_not_code(client: TestClient) -> None:
    """Older tags stored the O*NET element code as their group; the map shows its title."""
    rec = get_records()
    uid = rec.ensure_user("cli", "local", "Rui", display_name="Rui")
    text = "Hired two seasonal pickers for the orchard and checked their papers."
    tag = {"framework": "onet", "id": "4.A.4.c.2.I01.D01", "label": "Recruit personnel",
           "score": 0.7, "evidence": "Hired two seasonal pickers", "start": 0, "end": 26,
           "polarity": "demonstrated", "also": [], "group": "4.A.4.c.2",
           "skill_type": "work activity"}
    rid = rec.save_reflection(uid, {"status": "saved", "text": text, "skills": [tag]})
    rec.add_skill_tags(uid, "reflection", rid, [tag])
    _, html = _page(client, uid)
    assert "staffing organizational units" in html
    assert "4.A.4.c.2" not in html


@pytest.mark.parametrize("left_behind", ["", "\n", "3f9a", "3f9a" * 15])
def test_an_unusable_key_file_is_replaced_not_used(passport_home: Any, left_behind: str) -> None:
    """An interrupted first write leaves an empty or short key: never sign with it."""
    import hashlib
    import hmac

    passport_home.mkdir(parents=True, exist_ok=True)
    (passport_home / tokens.KEY_FILE).write_text(left_behind)
    key = tokens.secret_key()
    assert len(key) == 64 and key.decode() != left_behind.strip()
    assert (passport_home / tokens.KEY_FILE).read_bytes() == key
    assert (passport_home / tokens.KEY_FILE).stat().st_mode & 0o777 == 0o600
    body = base64.urlsafe_b64encode(json.dumps(
        {"k": "page", "exp": int(time.time()) + 60, "u": "usr_x"}).encode()).rstrip(b"=")
    forged_mac = hmac.new(left_behind.strip().encode(), body, hashlib.sha256).digest()
    forged = f"{body.decode()}.{base64.urlsafe_b64encode(forged_mac).rstrip(b'=').decode()}"
    assert tokens.verify(forged, "page") is None
    assert tokens.secret_key() == key
    assert [p.name for p in passport_home.iterdir() if p.name.startswith(".")] == []
