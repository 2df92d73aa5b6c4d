"""Choosing among checked questions: the difficulty band and the number the learner asked for."""

from __future__ import annotations

from studyapp.core.questions import QuestionRecord
from studyapp.questions.material import GenerationOptions

BANDS = {"easy": (0.0, 0.5), "medium": (0.35, 0.7), "hard": (0.55, 1.0), "any": (0.0, 1.0)}


def select(records: list[QuestionRecord], options: GenerationOptions) -> list[QuestionRecord]:
    """Keep the difficulty band, then at most ``options.limit`` questions, kinds taken in turn.

    Taking kinds in turn keeps a short set varied instead of all cloze cards.
    """
    low, high = BANDS.get(options.difficulty, BANDS["any"])
    records = [record for record in records if low <= record.difficulty <= high]
    if options.limit is None or len(records) <= options.limit:
        return records
    by_kind: dict[str, list[QuestionRecord]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    chosen: list[QuestionRecord] = []
    queues = list(by_kind.values())
    while len(chosen) < options.limit:
        for queue in queues:
            if queue and len(chosen) < options.limit:
                chosen.append(queue.pop(0))
    keep = {id(record) for record in chosen}
    return [record for record in records if id(record) in keep]
