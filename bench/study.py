"""Study benchmark: 100k cards and 1M review-log rows in StudyApp and in the `anki` library.

Times fetching the next card, recording an answer durably, and computing the
progress page's figures; prints both apps' medians side by side.

    python bench/study.py [--cards 100000] [--reviews 1000000] [--answers 300]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DAY = 86400
ARTICLES, PASSAGES_PER_ARTICLE, PEOPLE = 100, 20, 300


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


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
def _inserter(db: sqlite3.Connection, table: str, columns: str) -> str:
    """An INSERT for ``columns`` that also fills other NOT NULL columns with empty values.

    Other helpers add columns to the schema while this bench lives on; it keeps working.
    """
    given = [name.strip() for name in columns.split(",")]
    extra = []
    for _cid, name, kind, notnull, default, pk in db.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and not pk and name not in given:
            empty = (
                "'{}'"
                if kind.upper() == "JSON"
                else "''"
                if "CHAR" in kind.upper() or kind.upper() == "TEXT"
                else "0"
            )
            extra.append((name, empty))
    names = ", ".join(f'"{name}"' for name in given + [name for name, _ in extra])
    values = ", ".join(["?"] * len(given) + [value for _, value in extra])
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


def build_studyapp(path: Path, plan: list[tuple[int, float, int]], log: list[int], now: int):  # type: ignore[no-untyped-def]
    from studyapp.bank.database import open_bank

    open_bank(path).close()  # schema via the migrations
    rng = random.Random(2)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    with db:
        db.executemany(
            _inserter(db, "article", "id, key, title"),
            [(a, f"a{a}", f"Article {a}") for a in range(1, ARTICLES + 1)],
        )
        passages = [
            (a * 100 + p, a, p, f"Passage {p} of article {a}.")
            for a in range(1, ARTICLES + 1)
            for p in range(PASSAGES_PER_ARTICLE)
        ]
        db.executemany(_inserter(db, "passage", "id, article_id, ordinal, text"), passages)
        db.executemany(
            _inserter(db, "entity", "id, article_id, kind, name"),
            [(e, 1 + e % ARTICLES, "person", f"Person {e}") for e in range(1, PEOPLE + 1)],
        )
        db.executemany(
            _inserter(db, "mention", "entity_id, passage_id, start, end"),
            [(1 + rng.randrange(PEOPLE), rng.choice(passages)[0], 0, 5) for _ in range(3000)],
        )
        db.executemany(
            _inserter(db, "event", "article_id, passage_id, start, end, date, precision"),
            [(p[1], p[0], 0, 4, str(1900 + rng.randrange(120)), "year") for p in passages],
        )
        db.execute(_inserter(db, "deck", "id, name"), (1, "Bench"))
        db.execute(_inserter(db, "learner", "id, name, settings"), (1, "Bench", "{}"))
        db.executemany(
            _inserter(db, "question", "id, deck_id, kind, prompt, answer, payload, origin,"
                      " content_hash, source_passage_id, source_start, source_end, suspended"),
            [(q, 1, "basic", f"Question {q}?", f"Answer {q}", "{}", "generated", f"h{q}",
              rng.choice(passages)[0], 0, 5, 0) for q in range(1, len(plan) + 1)],
        )  # fmt: skip
        db.executemany(
            _inserter(db, "card", "id, learner_id, question_id, state, step, stability, difficulty,"
                      " due, last_review, reps, lapses, suspended"),
            [
                (c, 1, c, state, 0 if state == 1 else None, stability or None,
                 rng.uniform(1, 10) if state else None, due,
                 now - rng.randrange(1, 90 * DAY) if state else None, 5 if state else 0, 0, 0)
                for c, (state, stability, due) in enumerate(plan, start=1)
            ],
        )  # fmt: skip
        studied = [c for c, (state, _s, _d) in enumerate(plan, start=1) if state]
        db.executemany(
            _inserter(db, "review_log", "card_id, learner_id, rating, reviewed_at, duration_ms,"
                      " state_before, card_before"),
            (
                (rng.choice(studied), 1, rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0], at,
                 rng.randrange(2000, 20000), 2 if rng.random() < 0.8 else 1, "{}")
                for at in log
            ),
        )  # fmt: skip
    db.execute("PRAGMA optimize")
    db.close()


def bench_studyapp(path: Path, answers: int) -> dict[str, float]:
    from studyapp.bank.database import open_bank
    from studyapp.services import review, stats

    bank = open_bank(path)
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


# -- anki ----------------------------------------------------------------------------------
def build_anki(path: Path, plan: list[tuple[int, float, int]], log: list[int], now: int):  # type: ignore[no-untyped-def]
    """The same cards and log in an anki collection (its notes, cards and revlog tables).

    The collection is created by the library; the rows are then written with
    sqlite3 into its file while it is closed, because ``col.db.executemany``
    sends every row through the backend and took 150 s for these 1.1M rows.
    """
    from anki.collection import Collection

    col = Collection(str(path))
    model = col.models.by_name("Basic")
    assert model is not None
    model_id, today = model["id"], col.sched.today
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
            rows.append((base + n, base + n, kind, queue, due_value, interval,
                         2500 if state else 0, 5 if state else 0, 1001 if state == 1 else 0))  # fmt: skip
        db.executemany(
            "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,"
            " lapses, left, odue, odid, flags, data) VALUES (?, ?, 1, 0, 0, -1, ?, ?, ?, ?, ?, ?, 0,"
            " ?, 0, 0, 0, '')",
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


def bench_anki(path: Path, answers: int) -> dict[str, float]:
    from anki.cards import Card
    from anki.collection import Collection
    from anki.scheduler_pb2 import CardAnswer

    col = Collection(str(path))
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
    rng = random.Random(1)
    now = int(time.time())
    plan = _card_plan(rng, args.cards, now)
    log = _log_times(rng, args.reviews, now - DAY)  # nothing today: daily limits start fresh
    with tempfile.TemporaryDirectory() as folder:
        built, _ = _timed(lambda: build_studyapp(Path(folder) / "bank.sqlite3", plan, log, now))
        print(f"StudyApp bank built in {built:.1f} s ({args.cards} cards, {args.reviews} reviews)")
        results = {"StudyApp": bench_studyapp(Path(folder) / "bank.sqlite3", args.answers)}
        if not args.skip_anki:
            built, _ = _timed(lambda: build_anki(Path(folder) / "bench.anki2", plan, log, now))
            print(f"anki collection built in {built:.1f} s")
            results["anki"] = bench_anki(Path(folder) / "bench.anki2", args.answers)
    targets = {"fetch next card": 2.0, "record answer": 2.0, "progress figures": 150.0}
    names = list(results)
    print(f"\n{'median ms':<20}" + "".join(f"{name:>12}" for name in names) + f"{'target':>10}")
    for figure in ("first fetch", "fetch next card", "record answer", "progress figures"):
        target = f"≤ {targets[figure]:g}" if figure in targets else ""
        cells = "".join(f"{results[name][figure]:>12.2f}" for name in names)
        print(f"{figure:<20}{cells}{target:>10}")
    print(
        "\nanki: 'first fetch' is its first queue build (get_queued_cards); 'progress figures' is"
        " graphs(search='', days=365). StudyApp's figures cover the whole log."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
