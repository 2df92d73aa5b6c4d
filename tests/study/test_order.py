"""New cards take turns across articles and kinds; a quiz never asks one fact twice."""

from __future__ import annotations

import random

from studyapp.study.order import interleave, pick_apart


def test_new_cards_take_turns_across_articles_then_kinds() -> None:
    made = [(1, "A", "when"), (2, "A", "when"), (3, "A", "when"), (4, "A", "who"),
            (5, "A", "who"), (6, "B", "cloze"), (7, "B", "cloze"), (8, "A", "when")]  # fmt: skip
    assert interleave(made) == [1, 6, 4, 7, 2, 5, 3, 8]
    assert interleave([]) == []


def test_no_run_of_one_kind_while_others_wait() -> None:
    made = [(n, "A", "when") for n in range(88)] + [(100 + n, "A", "who") for n in range(20)]
    made += [(200 + n, "B", "cloze") for n in range(30)]
    order = interleave(made)
    assert sorted(order) == sorted(card for card, _a, _k in made)
    kinds = {card: kind for card, _article, kind in made}
    first_sixty = [kinds[card] for card in order[:60]]
    assert first_sixty.count("when") <= 30 and first_sixty.count("cloze") == 30


def test_pick_apart_never_takes_two_siblings() -> None:
    keys = {1: ("fact:a",), 2: ("fact:a", "sentence:1"), 3: ("sentence:1",), 4: (), 5: ("fact:b",)}
    for seed in range(20):
        chosen = pick_apart(list(keys), 10, random.Random(seed), lambda ids: keys)
        taken = [key for question in chosen for key in keys[question]]
        assert len(taken) == len(set(taken))
        assert 4 in chosen and 5 in chosen and len(chosen) in (3, 4)
    seeded = pick_apart([1, 2, 3, 4, 5], 2, random.Random(9), lambda ids: keys)
    assert seeded == pick_apart([1, 2, 3, 4, 5], 2, random.Random(9), lambda ids: keys)
    assert len(seeded) == 2
