"""Dated events: one per date expression with a year, plus relative dates resolved from context."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from studyapp.content.extraction.dates import DateExpression, clock_times, find_dates, iso
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.factlines import fact_line
from studyapp.core.extraction import Event

SUMMARY_WORDS = 24
_LEAD = re.compile(
    r"^\s*(?:(?:on|in|at|by|from|since|during|after|before|until|following|as of|around|about)\s+)?"
    r"(?:(?:the\s+)?(?:end|beginning|start|middle|first half|second half|spring|summer|autumn|"
    r"fall|winter)\s+of\s+)?$",
    re.I,
)


def summarise(sentence: str, start: int, end: int) -> str:
    """A short "what happened": the sentence without its leading date phrase, cut to a clause."""
    before, after = sentence[:start], sentence[end:]
    text = after.lstrip(" ,;:") if _LEAD.match(before) else sentence
    text = re.split(r";\s|\s[—–]\s", text)[0]
    words = text.split()
    if len(words) > SUMMARY_WORDS:
        clause = re.split(r",\s(?:which|who|while|but|although|though|seeking|killing)\b", text)[0]
        if len(clause.split()) < 6:
            clause = text
        words = clause.split()[:SUMMARY_WORDS]
        text = " ".join(words) + ("…" if len(clause.split()) > SUMMARY_WORDS else "")
    text = text.strip().rstrip(",;:")
    return text[:1].upper() + text[1:] if text else sentence.strip()


def _add(date: str, precision: str, amount: int, unit: str) -> tuple[str, str] | None:
    """Shift an ISO date by ``amount`` units; None when the unit is finer than the precision."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (
        parts[0],
        parts[1] if len(parts) > 1 else 0,
        parts[2] if len(parts) > 2 else 0,
    )
    if unit == "year":
        return iso(year + amount, month, day), precision
    if unit == "month" and month:
        total = year * 12 + month - 1 + amount
        year, month = divmod(total, 12)
        day = min(day, calendar.monthrange(year, month + 1)[1]) if day else 0
        return iso(year, month + 1, day), precision
    if unit in ("day", "week") and day:
        shifted = dt.date(year, month, day) + dt.timedelta(
            days=amount * (7 if unit == "week" else 1)
        )
        return shifted.isoformat(), "day"
    return None


def _resolve(
    expression: DateExpression, context: tuple[str, str] | None, latest: str
) -> tuple[str, str] | None:
    """Date and precision of a yearless or relative expression.

    A relative one ("9 days later") counts from the last stated date, ``context``. A
    yearless one ("on 6 January") is the next such day after ``latest``, the latest day
    or month the story stated (or a few weeks before it): a date mentioned in passing
    ("compared to 17 April 1975") does not turn the story's clock back, nor does a bare
    year or a fact sheet's summary. Before any
    stated date, ``context`` is the publication date and the day is the last one
    on or before it: news reports what has happened.
    """
    if context is None:
        return None
    date, precision = context
    if expression.kind == "yearless":
        anchor = latest or date
        year, month, day = (int(part) for part in (anchor + "-00-00").split("-")[:3])
        wanted = (expression.month, expression.day)
        if latest:
            # Histories run forward: the next such day ("On 6 January" after December 1978
            # is 1979), unless it lies just before, a step back a summary told first makes
            # ("Launched on July 16" after "landed on July 20, 1969" is 1969, not 1970).
            here = month * 31 + (day or 1)
            there = expression.month * 31 + (expression.day or 1)
            if there < here and here - there > STEP_BACK_DAYS:
                year += 1
        elif day and wanted > (month, day):
            year -= 1  # the last such day before publication
        return iso(year, expression.month, expression.day), expression.precision
    if expression.kind == "relative" and expression.unit:
        return _add(date, precision, expression.offset, expression.unit)
    return None


STEP_BACK_DAYS = 45
# "Born: August 5, 1930 - Died: August 25, 2012": a life date stated in passing does not move
# the story's clock (a later "On July 20" is still 1969, not 2013).
_LIFE_DATE = re.compile(r"\b(?:born|died|b\.|d\.)\s*:?\s*(?:on\s+|in\s+)?$", re.IGNORECASE)


def publication_context(published: str) -> tuple[str, str] | None:
    """The publication date as a starting context for yearless dates ("on July 7")."""
    explicit = [e for e in find_dates(published) if e.kind == "explicit"]
    return (explicit[0].date, explicit[0].precision) if explicit else None


def find_events(passages: list[ParsedPassage], published: str = "") -> list[Event]:
    """Every dated event of an article, in text order.

    Each date expression with a year is an event. Yearless dates ("by the end of
    June") and relative ones ("9 days later") in sentences without a stated date
    are resolved against the last stated date before them (or the publication
    date ``published``) and marked inferred.
    """
    events: list[Event] = []
    context = publication_context(published)
    latest = ""  # the latest day or month the story has stated so far
    for passage in passages:
        # A fact sheet's dates ("Date: 7 January 1978 – 11 February 1979") sum the story up
        # before it is told: they do not set its clock.
        summary = all(fact_line(line) is not None for line in passage.text.splitlines() if line.strip())
        for sentence_start, sentence_end in passage.sentences:
            sentence = passage.text[sentence_start:sentence_end]
            stripped = sentence.strip()
            offset = sentence_start + (len(sentence) - len(sentence.lstrip()))
            expressions = find_dates(stripped)
            has_explicit = any(e.kind == "explicit" for e in expressions)
            # "Five days later, on 23 March": the stated day wins over the offset.
            has_day = has_explicit or any(e.kind == "yearless" and e.day for e in expressions)
            for expression in expressions:
                if expression.kind == "explicit":
                    date, precision, inferred = expression.date, expression.precision, False
                elif (expression.kind == "yearless" and not has_explicit) or (
                    expression.kind == "relative" and not has_day
                ):
                    resolved = _resolve(expression, context, latest)
                    if resolved is None:
                        continue
                    (date, precision), inferred = resolved, True
                else:
                    continue
                events.append(
                    Event(
                        date=date,
                        precision=precision,
                        summary=summarise(stripped, expression.start, expression.end),
                        text=expression.text,
                        passage=passage.index,
                        start=offset + expression.start,
                        end=offset + expression.end,
                        sentence=stripped,
                        end_date=expression.end_date,
                        inferred=inferred,
                    )
                )
                if not inferred and not summary and not _LIFE_DATE.search(stripped[: expression.start]):
                    context = (date, precision)
                    if precision in ("day", "month"):
                        # The story's clock: the latest day or month it told. A bare year is
                        # usually a glance elsewhere ("the 1953 coup", "murdered in 1991").
                        latest = max(latest, date)
    return events


def date_spans(passage: ParsedPassage) -> list[tuple[int, int]]:
    """Character spans of the date expressions of a passage whose numbers are not figures.

    Relative expressions ("9 days later") are left out: their number is a duration. Clock
    times ("at 2200") are in: their number is neither a date nor a count.
    """
    spans = []
    for start, end in passage.sentences:
        sentence = passage.text[start:end]
        for expression in find_dates(sentence):
            if expression.kind != "relative":
                spans.append((start + expression.start, start + expression.end))
        spans.extend((start + s, start + e) for s, e in clock_times(sentence))
    return spans
