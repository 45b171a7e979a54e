"""A tag whose evidence runs over two sentences belongs to the sentence where it ends."""

from __future__ import annotations

from tools.facts import reflection_facts


def test_an_answer_to_someone_elses_deed_is_cited_by_the_sentence_of_the_answer() -> None:
    text = ("a drunk man shout at me in the lobby about the wifi. I stay calm, I explain the "
            "password again and call security when he don't stop")
    end = text.index("I stay calm") + len("I stay calm")
    row = {"id": "ref_x", "text": text, "week": "2026-W49", "created_at": "2026-11-30",
           "skills": [
               {"framework": "esco", "id": "a", "label": "handle customer complaints",
                "start": 0, "end": end, "polarity": "demonstrated"},
               {"framework": "esco", "id": "b", "label": "exercise patience",
                "start": text.index("I stay"), "end": end, "polarity": "demonstrated"},
           ]}
    first, second = reflection_facts(row)
    assert first.skills == []
    assert [t["label"] for t in second.skills] == ["handle customer complaints",
                                                   "exercise patience"]
    assert second.text.startswith("I stay calm")
