"""A job ad arriving in a chat a line at a time: its lines are ad text, never the user's
words (``tools.job_ad_rules.chat_ad_line``); reflections of many trades are not."""

from __future__ import annotations

import pytest

from tools.job_ad_rules import chat_ad_line


@pytest.mark.parametrize(("line", "why"), [
    ("About us: We are a family-run heating firm covering Cork and Kerry.", "company"),
    ("What you'll do:", "heading"),
    ("YOUR PROFILE", "heading"),
    ("- Service and repair domestic boilers", "duty"),
    ("• Keep accurate job sheets on the van tablet", "duty"),
    ("You will support the ward sister with rotas", "duty"),
    ("- Gas safety registration is essential", "requirement"),
    ("Experience with Xero or Sage", "requirement"),
    ("Proven track record in B2B sales", "requirement"),
    ("A forklift licence would be an advantage", "requirement"),
    ("We're looking for a calm, organised person to run our front desk", "requirement"),
    ("Salary: £24,000 - £27,000", "metadata"),
    ("We offer: company van, overtime, 23 days holiday.", "benefit"),
])
def test_ad_lines_are_ad_text(line: str, why: str) -> None:
    assert chat_ad_line(line) == why


@pytest.mark.parametrize("message", [
    "fixed the boiler at no. 12, the pump was seized",
    "Set up the new tills on monday and showed Amy how to cash up",
    "Experience today: three angry customers and I stayed calm with all of them",
    "we closed the month for 6 clients and chased the missing receipts",
    "you can feel when the ward is going to kick off",
    "saved the client about 9k a year by cancelling unused licences",
    "Keeping the job sheets up to date is my weak spot",
    "we're looking at a downstairs flat for her now",
    "Full week. Did the gas safety checks on four flats",
    "- poured the slab\n- set out the walls\n- fixed the leaking valve",
])
def test_the_writers_own_words_are_not_ad_text(message: str) -> None:
    assert chat_ad_line(message) is None


def test_a_block_of_ad_lines_is_ad_text_and_a_story_with_one_is_not() -> None:
    block = "What we're looking for:\n- Excellent customer service\n- Full UK driving licence"
    assert chat_ad_line(block) == "heading"
    story = ("Long week on nights.\nThe agency sent someone new.\nWe offer tea to every "
             "family on the ward.\nI did the drug round twice.")
    assert chat_ad_line(story) is None


@pytest.mark.parametrize(("line", "continues"), [
    ("- Advanced Excel", True),
    ("• Spanish would be nice", True),
    ("* Opera PMS", True),
    ("- poured the slab and set out the walls", False),  # a diary note of what was done
    ("- I trained the new girl on the tills", False),  # the writer's own words
    ("Advanced Excel", False),  # no bullet: not read as the ad's next line
    # the ad's pay and place, sent as lines of their own (a driver's pay line became his
    # reflection)
    ("£19.50/hr, overtime at time and a half", True),
    ("Midlands Logistics Park, Daventry", True),
    ("made £300 in tips on saturday", False),
])
def test_a_bullet_after_an_ad_line_continues_the_ad(line: str, continues: bool) -> None:
    from tools.job_ad_rules import continues_ad

    assert continues_ad(line) is continues


def test_a_hostile_line_after_an_ad_line_is_read_in_time() -> None:
    """A pay pattern of this session took 13 s on 20,000 digits, and an older pay shape,
    newly asked of such lines, 6 s; both read a long run once now."""
    import time

    from tools.job_ad_rules import continues_ad

    start = time.monotonic()
    for line in ("£" + "1" * 20000 + "x", "1." * 10000 + "x", "€ " + "9," * 8000):
        continues_ad(line)
        chat_ad_line(line)
    assert time.monotonic() - start < 5


def test_a_week_written_without_i_is_no_line_of_an_ad() -> None:
    """After the coach asked for an ad, a developer's week without "I" was kept as two lines
    of it ("spent tuesday chasing a race condition ..."); an ad's past forms are adjectives."""
    from tools.job_ad_rules import diary_note

    week = ("spent tuesday chasing a race condition in the payment webhook handler, turned out "
            "two workers picked the same job. added a SELECT FOR UPDATE SKIP LOCKED and wrote a "
            "regression test")
    assert diary_note(week) and chat_ad_line(week) is None
    assert diary_note("also paired with our junior on her first PR, walked her through mocking "
                      "the stripe client")
    for line in ("Experienced in Python, proven track record, based in Leeds",
                 "- Used to working under pressure, trained in first aid",
                 "Paid training, shared tips, added bonus"):
        assert not diary_note(line), line
