"""Study-set queries: an article's decks and generated questions, stored again after a generation.

A question generated again keeps its row (its identity is its content hash), so the
learner's cards and reviews stay attached; see ``store_study_set``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from studyapp.bank.models import Article, Card, Deck, Question, QuizAnswer, now
from studyapp.bank.queries.common import run
from studyapp.bank.queries.library import passage_ids
from studyapp.core.questions import QuestionRecord

EDITED_TAG = "edited"  # the learner changed the wording: regeneration leaves it alone
PROMOTED_TAG = "promoted"  # the learner moved it from "more" into the study set: it stays there
OUTDATED_TAG = "outdated"  # no longer generated, kept (still studied) for the learner's progress


@dataclass(frozen=True)
class StoredSet:
    """What storing a generation did to the article's study set."""

    deck_id: int
    added: int
    updated: int
    removed: int
    outdated: int  # no longer generated but kept because someone studied or edited them
    total: int  # generated questions now in the set


def _root_name(title: str) -> str:
    return title.replace("::", ":").strip() or "Untitled article"


def _decks(
    session: Session, article_id: int, title: str, records: Sequence[QuestionRecord]
) -> dict[str, int]:
    """Deck ids by the generator's deck names; creates the article's deck and topic sub-decks."""
    existing = dict(
        run(session, select(Deck.name, Deck.id).where(Deck.article_id == article_id)).all()
    )
    root = next((name for name in existing if "::" not in name), None)
    if root is None:
        root = _root_name(title)
        taken = run(session, select(Deck.id).where(Deck.name == root)).first()
        if taken is not None:
            root = f"{root} ({article_id})"
    ids: dict[str, int] = {}
    own_root = _root_name(title)
    for name in dict.fromkeys([own_root, *(record.deck for record in records)]):
        stored = root + name[len(own_root) :] if name.startswith(own_root) else f"{root}::{name}"
        deck_id = existing.get(stored)
        if deck_id is None:
            deck_id = run(
                session,
                insert(Deck)
                .values(
                    name=stored,
                    article_id=article_id,
                    created_at=now(),
                    description="Generated from the article",
                )  # fmt: skip
                .returning(Deck.id),
            ).scalar_one()
            existing[stored] = deck_id
        ids[name] = int(deck_id)
    return ids


def store_study_set(
    session: Session,
    article_id: int,
    generated: Sequence[tuple[str, QuestionRecord]],
    full: bool,
    kinds: Sequence[str],
) -> StoredSet:
    """Store ``generated`` (content hash, record) pairs as the article's study set.

    New questions are added and known ones updated (their wording too unless edited).
    After a ``full`` run, generated questions of ``kinds`` no longer produced are deleted,
    unless someone reviewed, quizzed or edited them: those are kept, still studied, and
    tagged outdated.
    """
    title = run(session, select(Article.title).where(Article.id == article_id)).scalar() or ""
    records = [record for _digest, record in generated]
    decks = _decks(session, article_id, title, records)
    root_id = decks[next(iter(decks))]
    passages = passage_ids(session, article_id)
    deck_ids = list(run(session, select(Deck.id).where(Deck.article_id == article_id)).scalars())
    in_set = (Question.deck_id.in_(deck_ids), Question.origin == "generated")
    existing = {
        row.content_hash: row
        for row in run(
            session, select(Question.id, Question.content_hash, Question.kind, Question.tags, Question.extra)
            .where(*in_set)
        )
    }  # fmt: skip
    reviewed = set(
        run(
            session,
            select(Card.question_id).where(
                Card.question_id.in_([row.id for row in existing.values()]), Card.reps > 0
            ),
        ).scalars()
    )
    stamp = now()
    added: list[dict[str, Any]] = []
    seen: set[str] = set()
    updated = 0
    for digest, record in generated:
        if digest in seen:
            continue
        seen.add(digest)
        source = record.source
        values: dict[str, Any] = {
            "deck_id": decks[record.deck], "kind": record.kind, "payload": record.payload,
            "explanation": record.explanation, "difficulty": record.difficulty,
            "source_passage_id": passages.get(source.passage) if source else None,
            "source_start": source.start if source else None,
            "source_end": source.end if source else None, "updated_at": stamp,
            "about": record.about, "fact_key": record.fact_key,
        }  # fmt: skip
        known = existing.get(digest)
        if known is None:
            added.append(values | {
                "prompt": record.prompt, "answer": record.answer, "origin": "generated",
                "content_hash": digest, "tags": " ".join(record.tags), "created_at": stamp,
                "extra": record.extra,
            })  # fmt: skip
            continue
        tags = known.tags.split()
        if OUTDATED_TAG in tags:
            tags.remove(OUTDATED_TAG)
            values["suspended"] = False
        if EDITED_TAG not in tags:
            values |= {"prompt": record.prompt, "answer": record.answer}
        # Ranked into or out of the default set; never out of it once promoted or studied.
        if not record.extra or (PROMOTED_TAG not in tags and known.id not in reviewed):
            values["extra"] = record.extra
        values["tags"] = " ".join(tags)
        run(session, update(Question).where(Question.id == known.id).values(values))
        updated += 1
    if added:
        run(session, insert(Question), added)
    removed = outdated = 0
    if full:
        gone = [row for digest, row in existing.items() if digest not in seen and row.kind in kinds]
        gone_ids = [row.id for row in gone]
        studied = set(
            run(
                session,
                select(Card.question_id).where(Card.question_id.in_(gone_ids), Card.reps > 0),
            ).scalars()
        ) | set(
            run(
                session, select(QuizAnswer.question_id).where(QuizAnswer.question_id.in_(gone_ids))
            ).scalars()
        )
        for row in gone:
            tags = row.tags.split()
            if row.id in studied or EDITED_TAG in tags:
                # Never dropped: it stays in the learner's reviews, tagged for the browser.
                if OUTDATED_TAG not in tags:
                    tags.append(OUTDATED_TAG)
                run(
                    session,
                    update(Question).where(Question.id == row.id).values(tags=" ".join(tags)),
                )
                outdated += 1
            else:
                run(session, delete(Question).where(Question.id == row.id))
                removed += 1
    total = run(session, select(func.count()).select_from(Question).where(*in_set)).scalar_one()
    return StoredSet(root_id, len(added), updated, removed, outdated, int(total))
