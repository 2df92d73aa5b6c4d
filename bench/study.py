"""Study benchmark: 100k cards and 1M review-log rows in StudyApp and in the `anki` library.

Like for like: StudyApp with synchronous=FULL beside Anki's default (WAL, synchronous
FULL), and NORMAL (StudyApp's own setting) on its own line; planner statistics gathered
(ANALYZE) on both stores after loading them; Anki with FSRS switched on, as a learner
comparing the two would run it. Times fetching the next card, recording an answer
durably, and computing the progress page's figures; then how long answering blocks
while a 100,000-row import writes into the same bank.

    python bench/study.py [--cards 100000] [--reviews 1000000] [--answers 300]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine  # noqa: E402

DAY = 86400
ARTICLES, PASSAGES_PER_ARTICLE, PEOPLE = 100, 20, 300
TARGETS = {"fetch next card": 2.0, "record answer": 2.0, "progress figures": 150.0}
IMPORT_ROWS = 100_000
BLOCK_TARGET_MS = 100.0  # an answer given during a big import: p99 of the UI's wait


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _percentile_ms(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _log_times(rng: random.Random, count: int, now: int) -> list[int]:
    """``count`` review times (ms) spread over the last three years, oldest first."""
    return sorted(
        (now - rng.randrange(3 * 365 * DAY)) * 1000 + rng.randrange(1000) for _ in range(count)
    )


def _card_plan(rng: random.Random, cards: int, now: int) -> list[tuple[int, float, int]]:
    """(state, stability, due) per card: 20% new, 3% learning, the rest in review."""
    plan = []
    for index in range(cards):
        roll = index % 100
        if roll < 20:
            plan.append((0, 0.0, 0))
        elif roll < 23:
            plan.append((1, 0.5, now + rng.randrange(-3600, 3600)))
        else:
            plan.append((2, rng.uniform(1, 300), now + rng.randrange(-5 * DAY, 300 * DAY)))
    return plan


# -- StudyApp ------------------------------------------------------------------------------
def build_studyapp(path: Path, plan: list[tuple[int, float, int]], log: list[int], now: int):  # type: ignore[no-untyped-def]
    """The same cards and log in a StudyApp bank, loaded through the bank's own functions."""
    from studyapp.bank import models as m
    from studyapp.bank.database import open_bank
    from studyapp.bank.queries.bulk import insert_rows

    rng = random.Random(2)
    bank = open_bank(path)  # the schema, by the migrations
    try:
        with bank.transaction() as session:
            insert_rows(session, m.Article, ("id", "key", "title", "source", "published",
                        "bundled", "created_at"),
                        [(a, f"a{a}", f"Article {a}", "", "", False, now)
                         for a in range(1, ARTICLES + 1)])  # fmt: skip
            passages = [
                (a * 100 + p, a, p, f"Passage {p} of article {a}.", "prose")
                for a in range(1, ARTICLES + 1)
                for p in range(PASSAGES_PER_ARTICLE)
            ]
            insert_rows(session, m.Passage, ("id", "article_id", "ordinal", "text", "kind"),
                        passages)  # fmt: skip
            insert_rows(session, m.Entity, ("id", "article_id", "kind", "name", "description",
                        "titles"),
                        [(e, 1 + e % ARTICLES, "person", f"Person {e}", "", "")
                         for e in range(1, PEOPLE + 1)])  # fmt: skip
            insert_rows(session, m.Mention, ("entity_id", "passage_id", "start", "end"),
                        [(1 + rng.randrange(PEOPLE), rng.choice(passages)[0], 0, 5)
                         for _ in range(3000)])  # fmt: skip
            insert_rows(session, m.Event, ("article_id", "passage_id", "start", "end",
                        "sentence_start", "sentence_end", "date", "precision", "summary",
                        "sentence", "inferred"),
                        [(p[1], p[0], 0, 4, 0, 10, str(1900 + rng.randrange(120)), "year", "",
                          "", False) for p in passages])  # fmt: skip
            insert_rows(session, m.Deck, ("id", "name", "description", "created_at"),
                        [(1, "Bench", "", now)])  # fmt: skip
            insert_rows(session, m.Learner, ("id", "name", "settings", "created_at"),
                        [(1, "Bench", "{}", now)])  # fmt: skip
            insert_rows(session, m.Question, ("id", "deck_id", "kind", "prompt", "answer",
                        "payload", "explanation", "difficulty", "tags", "origin", "content_hash",
                        "external_id", "source_passage_id", "source_start", "source_end",
                        "suspended", "about", "extra", "fact_key", "created_at", "updated_at"),
                        [(q, 1, "basic", f"Question {q}?", f"Answer {q}", "{}", "", 0.5, "",
                          "generated", f"h{q}", "", rng.choice(passages)[0], 0, 5, False, "",
                          False, "", now, now) for q in range(1, len(plan) + 1)])  # fmt: skip
            insert_rows(session, m.Card, ("id", "learner_id", "question_id", "state", "step",
                        "stability", "difficulty", "due", "last_review", "reps", "lapses",
                        "suspended", "buried_until"),
                        [(c, 1, c, state, 0 if state == 1 else None, stability or None,
                          rng.uniform(1, 10) if state else None, due,
                          now - rng.randrange(1, 90 * DAY) if state else None,
                          5 if state else 0, 0, False, None)
                         for c, (state, stability, due) in enumerate(plan, start=1)])  # fmt: skip
            studied = [c for c, (state, _s, _d) in enumerate(plan, start=1) if state]
            insert_rows(session, m.ReviewLog, ("card_id", "learner_id", "rating",
                        "reviewed_at", "duration_ms", "state_before", "card_before"),
                        [(rng.choice(studied), 1, rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0],
                          at, rng.randrange(2000, 20000), 2 if rng.random() < 0.8 else 1, "{}")
                         for at in log])  # fmt: skip
        bank.analyze()
    finally:
        bank.close()


