"""The order of study: new cards take turns across articles and kinds; siblings never meet."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence


def interleave(cards: Iterable[tuple[int, Hashable, Hashable]]) -> list[int]:
    """Ids of new cards in the order to introduce them.

    ``cards`` are (id, article, kind) in the order they were made. Articles take turns,
    and within an article its kinds take turns, each keeping its own order: a day's new
    cards mix "When…?", "Who…?", cloze and the rest from every article instead of
    serving one article's dates first.
    """
    articles: dict[Hashable, dict[Hashable, deque[int]]] = {}
    for card_id, article, kind in cards:
        articles.setdefault(article, {}).setdefault(kind, deque()).append(card_id)
    turns = deque(deque(kinds.values()) for kinds in articles.values())
    ordered: list[int] = []
    while turns:
        kinds = turns.popleft()
        queue = kinds.popleft()
        ordered.append(queue.popleft())
        if queue:
            kinds.append(queue)
        if kinds:
            turns.append(kinds)
    return ordered


def pick_apart(
    question_ids: Sequence[int],
    count: int,
    rng: random.Random,
    sibling_keys: Callable[[list[int]], Mapping[int, tuple[str, ...]]],
) -> list[int]:
    """Up to ``count`` distinct question ids in random order, no two on the same fact.

    ``sibling_keys`` gives, for a batch of ids, the keys that make questions siblings
    (their fact, their source sentence); it is asked only about the ids looked at.
    """
    ids = list(dict.fromkeys(question_ids))
    rng.shuffle(ids)
    chosen: list[int] = []
    taken: set[str] = set()
    batch = max(4 * count, 64)
    for start in range(0, len(ids), batch):
        keys = sibling_keys(ids[start : start + batch])
        for question_id in ids[start : start + batch]:
            own = keys.get(question_id, ())
            if taken.isdisjoint(own):
                chosen.append(question_id)
                taken.update(own)
                if len(chosen) == count:
                    return chosen
    return chosen
