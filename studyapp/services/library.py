"""Articles in the bank: add them once, list them for the Library, open them in the Reader."""

from __future__ import annotations

from sqlalchemy import func, select

from studyapp.bank.database import Bank, query_dict
from studyapp.bank.models import Article, Card, Deck, Passage, Question
from studyapp.content.structure import citation_spans
from studyapp.core.articles import ArticleSummary, ArticleText, ArticleView, PassageView


def add_article(bank: Bank, article: ArticleText, bundled: bool = False) -> tuple[int, bool]:
    """Store ``article`` unless an article with the same key exists.

    Returns (article id, True if it was added now). One transaction: the article
    and all its passages land together or not at all.
    """
    with bank.transaction() as session:
        existing = session.scalar(select(Article.id).where(Article.key == article.key))
        if existing is not None:
            return existing, False
        row = Article(
            key=article.key,
            title=article.title,
            source=article.source,
            published=article.published,
            bundled=bundled,
        )
        session.add(row)
        session.flush()
        session.execute(
            Passage.__table__.insert(),
            [
                {
                    "article_id": row.id,
                    "ordinal": ordinal,
                    "text": text,
                    "kind": article.kind(ordinal),
                }
                for ordinal, text in enumerate(article.passages)
            ],
        )
        return row.id, True


def ensure_bundled_articles(bank: Bank) -> list[int]:
    """Load the bundled articles into the bank the first time; return the ids added now."""
    from studyapp.content.bundled import bundled_articles

    added = []
    for article in bundled_articles():
        article_id, is_new = add_article(bank, article, bundled=True)
        if is_new:
            added.append(article_id)
    return added


def list_articles(bank: Bank, learner_id: int | None = None) -> list[ArticleSummary]:
    """Every article with its passage and question counts and the learner's progress."""
    with bank.sessions() as session:
        passages = query_dict(
            session, select(Passage.article_id, func.count()).group_by(Passage.article_id)
        )
        questions = query_dict(
            session,
            select(Deck.article_id, func.count(Question.id))
            .join(Question, Question.deck_id == Deck.id)
            .where(Deck.article_id.is_not(None))
            .group_by(Deck.article_id),
        )
        studied: dict[int, int] = {}
        if learner_id is not None:
            studied = query_dict(
                session,
                select(Deck.article_id, func.count(Card.id))
                .join(Question, Question.deck_id == Deck.id)
                .join(Card, Card.question_id == Question.id)
                .where(Card.learner_id == learner_id, Card.reps > 0)
                .group_by(Deck.article_id),
            )
        rows = session.execute(
            select(Article.id, Article.title, Article.source, Article.published).order_by(
                Article.bundled.desc(), Article.created_at, Article.id
            )
        )
        return [
            ArticleSummary(
                id=row.id,
                title=row.title,
                source=row.source,
                published=row.published,
                passage_count=passages.get(row.id, 0),
                question_count=questions.get(row.id, 0),
                studied_count=studied.get(row.id, 0),
            )
            for row in rows
        ]


def get_article(bank: Bank, article_id: int) -> ArticleView | None:
    """The article with its passages in order, or None if it no longer exists."""
    with bank.sessions() as session:
        article = session.get(Article, article_id)
        if article is None:
            return None
        passages = session.execute(
            select(Passage.id, Passage.ordinal, Passage.text, Passage.kind)
            .where(Passage.article_id == article_id)
            .order_by(Passage.ordinal)
        )
        return ArticleView(
            id=article.id,
            title=article.title,
            source=article.source,
            published=article.published,
            passages=tuple(
                PassageView(
                    id=p.id,
                    ordinal=p.ordinal,
                    text=p.text,
                    kind=p.kind,
                    citations=tuple(citation_spans(p.text)),
                ) for p in passages
            ),
        )


def passage_location(bank: Bank, passage_id: int) -> tuple[int, int] | None:
    """(article id, passage ordinal) of a passage, for "show in article" links."""
    with bank.sessions() as session:
        row = session.execute(
            select(Passage.article_id, Passage.ordinal).where(Passage.id == passage_id)
        ).first()
        return (row.article_id, row.ordinal) if row else None