def bench_studyapp(path: Path, answers: int, synchronous: str) -> dict[str, float]:
    from studyapp.bank.database import open_bank
    from studyapp.services import review, stats

    bank = open_bank(path, synchronous=synchronous)
    fetch, record = [], []
    try:
        first, _ = _timed(lambda: review.next_card(bank, 1))
        for n in range(answers):
            elapsed, card = _timed(lambda: review.next_card(bank, 1))
            fetch.append(elapsed)
            assert card is not None
            elapsed, _ = _timed(lambda: review.answer(bank, card.card_id, 1 + n % 4, 5000))  # noqa: B023
            record.append(elapsed)
        figures = [_timed(lambda: stats.progress_stats(bank, 1))[0] for _ in range(9)]
    finally:
        bank.close()
    return {
        "first fetch": first * 1000,
        "fetch next card": _median_ms(fetch),
        "record answer": _median_ms(record),
        "progress figures": _median_ms(figures),
    }


def answering_during_import(path: Path, folder: Path) -> dict[str, float]:
    """Answer cards on this thread while a worker imports IMPORT_ROWS rows into the same bank.

    Each sample is what the learner waits for after grading a card: the answer is
    recorded durably and the next card fetched (ReviewPage.grade), as in the app, where
    the import runs in a worker of the same process.
    """
    from studyapp.bank.database import open_bank
    from studyapp.core.threads import share_the_interpreter_with_the_ui
    from studyapp.services import review
    from studyapp.services.transfer import import_files

    share_the_interpreter_with_the_ui()  # as the desktop app does when it starts
    source = folder / "during.tsv"
    source.write_text(
        "".join(f"imported question {i}\timported answer {i}\n" for i in range(IMPORT_ROWS)),
        encoding="utf-8",
    )
    bank = open_bank(path)
    waits: list[float] = []
    outcome: dict[str, object] = {}

    def run_import() -> None:
        started = time.perf_counter()
        outcome["result"] = import_files(bank, [source])
        outcome["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=run_import)
    try:
        card = review.next_card(bank, 1)
        worker.start()
        n = 0
        while worker.is_alive():
            assert card is not None
            started = time.perf_counter()
            review.answer(bank, card.card_id, 1 + n % 4, 5000)
            card = review.next_card(bank, 1)
            waits.append(time.perf_counter() - started)
            n += 1
            time.sleep(0.005)  # a learner is not a loop: leave the worker the interpreter
        worker.join()
    finally:
        bank.close()
    result = outcome["result"][0].questions  # type: ignore[index]
    assert result.added == IMPORT_ROWS, result
    return {
        "answers": float(len(waits)),
        "p50": _percentile_ms(waits, 0.50),
        "p99": _percentile_ms(waits, 0.99),
        "max": max(waits) * 1000,
        "import seconds": float(outcome["seconds"]),  # type: ignore[arg-type]
    }


# -- anki ----------------------------------------------------------------------------------
def build_anki(path: Path, plan: list[tuple[int, float, int]], log: list[int], now: int):  # type: ignore[no-untyped-def]
    """The same cards and log in an anki collection (its notes, cards and revlog tables).

    The collection is created by the library, with FSRS switched on; the rows are then
    written with sqlite3 into its file while it is closed, because ``col.db.executemany``
    sends every row through the backend and took 150 s for these 1.1M rows.
    """
    from anki.collection import Collection

    col = Collection(str(path))
    model = col.models.by_name("Basic")
    assert model is not None
    model_id, today = model["id"], col.sched.today
    col.set_config("fsrs", True)  # Deck options → FSRS, as a learner comparing would
    col.close()
    rng = random.Random(2)
    base = (now - 400 * DAY) * 1000
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)"
            " VALUES (?, ?, ?, ?, -1, '', ?, ?, ?, 0, '')",
            [(base + n, f"g{n}", model_id, now, f"Question {n}?\x1fAnswer {n}", f"Question {n}?", n)
             for n in range(1, len(plan) + 1)],
        )  # fmt: skip
        rows = []
        for n, (state, stability, due) in enumerate(plan, start=1):
            if state == 0:
                kind, queue, due_value, interval = 0, 0, n, 0
            elif state == 1:
                kind, queue, due_value, interval = 1, 1, due, 0
            else:
                kind, queue = 2, 2
                due_value, interval = today + (due - now) // DAY, max(1, int(stability))
            # FSRS keeps each card's memory state in cards.data, as Anki writes it.
            data = json.dumps({"s": round(stability, 2), "d": 5.0}) if state else ""
            rows.append((base + n, base + n, kind, queue, due_value, interval,
                         2500 if state else 0, 5 if state else 0, 1001 if state == 1 else 0,
                         data))  # fmt: skip
        db.executemany(
            "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,"
            " lapses, left, odue, odid, flags, data) VALUES (?, ?, 1, 0, 0, -1, ?, ?, ?, ?, ?, ?, 0,"
            " ?, 0, 0, 0, ?)",
            rows,
        )
        studied = [base + n for n, (state, _s, _d) in enumerate(plan, start=1) if state]
        revlog = []
        last = 0
        for at in log:
            last = max(last + 1, at)  # revlog ids are unique millisecond times
            revlog.append((last, rng.choice(studied), rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0],
                           rng.randrange(1, 100), rng.randrange(1, 100), rng.randrange(2000, 20000)))  # fmt: skip
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, -1, ?, ?, ?, 2500, ?, 1)",
            revlog,
        )
    db.close()
    col = Collection(str(path))
    col.db.execute("analyze")  # the same planner statistics StudyApp's bank gets
    col.close()


