"""Quiz items never give the answer away and are reproducible from a seed."""

from __future__ import annotations

import random

from studyapp.study.quiz import present


def test_order_is_scrambled_and_match_targets_shuffled() -> None:
    items = ["a", "b", "c"]
    for seed in range(30):
        item = present(1, "order", "Order", {"items": items}, random.Random(seed))
        assert sorted(item.options) == items and list(item.options) != items
    pairs = {"pairs": [["x", "1"], ["y", "2"], ["z", "3"]]}
    match = present(2, "match", "Match", pairs, random.Random(1))
    assert match.options == ("x", "y", "z")
    assert sorted(match.targets) == ["1", "2", "3"] and match.targets != ("1", "2", "3")


def test_choice_true_false_and_cloze() -> None:
    choice = present(3, "choice", "Q?", {"choices": ["a", "b", "c", "d"]}, random.Random(4))
    assert sorted(choice.options) == ["a", "b", "c", "d"]
    assert present(4, "true_false", "S.", {}, random.Random()).options == ("True", "False")
    cloze = present(5, "cloze", "{{c1::Parks}} sat in {{c2::1955}}", {"cloze": 2}, random.Random())
    assert cloze.prompt == "Parks sat in [...]"
