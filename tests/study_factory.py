"""Small banks for the study tests: articles, passages, people, events and questions of every kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bank_locations import BankLocation

from studyapp.bank.database import Bank, open_bank
from studyapp.bank.models import Article, Deck, Entity, Event, Mention, Passage, Question

PASSAGES = (
    "Martin Luther King Jr. led the March on Washington in 1963.",
    "Rosa Parks refused to give up her seat in 1955, starting the Montgomery bus boycott.",
    "The Civil Rights Act was signed in 1964 by Lyndon B. Johnson.",
)


def build_bank(where: BankLocation | Path, basic_count: int = 6) -> tuple[Bank, dict[str, Any]]:
    """A bank with one article of three passages, two decks and questions of every kind, on a
    bank location or in the SQLite file ``where``.

    Returns the bank and a dict of ids: article, passages, decks, questions by name.
    """
    bank = where.open() if isinstance(where, BankLocation) else open_bank(where)
    ids: dict[str, Any] = {"questions": {}}
    with bank.transaction() as session:
        article = Article(key="civil-rights", title="Civil rights")
        session.add(article)
        session.flush()
        passages = [
            Passage(article_id=article.id, ordinal=i, text=t) for i, t in enumerate(PASSAGES)
        ]
        session.add_all(passages)
        parent = Deck(name="History", article_id=article.id)
        child = Deck(name="History::Civil rights")
        other = Deck(name="Geography")
        session.add_all([parent, child, other])
        session.flush()
        king = Entity(article_id=article.id, kind="person", name="Martin Luther King Jr.")
        parks = Entity(article_id=article.id, kind="person", name="Rosa Parks")
        session.add_all([king, parks])
        session.flush()
        session.add_all(
            [
                Mention(entity_id=king.id, passage_id=passages[0].id, start=0, end=22),
                Mention(entity_id=parks.id, passage_id=passages[1].id, start=0, end=10),
                Event(article_id=article.id, passage_id=passages[0].id, start=0, end=59,
                      sentence_start=0, sentence_end=59, date="1963-08-28", precision="day"),
                Event(article_id=article.id, passage_id=passages[1].id, start=0, end=80,
                      sentence_start=0, sentence_end=80, date="1955", precision="year"),
                Event(article_id=article.id, passage_id=passages[2].id, start=0, end=50,
                      sentence_start=0, sentence_end=50, date="1964-07-02", precision="day"),
            ]
        )  # fmt: skip
        rows: dict[str, Question] = {}

        def add(name: str, deck: Deck, kind: str, prompt: str, answer: str = "", **kw: Any) -> None:
            payload = kw.pop("payload", {})
            passage = kw.pop("passage", None)
            row = Question(
                deck_id=deck.id, kind=kind, prompt=prompt, answer=answer, payload=payload,
                origin=kw.pop("origin", "generated"), content_hash=f"{name}",
                source_passage_id=passages[passage].id if passage is not None else None,
                # Each from its own sentence: questions sharing one are siblings.
                source_start=len(rows) if passage is not None else None,
                source_end=len(rows) + 10 if passage is not None else None, **kw,
            )  # fmt: skip
            session.add(row)
            rows[name] = row

        for i in range(basic_count):
            add(f"basic{i}", parent, "basic", f"Basic question {i}?", f"Answer {i}", passage=i % 3)
        add(
            "cloze",
            child,
            "cloze",
            "{{c1::Rosa Parks}} refused in {{c2::1955::year}}.",
            payload={"cloze": 1},
            passage=1,
            explanation="Montgomery, Alabama.",
        )
        add(
            "typed",
            child,
            "typed",
            "Who signed the Civil Rights Act?",
            "Lyndon B. Johnson",
            payload={"accepted": ["LBJ", "Lyndon Johnson"]},
            passage=2,
        )
        add(
            "choice",
            child,
            "choice",
            'Which year was the "March on Washington"?',  # quotes: shown, never as &quot;
            "1963",
            payload={"choices": ["1955", "1963", "1964", "1968"], "correct": [1]},
            passage=0,
        )
        add(
            "multi",
            child,
            "multi",
            "Which happened in the 1960s?",
            "",
            payload={
                "choices": ["March on Washington", "Bus boycott", "Civil Rights Act"],
                "correct": [0, 2],
            },
            passage=2,
        )
        add(
            "true_false",
            child,
            "true_false",
            "Rosa Parks signed the Civil Rights Act.",
            "False",
            payload={"answer": False, "changed": "Rosa Parks", "original": "Lyndon B. Johnson"},
            passage=1,
        )
        add(
            "order",
            child,
            "order",
            "Put in order.",
            "",
            payload={"items": ["Bus boycott", "March on Washington", "Civil Rights Act"]},
            passage=0,
        )
        add(
            "match",
            child,
            "match",
            "Match people and events.",
            "",
            payload={
                "pairs": [
                    ["Rosa Parks", "Bus boycott"],
                    ["King", "March on Washington"],
                    ["Johnson", "Civil Rights Act"],
                ]
            },
            passage=0,
        )
        add(
            "numerical",
            other,
            "numerical",
            "How many years from 1955 to 1964?",
            "9",
            payload={"tolerance": 0},
            passage=None,
        )
        session.flush()
        ids["article"] = article.id
        ids["passages"] = [p.id for p in passages]
        ids["decks"] = {"History": parent.id, "History::Civil rights": child.id,
                        "Geography": other.id}  # fmt: skip
        ids["questions"] = {name: row.id for name, row in rows.items()}
    return bank, ids
