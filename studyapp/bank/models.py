"""SQLAlchemy 2 typed models for the whole domain. Times are integer Unix seconds (ms for reviews)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep Alembic batch migrations on SQLite predictable.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Times: Unix seconds (milliseconds for reviews). SQLite's INTEGER holds 64 bits; on
# PostgreSQL they need BIGINT (milliseconds overflow INTEGER now, seconds in 2038, and a
# card can be due a century ahead).
Time = Integer().with_variant(BigInteger(), "postgresql")

TITLE_SEPARATOR = "; "  # Entity.titles holds a person's titles joined with this


def now() -> int:
    """Current time in Unix seconds."""
    return int(time.time())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Article(Base):
    __tablename__ = "article"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # bundled name or content hash
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(Text, default="")
    bundled: Mapped[bool] = mapped_column(Boolean, default=False)
    extracted_at: Mapped[int | None] = mapped_column(Time)
    created_at: Mapped[int] = mapped_column(Time, default=now)
    passages: Mapped[list[Passage]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Passage.ordinal"
    )


class Passage(Base):
    __tablename__ = "passage"
    __table_args__ = (UniqueConstraint("article_id", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # 0-based position in the article
    text: Mapped[str] = mapped_column(Text)
    # prose | title | heading | caption | fact (infobox "Label: value") | list | chrome:
    # the Reader styles each; only prose becomes questions.
    kind: Mapped[str] = mapped_column(String(20), default="prose", server_default="prose")
    article: Mapped[Article] = relationship(back_populates="passages")


class Entity(Base):
    """A person, organisation or place found in one article."""

    __tablename__ = "entity"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # person | organisation | place
    name: Mapped[str] = mapped_column(Text, index=True)
    description: Mapped[str] = mapped_column(Text, default="")  # role, or an acronym's full name
    titles: Mapped[str] = mapped_column(Text, default="")  # honorifics and ranks
    aliases: Mapped[list[Alias]] = relationship(cascade="all, delete-orphan")
    mentions: Mapped[list[Mention]] = relationship(cascade="all, delete-orphan")


class Alias(Base):
    __tablename__ = "alias"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class Mention(Base):
    __tablename__ = "mention"
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"), index=True)
    passage_id: Mapped[int] = mapped_column(
        ForeignKey("passage.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Event(Base):
    """A dated statement: ISO date cut to its precision, with the sentence it comes from."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)  # the date expression's span in the passage
    end: Mapped[int] = mapped_column(Integer)
    sentence_start: Mapped[int] = mapped_column(Integer)  # the sentence's span in the passage
    sentence_end: Mapped[int] = mapped_column(Integer)
    date: Mapped[str] = mapped_column(String(10), index=True)
    precision: Mapped[str] = mapped_column(String(5))  # day | month | year
    end_date: Mapped[str | None] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[str] = mapped_column(Text, default="")
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)  # date completed from context


class Figure(Base):
    """A key number: value, what it counts, and the sentence it comes from."""

    __tablename__ = "figure"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)  # the number's span in the passage
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text, default="")
    sentence: Mapped[str] = mapped_column(Text, default="")


class Deck(Base):
    __tablename__ = "deck"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)  # "::" separates nested decks
    description: Mapped[str] = mapped_column(Text, default="")
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"))
    created_at: Mapped[int] = mapped_column(Time, default=now)


