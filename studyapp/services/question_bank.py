"""The Question bank: browse, search and filter questions in pages; edit, suspend and delete them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studyapp.bank.database import Bank
from studyapp.bank.queries import questions
from studyapp.bank.queries.decks import deck_names, ensure_decks, in_family
from studyapp.bank.queries.questions import QuestionFilter, QuestionRow
from studyapp.bank.queries.study_sets import EDITED_TAG, PROMOTED_TAG
from studyapp.core.questions import QuestionRecord

SOURCES = ("generated", "imported", "manual")  # "manual": written by hand in the browser
EVERY_QUESTION = QuestionFilter()


@dataclass(frozen=True)
class QuestionDetail:
    """Everything about one question, for the detail pane and the edit dialog."""

    id: int
    kind: str
    prompt: str
    answer: str
    explanation: str
    deck: str
    origin: str
    suspended: bool
    difficulty: float
    tags: str
    payload: dict[str, Any] = field(default_factory=dict)
    source_text: str = ""  # the span of the source passage the question comes from
    article_title: str = ""


@dataclass(frozen=True)
class DeckChoice:
    """A deck for the filter menu, with how many questions it (and its sub-decks) holds."""

    id: int
    name: str
    count: int


def count_questions(bank: Bank, bank_filter: QuestionFilter = EVERY_QUESTION) -> int:
    """How many questions match ``bank_filter``."""
    with bank.reading() as session:
        return questions.count_questions(session, bank_filter)


def list_questions(
    bank: Bank,
    bank_filter: QuestionFilter = EVERY_QUESTION,
    offset: int = 0,
    limit: int = 500,
    learner_id: int | None = None,
    sort: str = "added",
    descending: bool = False,
) -> list[QuestionRow]:
    """One page of matching questions in a stable order: as added, or sorted by ``sort``
    (prompt, answer, kind, deck, due, interval, reviews, lapses, tags, origin), with the
    learner's card details."""
    with bank.reading() as session:
        return questions.list_questions(
            session, bank_filter, offset, limit, learner_id, sort, descending
        )


def change_tags(
    bank: Bank, question_ids: list[int], add: tuple[str, ...] = (), remove: tuple[str, ...] = ()
) -> int:
    """Add and remove tags on questions (tags are single words); return how many changed."""
    with bank.transaction() as session:
        return questions.change_tags(session, question_ids, add, remove)


def list_decks(bank: Bank, reviewable: bool = False) -> list[DeckChoice]:
    """Every deck holding questions with their count (sub-decks included), by name; with
    ``reviewable`` only decks with study-set flashcards (Review has nothing else to show).

    Decks left empty (their questions or article deleted) are not offered.
    """
    with bank.reading() as session:
        own = questions.questions_per_deck(session, reviewable)
        names = deck_names(session)
    ordered = sorted(names.items(), key=lambda item: item[1])
    choices = [
        DeckChoice(
            id=deck_id,
            name=name,
            count=sum(
                own.get(other, 0) for other, other_name in ordered if in_family(other_name, name)
            ),
        )
        for deck_id, name in ordered
    ]
    return [choice for choice in choices if choice.count]


def list_source_articles(bank: Bank) -> list[tuple[int, str]]:
    """(id, title) of every article some question comes from."""
    with bank.reading() as session:
        return questions.source_articles(session)


def get_question(bank: Bank, question_id: int) -> QuestionDetail | None:
    """One question with its explanation, payload and source text, or None if it is gone."""
    with bank.reading() as session:
        stored = questions.get_question(session, question_id)
    if stored is None:
        return None
    source_text = ""
    if stored.passage_text is not None:
        start = stored.source_start or 0
        end = stored.source_end or len(stored.passage_text)
        source_text = stored.passage_text[start:end]
    return QuestionDetail(
        id=stored.id, kind=stored.kind, prompt=stored.prompt, answer=stored.answer,
        explanation=stored.explanation, deck=stored.deck, origin=stored.origin,
        suspended=stored.suspended, difficulty=stored.difficulty, tags=stored.tags,
        payload=stored.payload, source_text=source_text, article_title=stored.article_title or "",
    )  # fmt: skip


@dataclass(frozen=True)
class QuestionParts:
    """What a question's kind needs beside its prompt, as the edit dialog lays it out."""

    answer: str = ""
    choices: tuple[tuple[str, bool], ...] = ()  # choice, multi: (text, right)
    items: tuple[str, ...] = ()  # order: in the right order
    pairs: tuple[tuple[str, str], ...] = ()  # match: (left, right)
    accepted: tuple[str, ...] = ()  # typed: other answers accepted
    tolerance: float = 0.0  # numerical


def answer_and_payload(kind: str, parts: QuestionParts) -> tuple[str, dict[str, Any]]:
    """The stored answer and payload of a question of ``kind`` (see QuestionRecord).

    Raises:
        ValueError: What is missing, in words for the learner.
    """
    answer = parts.answer.strip()
    if kind in ("choice", "multi"):
        kept = [(text.strip(), right) for text, right in parts.choices if text.strip()]
        choices = [text for text, _right in kept]
        right = [index for index, (_text, ok) in enumerate(kept) if ok]
        if len(choices) < 2 or not right:
            raise ValueError("Give at least two choices and mark the right one(s) with *.")
        if kind == "choice" and len(right) != 1:
            raise ValueError("A multiple-choice question has exactly one right choice.")
        return "; ".join(choices[i] for i in right), {"choices": choices, "correct": right}
    if kind == "true_false":
        if answer not in ("True", "False"):
            raise ValueError("A true-or-false statement is either True or False.")
        return answer, {"answer": answer == "True"}
    if kind == "order":
        items = [item.strip() for item in parts.items if item.strip()]
        if len(items) < 2 or len(set(items)) != len(items):
            raise ValueError("Give at least two different items, in the right order.")
        return " → ".join(items), {"items": items}
    if kind == "match":
        pairs = [[left.strip(), right.strip()] for left, right in parts.pairs
                 if left.strip() and right.strip()]  # fmt: skip
        if len(pairs) < 2:
            raise ValueError("Give at least two pairs, one a line, as left = right.")
        return "; ".join(f"{left} → {right}" for left, right in pairs), {"pairs": pairs}
    if not answer and kind != "cloze":  # a cloze's answer is the text its gap hides
        raise ValueError("A question needs an answer.")
    if kind == "numerical":
        try:
            float(answer.replace(",", ""))
        except ValueError:
            raise ValueError(f"{answer!r} is not a number.") from None
        return answer, {"tolerance": abs(parts.tolerance)}
    if kind == "typed":
        return answer, {"accepted": [text.strip() for text in parts.accepted if text.strip()]}
    return answer, {}  # basic, cloze: the prompt says it all (a cloze keeps its number)