def bench_anki(path: Path, answers: int) -> dict[str, float]:
    from anki.cards import Card
    from anki.collection import Collection
    from anki.scheduler_pb2 import CardAnswer

    col = Collection(str(path))
    assert col.get_config("fsrs", False) is True
    fetch, record = [], []
    try:
        first, _ = _timed(lambda: col.sched.get_queued_cards())
        for n in range(answers):
            elapsed, queued = _timed(lambda: col.sched.get_queued_cards())
            fetch.append(elapsed)
            top = queued.cards[0]  # type: ignore[attr-defined]
            card = Card(col, backend_card=top.card)
            card.start_timer()
            rating = (CardAnswer.AGAIN, CardAnswer.HARD, CardAnswer.GOOD, CardAnswer.EASY)[n % 4]
            answer = col.sched.build_answer(card=card, states=top.states, rating=rating)
            elapsed, _ = _timed(lambda: col.sched.answer_card(answer))  # noqa: B023
            record.append(elapsed)
        graphs = [_timed(lambda: col._backend.graphs(search="", days=365))[0] for _ in range(9)]
    finally:
        col.close()
    return {
        "first fetch": first * 1000,
        "fetch next card": _median_ms(fetch),
        "record answer": _median_ms(record),
        "progress figures": _median_ms(graphs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--skip-anki", action="store_true")
    args = parser.parse_args()
    print(machine())
    rng = random.Random(1)
    now = int(time.time())
    plan = _card_plan(rng, args.cards, now)
    log = _log_times(rng, args.reviews, now - DAY)  # nothing today: daily limits start fresh
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results: dict[str, dict[str, float]] = {}
        for synchronous in ("FULL", "NORMAL"):
            bank = folder / f"bank-{synchronous}.sqlite3"
            built, _ = _timed(lambda: build_studyapp(bank, plan, log, now))  # noqa: B023
            print(
                f"StudyApp bank built in {built:.1f} s ({args.cards} cards, {args.reviews} reviews)"
            )
            results[f"StudyApp {synchronous}"] = bench_studyapp(bank, args.answers, synchronous)
        if not args.skip_anki:
            built, _ = _timed(lambda: build_anki(folder / "bench.anki2", plan, log, now))
            print(f"anki collection built in {built:.1f} s (FSRS on)")
            results["anki"] = bench_anki(folder / "bench.anki2", args.answers)
        during = answering_during_import(folder / "bank-NORMAL.sqlite3", folder)
    _report(results)
    print(
        f"\nAnswering during a {IMPORT_ROWS:,}-row import into the same bank"
        f" ({int(during['answers'])} answers, import took {during['import seconds']:.1f} s):"
        f"\n  wait per grade (answer saved + next card) p50 {during['p50']:.1f} ms,"
        f" p99 {during['p99']:.1f} ms, max {during['max']:.1f} ms;"
        f" target p99 ≤ {BLOCK_TARGET_MS:g} ms ->"
        f" {'meets' if during['p99'] <= BLOCK_TARGET_MS else 'MISSES'}"
    )
    return 0


def _report(results: dict[str, dict[str, float]]) -> None:
    names = list(results)
    header = f"\n{'median ms':<20}" + "".join(f"{name:>17}" for name in names)
    if "anki" in results:
        header += f"{'FULL/anki':>11}"
    print(header + f"{'target':>9}")
    for figure in ("first fetch", "fetch next card", "record answer", "progress figures"):
        cells = "".join(f"{results[name][figure]:>17.2f}" for name in names)
        if "anki" in results:
            ratio = results["StudyApp FULL"][figure] / results["anki"][figure]
            cells += f"{ratio:>10.2f}x"
        target = f"≤ {TARGETS[figure]:g}" if figure in TARGETS else ""
        print(f"{figure:<20}{cells}{target:>9}")
    print(
        "\nStudyApp FULL: every answer waits for an fsync, as Anki's default does (WAL,"
        " synchronous FULL); StudyApp NORMAL is the app's own setting (survives any crash or"
        " kill; a power cut may lose the last answers). anki: 'first fetch' is its first queue"
        " build (get_queued_cards); 'progress figures' is graphs(search='', days=365)."
        " StudyApp's figures cover the whole log."
    )


if __name__ == "__main__":
    raise SystemExit(main())