class ImportBatch(Base):
    """One import of one file; the sha256 makes re-importing the same file a no-op."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[int] = mapped_column(Time, default=now)
    # None while an import is still writing its rows in short chunks: until then its
    # questions (and their cards) are invisible everywhere, and a crash leaves them to be
    # removed at the next start (see bank/queries/imports.py).
    finished_at: Mapped[int | None] = mapped_column(Time, default=now)


class Question(Base):
    __tablename__ = "question"
    # The unique (deck, hash) index's deck_id prefix serves every lookup by deck. Imported
    # questions have no passage and usually no external id, so those two indexes skip
    # such rows.
    __table_args__ = (
        Index("uq_question_deck_hash", "deck_id", "content_hash", unique=True),
        Index(
            "ix_question_external",
            "deck_id",
            "external_id",
            sqlite_where=text("external_id != ''"),
            postgresql_where=text("external_id != ''"),
        ),
        # Only generated questions have a fact: imported rows ("") stay out of the index,
        # which made a 100,000-row import a third slower.
        Index(
            "ix_question_fact_key",
            "fact_key",
            sqlite_where=text("fact_key != ''"),
            postgresql_where=text("fact_key != ''"),
        ),
        Index(
            "ix_question_source_passage_id",
            "source_passage_id",
            sqlite_where=text("source_passage_id IS NOT NULL"),
            postgresql_where=text("source_passage_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("deck.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    explanation: Mapped[str] = mapped_column(Text, default="")
    difficulty: Mapped[float] = mapped_column(Float, default=0.5)
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated, like Anki
    origin: Mapped[str] = mapped_column(String(10))  # generated | imported
    content_hash: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(Text, default="")
    source_passage_id: Mapped[int | None] = mapped_column(
        ForeignKey("passage.id", ondelete="SET NULL")
    )
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL")
    )
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    # What a generated question tests: person, date, number, place, organisation, role,
    # definition, cause, sequence or comparison ("" for imported questions).
    about: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # Ranked below the article's default study set: kept in the bank as "more", never
    # reviewed or quizzed until the learner promotes it.
    extra: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The fact a generated question asks about: questions sharing it are siblings.
    fact_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[int] = mapped_column(Time, default=now)
    updated_at: Mapped[int] = mapped_column(Time, default=now)


class Media(Base):
    """A media file cards refer to by name; stored in the bank so imports stay atomic."""

    __tablename__ = "media"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # The import that brought it, so an import that never finished takes its files away too.
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id", ondelete="SET NULL")
    )


class Learner(Base):
    __tablename__ = "learner"
    __table_args__ = (Index("uq_learner_role_name", "role_name", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[int] = mapped_column(Time, default=now)
    # On a server bank, the PostgreSQL role this learner signs in as: row-level security
    # lets that role alone read and write the learner's cards, reviews and quizzes.
    role_name: Mapped[str | None] = mapped_column(Text)


class Card(Base):
    """One learner's FSRS state for one question."""

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("learner_id", "question_id"),
        Index("ix_card_queue", "learner_id", "state", "due"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[int] = mapped_column(
        Integer, default=0
    )  # 0 new, 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[int] = mapped_column(Time, default=0)  # Unix seconds
    last_review: Mapped[int | None] = mapped_column(Time)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[int | None] = mapped_column(Time)


class ReviewLog(Base):
    """Every answer, written in its own transaction the moment it is given."""

    __tablename__ = "review_log"
    # Covers the Progress page's per-day counts, which then never read the table itself.
    __table_args__ = (
        Index("ix_review_log_learner_day", "learner_id", "reviewed_at", "state_before", "rating"),
        Index("uq_review_log_answer_id", "answer_id", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: Mapped[int] = mapped_column(Time)  # Unix milliseconds
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    state_before: Mapped[int] = mapped_column(Integer, default=0)
    # The card as it was before this answer, so Undo can restore it exactly.
    card_before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Given when the learner answers, so an answer sent twice (a retry from the outbox
    # after the server went away mid-commit) is recorded once.
    answer_id: Mapped[str | None] = mapped_column(String(36))


class QuizAttempt(Base):
    __tablename__ = "quiz_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learner.id", ondelete="CASCADE"), index=True
    )
    scope: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[int] = mapped_column(Time, default=now)
    finished_at: Mapped[int | None] = mapped_column(Time)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    total: Mapped[int] = mapped_column(Integer, default=0)


class QuizAnswer(Base):
    __tablename__ = "quiz_answer"
    __table_args__ = (Index("uq_quiz_answer_answer_id", "answer_id", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempt.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    response: Mapped[Any] = mapped_column(JSON, default=None)
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[int] = mapped_column(Time, default=now)
    answer_id: Mapped[str | None] = mapped_column(String(36))  # as ReviewLog.answer_id