def add_question(
    bank: Bank, deck: str, kind: str, prompt: str, parts: QuestionParts, explanation: str = ""
) -> int:
    """Add a question written by hand to ``deck`` (made if missing); return its id.

    Raises:
        ValueError: The prompt or what the kind needs is missing, or the deck already
            holds this question.
    """
    if not prompt.strip():
        raise ValueError("A question needs a prompt.")
    if not deck.strip():
        raise ValueError("Choose a deck for the question.")
    # Not at the top: generation brings the language tools, which the browser must not
    # wait for at start-up.
    from studyapp.services.generation import content_hash

    answer, payload = answer_and_payload(kind, parts)
    if kind == "cloze":
        if "{{c1::" not in prompt:
            raise ValueError("Write the hidden part of a cloze as {{c1::hidden text}}.")
        payload["cloze"] = 1  # the card asks {{c1::…}}
    record = QuestionRecord(kind, prompt.strip(), answer, payload, explanation.strip())
    digest = content_hash(record)
    with bank.transaction() as session:
        deck_id = ensure_decks(session, [deck.strip()])[deck.strip()]
        if questions.hash_in_deck(session, deck_id, digest):
            raise ValueError("That deck already holds this question.")
        return questions.add_question(session, deck_id, record, digest)


def update_question(
    bank: Bank, question_id: int, prompt: str, answer: str, explanation: str,
    parts: QuestionParts | None = None,
) -> None:  # fmt: skip
    """Save the learner's wording (and, given ``parts``, choices, pairs or order);
    regeneration will not overwrite an edited question.

    Raises:
        ValueError: The prompt is empty, or ``parts`` lack what the kind needs.
        KeyError: The question no longer exists.
    """
    if not prompt.strip():
        raise ValueError("A question needs a prompt.")
    with bank.transaction() as session:
        stored = questions.get_question(session, question_id)
        if stored is None:
            raise KeyError(question_id)
        changes: dict[str, Any] = {
            "prompt": prompt.strip(), "answer": answer.strip(), "explanation": explanation.strip(),
        }  # fmt: skip
        payload = dict(stored.payload)
        if parts is not None:
            changes["answer"], kind_payload = answer_and_payload(stored.kind, parts)
            changes["payload"] = payload | kind_payload
        elif (
            stored.kind == "choice"
            and stored.answer != changes["answer"]
            and payload.get("choices")
        ):
            # The right choice is the answer: keep the options in step with the new wording.
            choices = list(payload["choices"])
            for index in payload.get("correct", []):
                if 0 <= index < len(choices) and choices[index] == stored.answer:
                    choices[index] = changes["answer"]
            changes["payload"] = payload | {"choices": choices}
        tags = stored.tags.split()
        if stored.origin == "generated" and EDITED_TAG not in tags:
            changes["tags"] = " ".join([*tags, EDITED_TAG])
        questions.save_question(session, question_id, **changes)


def set_in_study_set(bank: Bank, question_ids: list[int], studied: bool) -> int:
    """Promote "more" questions into the study set (or move them back out).

    A promoted question is tagged, so regenerating the article keeps it in the set.
    """
    with bank.transaction() as session:
        found = questions.question_tags(session, question_ids)
        for question_id, (tags, extra) in found.items():
            kept = [tag for tag in tags.split() if tag != PROMOTED_TAG]
            if studied and extra:
                kept.append(PROMOTED_TAG)
            questions.save_question(session, question_id, tags=" ".join(kept), extra=not studied)
        return len(found)


def set_suspended(bank: Bank, question_ids: list[int], suspended: bool) -> int:
    """Suspend (or unsuspend) questions: suspended ones are never reviewed nor quizzed."""
    with bank.transaction() as session:
        return questions.suspend_questions(session, question_ids, suspended)


def delete_questions(bank: Bank, question_ids: list[int]) -> int:
    """Delete questions with their cards and review history, in one transaction."""
    with bank.transaction() as session:
        return questions.delete_questions(session, question_ids)


def question_location(bank: Bank, question_id: int) -> tuple[int, int, int, int] | None:
    """(article id, passage ordinal, start, end) of a question's source, for "show in article"."""
    with bank.reading() as session:
        return questions.question_source(session, question_id)


__all__ = [
    "SOURCES",
    "QuestionParts",
    "add_question",
    "answer_and_payload",
    "change_tags",
    "DeckChoice",
    "QuestionDetail",
    "QuestionFilter",
    "QuestionRow",
    "count_questions",
    "delete_questions",
    "get_question",
    "list_decks",
    "list_questions",
    "list_source_articles",
    "question_location",
    "set_in_study_set",
    "set_suspended",
    "update_question",
]
