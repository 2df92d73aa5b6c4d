"""Grading a quiz response for each question kind; typed answers forgive small slips."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from rapidfuzz.distance import Levenshtein

from studyapp.core.study import Grade, StudyError
from studyapp.study.cloze import cloze_answers

TAG = re.compile(r"<[^>]+>")
NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:[, _]\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
# "about 30" is answered by "30": the learner knows the number, the hedge is the article's.
APPROXIMATION = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|over|under|up to|at least|"
    r"at most|more than|less than|fewer than|as many as|close to|an estimated) (?=\d)"
)
THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}(?!\d))")


def plain(text: str) -> str:
    """Text without HTML tags or entities (imported answers may hold markup)."""
    return html.unescape(TAG.sub(" ", text)).strip()


def normalise(text: str) -> str:
    """Case-, accent-, punctuation- and article-insensitive form of a typed answer."""
    # "1,000" and "1000" are the same number; without this the comma would split it in two.
    decomposed = unicodedata.normalize("NFKD", THOUSANDS.sub("", plain(text)).casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^\w]+", " ", letters).strip()
    return LEADING_ARTICLE.sub("", words)


def allowed_slips(length: int) -> int:
    """Edits forgiven in an answer of ``length`` characters: none for short words."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 16 else 3


def typed_match(response: str, accepted: list[str]) -> tuple[bool, bool]:
    """(correct, exact) for a typed response against the accepted answers.

    A slip never turns one number into another: "1963" is not "1964".
    """
    given = normalise(response)
    if not given:
        return False, False
    forms = [normalise(answer) for answer in accepted if normalise(answer)]
    forms += [APPROXIMATION.sub("", form) for form in forms if APPROXIMATION.match(form)]
    if given in forms:
        return True, True
    given_digits = re.findall(r"\d+", given)
    for form in forms:
        if re.findall(r"\d+", form) != given_digits:
            continue
        limit = allowed_slips(len(form))
        if limit and Levenshtein.distance(given, form, score_cutoff=limit) <= limit:
            return True, False
    return False, False


def typed_diff(given: str, expected: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """What the learner typed against the right answer, character by character, as Anki shows it.

    Returns (typed, answer): runs of (ok, text). In ``typed``, a run that is not ok was
    typed wrong; in ``answer``, it is what was missing or mistyped. Case is forgiven.
    """
    from difflib import SequenceMatcher

    given, expected = given.strip(), plain(expected)
    matcher = SequenceMatcher(None, given.casefold(), expected.casefold(), autojunk=False)
    typed: list[tuple[bool, str]] = []
    answer: list[tuple[bool, str]] = []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        same = operation == "equal"
        for runs, text in ((typed, given[a_start:a_end]), (answer, expected[b_start:b_end])):
            if not text:
                continue
            if runs and runs[-1][0] == same:  # "replace" then "equal"... one run per colour
                runs[-1] = (same, runs[-1][1] + text)
            else:
                runs.append((same, text))
    return typed, answer


def parse_number(text: Any) -> float | None:
    """The first number in ``text`` ("1,234.5 km" -> 1234.5), or None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text)
    match = NUMBER.search(str(text))
    if match is None:
        return None
    return float(re.sub(r"[, _]", "", match.group(0)))


def _typed(response: Any, accepted: list[str]) -> Grade:
    correct, exact = typed_match(str(response or ""), accepted)
    note = "" if exact or not correct else "Accepted with a small spelling slip."
    return Grade(correct=correct, expected=plain(accepted[0]) if accepted else "", note=note)


def grade(kind: str, prompt: str, answer: str, payload: Mapping[str, Any], response: Any) -> Grade:
    """Judge ``response`` to a question of ``kind`` with its prompt, answer and payload.

    Response shapes: choice -> the chosen option text; multi -> list of option
    texts; true_false -> bool; order -> list of items; match -> {left: right};
    typed/basic/cloze -> str; numerical -> str or number.
    """
    if kind in ("choice", "multi"):
        choices = [str(choice) for choice in payload.get("choices", [])]
        right = {choices[i] for i in payload.get("correct", []) if 0 <= i < len(choices)}
        picked = {response} if kind == "choice" else set(response or [])
        expected = "; ".join(sorted(right))
        return Grade(bool(right) and picked == right, expected, right_options=tuple(sorted(right)))
    if kind == "true_false":
        truth = bool(payload.get("answer", str(answer).strip().lower() in ("true", "yes")))
        shown = "True" if truth else "False"
        changed, original = str(payload.get("changed", "")), str(payload.get("original", ""))
        note = f"The article says “{original}”, not “{changed}”." if changed and original else ""
        return Grade(response is truth, shown, note, right_options=(shown,), changed=changed)
    if kind == "order":
        items = [str(item) for item in payload.get("items", [])]
        return Grade(list(response or []) == items, " → ".join(items), right_options=tuple(items))
    if kind == "match":
        pairs = {str(left): str(right) for left, right in payload.get("pairs", [])}
        given = {str(k): str(v) for k, v in dict(response or {}).items()}
        expected = "; ".join(f"{left} → {right}" for left, right in pairs.items())
        return Grade(given == pairs, expected, right_pairs=tuple(pairs.items()))
    if kind == "numerical":
        value = parse_number(payload.get("value", answer))
        if value is None:
            raise StudyError(f"numerical question has no number in its answer: {answer!r}")
        tolerance = abs(float(payload.get("tolerance", 0) or 0))
        given = parse_number(response)
        ok = given is not None and math.isclose(given, value, abs_tol=tolerance + 1e-9)
        shown = plain(answer) or f"{value:g}"
        return Grade(correct=ok, expected=shown + (f" (± {tolerance:g})" if tolerance else ""))
    if kind == "cloze":
        number = int(payload.get("cloze", 1))
        hidden = cloze_answers(prompt, number)
        return _typed(response, [" ".join(hidden)] if hidden else [answer])
    if kind in ("typed", "basic"):
        return _typed(response, [answer, *[str(a) for a in payload.get("accepted", [])]])
    raise StudyError(f"unknown question kind: {kind!r}")
