"""Library queries: articles and their passages, added once, listed with their progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from studyapp.bank.models import Article, Card, Deck, Passage, Question, ReviewLog, now
from studyapp.bank.queries.common import run, visibility
from studyapp.core.articles import ArticleSummary, ArticleText, ArticleView, PassageView
from studyapp.core.questions import FLASHCARD_KINDS


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, with its passages' texts in order."""

    id: int
    key: str
    title: str
    source: str
    published: str
    passages: tuple[PassageView, ...]

    def text(self) -> ArticleText:
        """The article as the extraction pipeline takes it."""
        return ArticleText(
            title=self.title,
            passages=tuple(passage.text for passage in self.passages),
            source=self.source,
            published=self.published,
            key=self.key,
        )


def article_with_key(session: Session, key: str) -> int | None:
    """The id of the article stored under ``key`` (a bundled name or a content hash)."""
    return run(session, select(Article.id).where(Article.key == key)).scalar()


def add_article(session: Session, article: ArticleText, bundled: bool) -> int:
    """Store the article and all its passages; return its id."""
    article_id = run(
        session,
        insert(Article)
        .values(
            key=article.key,
            title=article.title,
            source=article.source,
            published=article.published,
            bundled=bundled,
            created_at=now(),
        )  # fmt: skip
        .returning(Article.id),
    ).scalar_one()
    run(
        session,
        insert(Passage),
        [
            {"article_id": article_id, "ordinal": ordinal, "text": text, "kind": article.kind(ordinal)}
            for ordinal, text in enumerate(article.passages)
        ],
    )
    return int(article_id)


def get_article(session: Session, article_id: int) -> StoredArticle | None:
    """The article with its passages in order, or None."""
    row = run(
        session,
        select(Article.id, Article.key, Article.title, Article.source, Article.published).where(
            Article.id == article_id
        ),
    ).first()
    if row is None:
        return None
    passages = run(
        session,
        select(Passage.id, Passage.ordinal, Passage.text, Passage.kind)
        .where(Passage.article_id == article_id)
        .order_by(Passage.ordinal),
    )
    views = tuple(
        PassageView(id=p.id, ordinal=p.ordinal, text=p.text, kind=p.kind) for p in passages
    )
    return StoredArticle(row.id, row.key, row.title, row.source, row.published, views)


def article_summaries(session: Session, learner_id: int | None) -> list[ArticleSummary]:
    """Every article with its passage and question counts and the learner's studied cards.

    "Studied" measures the study set the learner works through: its flashcards, not the
    "more" questions ranked out of it (not studied until promoted), not the quiz kinds (no
    cards), not suspended ones. Counted as the Progress page's mastery counts them.
    """
    passages = dict(
        run(session, select(Passage.article_id, func.count()).group_by(Passage.article_id)).all()
    )
    in_articles = (
        select(Deck.article_id, func.count(Question.id))
        .join(Question, Question.deck_id == Deck.id)
        .where(Deck.article_id.is_not(None), *visibility(session))
        .group_by(Deck.article_id)
    )
    questions = dict(run(session, in_articles).all())
    in_study_set = (
        Question.kind.in_(FLASHCARD_KINDS),
        Question.extra.is_(False),
        Question.suspended.is_(False),
    )
    study_set = dict(run(session, in_articles.where(*in_study_set)).all())
    studied: dict[int, int] = {}
    if learner_id is not None:
        statement = in_articles.join(Card, Card.question_id == Question.id).where(
            *in_study_set, Card.learner_id == learner_id, Card.reps > 0
        )
        studied = dict(run(session, statement).all())
    rows = run(
        session,
        select(Article.id, Article.title, Article.source, Article.published, Article.bundled).order_by(
            Article.bundled.desc(), Article.created_at, Article.id
        ),
    )
    return [
        ArticleSummary(
            id=row.id,
            title=row.title,
            source=row.source,
            published=row.published,
            passage_count=passages.get(row.id, 0),
            question_count=questions.get(row.id, 0),
            study_set_count=study_set.get(row.id, 0),
            studied_count=studied.get(row.id, 0),
            bundled=bool(row.bundled),
        )  # fmt: skip
        for row in rows
    ]


def article_view(session: Session, article_id: int) -> ArticleView | None:
    """The article as the Reader shows it, or None."""
    stored = get_article(session, article_id)
    if stored is None:
        return None
    return ArticleView(
        id=stored.id, title=stored.title, source=stored.source, published=stored.published,
        passages=stored.passages,
    )  # fmt: skip


def set_passage_kinds(session: Session, article_id: int, kinds: list[str]) -> None:
    """Store what each passage is (banks made before passages had kinds learn them here)."""
    for ordinal, kind in enumerate(kinds):
        run(
            session,
            update(Passage)
            .where(Passage.article_id == article_id, Passage.ordinal == ordinal, Passage.kind != kind)
            .values(kind=kind),
        )


def passage_location(session: Session, passage_id: int) -> tuple[int, int] | None:
    """(article id, ordinal) of a passage, or None."""
    row = run(
        session, select(Passage.article_id, Passage.ordinal).where(Passage.id == passage_id)
    ).first()
    return None if row is None else (int(row.article_id), int(row.ordinal))


def passage_ids(session: Session, article_id: int) -> dict[int, int]:
    """The article's passage ids by ordinal."""
    statement = select(Passage.ordinal, Passage.id).where(Passage.article_id == article_id)
    return {int(ordinal): int(passage_id) for ordinal, passage_id in run(session, statement)}


def articles_not_analysed(session: Session) -> list[int]:
    """Articles whose people, numbers and events have not been extracted yet."""
    statement = select(Article.id).where(Article.extracted_at.is_(None)).order_by(Article.id)
    return [int(article_id) for article_id in run(session, statement).scalars()]


def bundled_without_questions(session: Session) -> list[int]:
    """Bundled articles that have no study set yet (first start)."""
    with_questions = (
        select(Deck.article_id)
        .join(Question, Question.deck_id == Deck.id)
        .where(Deck.article_id.is_not(None))
    )
    statement = (
        select(Article.id)
        .where(Article.bundled.is_(True), Article.id.not_in(with_questions))
        .order_by(Article.id)
    )
    return [int(article_id) for article_id in run(session, statement).scalars()]


def _article_questions(article_id: int) -> Any:
    """Ids of the questions an article brought: in its decks or sourced from its passages."""
    in_decks = select(Question.id).join(Deck, Deck.id == Question.deck_id).where(
        Deck.article_id == article_id
    )
    sourced = select(Question.id).join(Passage, Passage.id == Question.source_passage_id).where(
        Passage.article_id == article_id
    )
    return in_decks.union(sourced)


def article_reach(session: Session, article_id: int) -> tuple[int, int]:
    """(questions, answers in the review log) that deleting the article would delete."""
    ids = _article_questions(article_id).subquery()
    questions = run(session, select(func.count()).select_from(ids)).scalar_one()
    reviews = run(
        session,
        select(func.count(ReviewLog.id))
        .join(Card, Card.id == ReviewLog.card_id)
        .where(Card.question_id.in_(select(ids.c.id))),
    ).scalar_one()
    return int(questions), int(reviews)


def delete_article(session: Session, article_id: int) -> bool:
    """Delete an article with its passages, knowledge, decks and questions (their cards and
    reviews go with them); False when there was no such article."""
    ids = [int(i) for i in run(session, _article_questions(article_id)).scalars()]
    run(session, delete(Question).where(Question.id.in_(ids)))
    run(session, delete(Deck).where(Deck.article_id == article_id))
    return bool(run(session, delete(Article).where(Article.id == article_id)).rowcount)
