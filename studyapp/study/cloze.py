"""Cloze deletions with Anki's semantics: ``{{c1::answer::hint}}``; the active one is hidden."""

from __future__ import annotations

import re

# Non-greedy so two deletions on one line stay separate; the hint cannot contain "}}".
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::((?:(?!\}\}).)*?))?\}\}", re.DOTALL)


def cloze_numbers(prompt: str) -> tuple[int, ...]:
    """The distinct cloze numbers used in ``prompt``, ascending."""
    return tuple(sorted({int(match.group(1)) for match in CLOZE.finditer(prompt)}))


def cloze_answers(prompt: str, number: int) -> tuple[str, ...]:
    """The texts hidden by cloze ``number`` (one per occurrence), in order."""
    return tuple(
        match.group(2) for match in CLOZE.finditer(prompt) if int(match.group(1)) == number
    )


def render_front(prompt: str, number: int, html: bool = True) -> str:
    """The question side: cloze ``number`` becomes ``[...]`` (or ``[hint]``), others show as text.

    With ``html`` the gap is wrapped in ``<span class="cloze">`` so the page can style it.
    """

    def replace(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        hint = match.group(3)
        gap = f"[{hint}]" if hint else "[...]"
        return f'<span class="cloze">{gap}</span>' if html else gap

    return CLOZE.sub(replace, prompt)


def render_back(prompt: str, number: int, html: bool = True) -> str:
    """The answer side: every deletion shown as text, cloze ``number`` highlighted."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(2)
        if int(match.group(1)) != number or not html:
            return text
        return f'<span class="cloze">{text}</span>'

    return CLOZE.sub(replace, prompt)
