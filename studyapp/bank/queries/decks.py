"""Decks: names, a deck with its sub-decks ("Parent::Child"), creating missing ones."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from studyapp.bank.models import Deck, Question, now
from studyapp.bank.queries.common import run, visibility

SEPARATOR = "::"


def deck_names(session: Session) -> dict[int, str]:
    """Every deck's name by id."""
    return dict(session.execute(select(Deck.id, Deck.name)).all())  # type: ignore[arg-type]


def decks_in_use(session: Session) -> dict[int, str]:
    """The name by id of every deck that holds a question, itself or in a sub-deck.

    A deck emptied by deleting its questions or its article stays in the bank (a new
    generation or import into its name fills it again, as in Anki), but lists leave it out.
    """
    names = deck_names(session)
    holding = run(
        session, select(Question.deck_id).where(*visibility(session)).group_by(Question.deck_id)
    ).scalars()
    used: set[str] = set()
    for deck_id in holding:
        parts = names.get(deck_id, "").split(SEPARATOR)
        used.update(SEPARATOR.join(parts[: i + 1]) for i in range(len(parts)))
    return {deck_id: name for deck_id, name in names.items() if name in used}


def in_family(name: str, root: str) -> bool:
    """True when deck ``name`` is ``root`` or one of its sub-decks."""
    return name == root or name.startswith(root + SEPARATOR)


def family_ids(session: Session, deck_ids: Iterable[int]) -> list[int] | None:
    """Ids of the given decks and all their sub-decks; None when one of them does not exist."""
    names = deck_names(session)
    roots = [names.get(deck_id) for deck_id in deck_ids]
    if any(root is None for root in roots):
        return None
    return sorted(
        deck_id
        for deck_id, name in names.items()
        if any(in_family(name, root) for root in roots if root is not None)
    )


def decks_named(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of those of the named decks that exist."""
    return _ids_by_name(session, names)


def ensure_decks(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of the named decks, creating the missing ones and their parents."""
    wanted: set[str] = set()
    for name in names:
        parts = name.split(SEPARATOR)
        wanted.update(SEPARATOR.join(parts[: i + 1]) for i in range(len(parts)))
    known = _ids_by_name(session, wanted)
    missing = sorted(wanted - set(known))
    if missing:
        session.execute(insert(Deck), [{"name": name, "created_at": now()} for name in missing])
        known.update(_ids_by_name(session, missing))
    return known


def _ids_by_name(session: Session, names: Iterable[str]) -> dict[str, int]:
    return dict(
        session.execute(select(Deck.name, Deck.id).where(Deck.name.in_(list(names)))).all()  # type: ignore[arg-type]
    )
