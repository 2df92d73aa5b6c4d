"""Date expressions in a sentence, normalised to ISO 8601 cut to their precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from studyapp.content.extraction.numbers import words_to_number

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Capitalised month names only: "may" and "march" are also common words.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_YEAR = r"(?:1\d\d\d|20\d\d|[1-9]\d\d)"
# A bare number from 1000 to 1399 is as often a count ("1200 horsemen") as a year: it is a
# year only after a word that introduces one ("in 1324", "about 1337", "(1260-77)").
_MEDIEVAL = 1400
# Words that introduce a year ("in 1324", "about 1337"); before one from 1000 to 1399 a
# range or list may too ("between 1312 and 1337", "(1260-77)"), never before a bare 751.
_YEAR_WORDS = (
    r"in|of|since|until|till|during|after|before|from|around|about|circa|c\.|ca\.|AD|A\.D\.|CE"
    r"|early|late|mid|spring|summer|autumn|winter|year"
)
_BEFORE_AN_EARLY_YEAR = re.compile(rf"\b(?:{_YEAR_WORDS})\s*$", re.IGNORECASE)
_BEFORE_A_YEAR = re.compile(rf"(?:\b(?:{_YEAR_WORDS}|by|between|and|to|or|mid-)|[(–-])\s*$", re.IGNORECASE)
_COUNTED_NOUNS = frozenset({"men", "people", "cavalry", "infantry", "horse", "foot", "strong", "years", "more"})
_AMOUNT_WORDS = frozenset({"of", "around", "about", "circa", "c.", "ca.", "from"})
# Words that may follow a year but never a count: "in 751 she adopted", "in 755 and".
_NOT_COUNTED = frozenset(
    "he she it they we the a an his her its their and or but when after before at in on to as was were had".split()  # noqa: SIM905
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_THRU = r"\s*(?:-|–|—|to|until|till|through|and|or)\s*"
_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
             "new year's": (1, 1), "new year": (1, 1), "boxing day": (12, 26)}  # fmt: skip
_HOLIDAY = (
    r"(?:Christmas Eve|Christmas(?: [Dd]ay)?|New Year(?:['’]s)?(?: [Dd]ay| [Ee]ve)?|Boxing Day)"
)
_PERIOD_WORDS = r"(?:days?|weeks?|months?|years?)"
_AMOUNT = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|a few|a|an|several)"
)

# (kind, pattern). Earlier patterns win where matches overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in (
        ("full_range", rf"(?P<m1>{MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y>{_YEAR}){_THRU}(?P<m2>{MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b"),
        ("full_range", rf"\b(?P<d1>{_DAY})\s+(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR}){_THRU}(?P<d2>{_DAY})\s+(?P<m2>{MONTH}),?\s+(?P<y2>{_YEAR})\b"),
        ("year_range", rf"\b[Bb]etween\s+(?P<y>{_YEAR})\s+and\s+(?P<y2>{_YEAR})\b"),
        ("month_day_range_year", rf"(?P<m1>{MONTH})\s+(?P<d1>{_DAY}){_THRU}(?P<m2>{MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
        ("day_month_range_year", rf"\b(?P<d1>{_DAY})\s+(?P<m1>{MONTH}){_THRU}(?P<d2>{_DAY})\s+(?P<m2>{MONTH}),?\s+(?P<y>{_YEAR})\b"),
        ("month_days_year", rf"(?P<m1>{MONTH})\s+(?P<d1>{_DAY}){_THRU}(?P<d2>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
        ("days_month_year", rf"\b(?P<d1>{_DAY})(?:\s*,\s*{_DAY})*,?{_THRU}(?:even\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR})\b"),
        ("day_month_year_range", rf"\b(?P<d1>{_DAY})\s+(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR}){_THRU}(?P<y2>{_YEAR})\b"),
        ("month_day_year", rf"(?P<m1>{MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y>{_YEAR})\b"),
        ("day_month_year", rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR})\b"),
        ("holiday_year", rf"(?P<h>{_HOLIDAY}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("numeric", r"(?<![\w/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>" + _YEAR + r")(?![\w/])"),
        ("dotted", r"(?<![\w.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>" + _YEAR + r")(?![\w.]|\.\d)"),
        ("iso", r"(?<![\w/-])(?P<y>" + _YEAR + r")-(?P<a>\d\d)-(?P<b>\d\d)(?![\w/-])"),
        ("month_year_range", rf"(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR}){_THRU}(?P<m2>{MONTH}),?\s+(?P<y2>{_YEAR})\b"),
        ("month_range_year", rf"(?P<m1>{MONTH}){_THRU}(?P<m2>{MONTH}),?\s+(?P<y>{_YEAR})\b"),
        ("month_year", rf"(?P<m1>{MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("decade", r"\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:1\d\d|20\d)0['’]?s\b"),
        ("year_range", rf"(?<![\w$/.,])(?P<y>{_YEAR})\s*(?:-|–|—|to|until|till|through)\s*(?P<y2>{_YEAR}|\d\d)(?![\w/%])"),
        ("year_range", rf"(?<![\w$/.,])(?P<y>{_YEAR})/(?P<y2>\d\d)(?![\w/%])"),
        ("year", rf"(?<![\w$/.,#-])(?P<y>{_YEAR})(?![\w/%]|['’]s|,\d|\.\d)"),
        ("month_day", rf"(?P<m1>{MONTH})\s+(?P<d1>{_DAY})(?![\d,.]*\d)"),
        ("day_month", rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{MONTH})"),
        ("month", rf"(?:\b(?:in|since|until|till|by|from|to|of|early|late|mid-?|during|before|after)\s+)(?P<m1>{MONTH})"),
        ("relative", rf"(?i)\b(?P<n>{_AMOUNT})\s+(?P<u>{_PERIOD_WORDS})\s+(?P<dir>later|earlier|after(?:wards)?|before|afterwards)\b"),
        ("relative", r"(?i)\b(?:the\s+)(?P<dir>next|following|previous|same)\s+(?P<u>day|week|month|year)\b"),
    )
]  # fmt: skip
# A year in parentheses right after a number or an identifier is part of that
# identifier ("resolution 718 (1991)"), not a date.
_IDENTIFIER_BEFORE = re.compile(
    r"(?:\d|\b[A-Z]{1,3})\s*\($|(?:No|Resolution|Article|Act|Law|Decree)\.?\s*$", re.I
)
_IDENTIFIER_AFTER = re.compile(r"^\s*(?:/|-\d|\d)")
_COUNTED_AFTER = re.compile(
    r"^\s+(?:people|soldiers|troops|men|women|children|persons|dollars|riels|tons|km|kilometres|kilometers|metres|meters|miles|units|families)\b",
    re.I,
)
_HALF = re.compile(
    r"\b(?:(?:the\s+)?(?:first|second|latter|last)\s+half|(?:the\s+)?(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)|early|late|mid)\s*(?:of\s+)?-?\s*$",
    re.I,
)


# A four-digit clock time: "at 2200", "At approximately 0230", "1930 hours", "0600Z".
_HHMM = re.compile(r"(?<![\w$/.,:#-])(?:[01]\d|2[0-3])[0-5]\d(?![\w/%:]|[.,]\d)")
_AT = re.compile(
    r"\b[Aa]t\s+(?:(?:approximately|about|around|exactly|precisely|roughly|some)\s+)?$"
)
_CLOCK_AFTER = re.compile(r"\s*(?:hours?\b|hrs\b|h\b|H\b|Z\b|UTC|GMT|local time)")
_UNIT_AFTER = re.compile(r"\s*(?:m|km|ft|feet|foot|metres|meters|miles|yards|men|troops)\b")
_CLOCK_WITH_COLON = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?::\d\d)?(?![\d:])")


def clock_times(text: str) -> list[tuple[int, int]]:
    """Spans of clock times, which are neither years nor counts: "at 2200", "1930 hours",
    "0230" (a leading zero), "13:32:00 UTC"."""
    spans = [m.span() for m in _CLOCK_WITH_COLON.finditer(text)]
    for match in _HHMM.finditer(text):
        before, after = text[max(0, match.start() - 30) : match.start()], text[match.end() :]
        if _UNIT_AFTER.match(after):
            continue  # "at 2000 metres": a height
        if match.group().startswith("0") or _AT.search(before) or _CLOCK_AFTER.match(after):
            spans.append(match.span())
    return spans


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text.

    ``kind`` is "explicit" (has a year: ``date`` is set), "yearless" (month and
    maybe day: ``month``/``day`` set, ``date`` empty), "relative" (``offset``
    days/weeks/months/years and ``unit``), or "decade" (never an event).
    """

    start: int
    end: int
    text: str
    kind: str
    date: str = ""
    precision: str = ""
    end_date: str = ""
    month: int = 0
    day: int = 0
    offset: int = 0  # signed amount of ``unit``s for relative dates
    unit: str = ""


def _month(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def iso(year: int, month: int = 0, day: int = 0) -> str:
    """ISO 8601 cut to the given parts (``1963``, ``1963-05``, ``1963-02-20``)."""
    if not month:
        return f"{year:04d}"
    if not day:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _explicit(kind: str, g: dict[str, str]) -> tuple[str, str, str] | None:
    """(date, precision, end_date) of an expression with a year, None when invalid."""
    year = int(g["y"])
    if kind == "full_range":
        m1, m2, d1, d2, year2 = (
            _month(g["m1"]),
            _month(g["m2"]),
            _day(g["d1"]),
            _day(g["d2"]),
            int(g["y2"]),
        )
        if not (_valid(year, m1, d1) and _valid(year2, m2, d2)):
            return None
        return iso(year, m1, d1), "day", iso(year2, m2, d2)
    if kind in (
        "month_day_range_year",
        "day_month_range_year",
        "month_days_year",
        "days_month_year",
    ):
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not (_valid(year, m1, d1) and _valid(year, m2, d2)):
            return None
        return iso(year, m1, d1), "day", iso(year, m2, d2)
    if kind in ("month_day_year", "day_month_year"):
        month, day = _month(g["m1"]), _day(g["d1"])
        if not _valid(year, month, day):
            return iso(year, month), "month", ""  # "February 30, 1977": keep what is sure
        return iso(year, month, day), "day", ""
    if kind == "holiday_year":
        key = g["h"].lower().replace("’", "'").replace(" day", "").strip()
        month, day = _HOLIDAYS.get(key, _HOLIDAYS.get(key.split(" eve")[0], (0, 0)))
        return (iso(year, month, day), "day", "") if month else None
    if kind == "day_month_year_range":
        month, day = _month(g["m1"]), _day(g["d1"])
        if not _valid(year, month, day) or int(g["y2"]) <= year:
            return None
        return iso(year, month, day), "day", iso(int(g["y2"]))
    if kind in ("numeric", "iso", "dotted"):
        a, b = int(g["a"]), int(g["b"])
        # Dotted dates are written day first ("13.04.1909"); slashed ones month first
        # unless the first number cannot be a month.
        if kind == "dotted":
            a, b = b, a
        month, day = (a, b) if kind == "iso" or a <= 12 else (b, a)
        return (iso(year, month, day), "day", "") if _valid(year, month, day) else None
    if kind == "month_year_range":
        end = iso(int(g["y2"]), _month(g["m2"]))
        return iso(year, _month(g["m1"])), "month", end
    if kind == "month_range_year":
        return iso(year, _month(g["m1"])), "month", iso(year, _month(g["m2"]))
    if kind == "month_year":
        return iso(year, _month(g["m1"])), "month", ""
    if kind == "year_range":
        end = g["y2"]
        end_year = int(end) if len(end) == 4 else year // 100 * 100 + int(end)
        return (iso(year), "year", iso(end_year)) if end_year > year else None
    return iso(year), "year", ""


def _is_identifier(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 24) : start], text[end : end + 12]
    return bool(_IDENTIFIER_BEFORE.search(before) or _IDENTIFIER_AFTER.match(after))


def _relative(g: dict[str, str]) -> tuple[int, str]:
    direction = g["dir"].lower()
    if direction in ("next", "following", "previous", "same"):
        amount = {"next": 1, "following": 1, "previous": -1, "same": 0}[direction]
        return amount, g["u"].lower()
    number = g["n"].lower()
    amount = int(number) if number.isdigit() else int(words_to_number([number]) or 0)
    if number in ("a few", "several"):
        amount = 0  # too vague to resolve
    sign = -1 if direction in ("earlier", "before") else 1
    return sign * amount, g["u"].lower().rstrip("s")


def find_dates(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, in order, without overlaps (clock times are none)."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = clock_times(text)
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            expression = _build(kind, groups, text, start, end)
            if expression is not None:
                taken.append((start, end))
                found.append(expression)
    return sorted(found, key=lambda e: e.start)


def _build(kind: str, g: dict[str, str], text: str, start: int, end: int) -> DateExpression | None:
    span = text[start:end]
    if kind == "decade":
        return DateExpression(start, end, span, "decade")
    if kind == "relative":
        offset, unit = _relative(g)
        if offset == 0 and not span.lower().endswith(("same day", "same month", "same year")):
            return None
        return DateExpression(start, end, span, "relative", offset=offset, unit=unit.rstrip("s"))
    if kind in ("month_day", "day_month", "month"):
        month = _month(g["m1"])
        day = _day(g["d1"]) if "d1" in g else 0
        if day and not _valid(2000, month, day):
            return None
        if kind == "month":
            start = start + match_offset(span, g["m1"])
            span = text[start:end]
        return DateExpression(start, end, span, "yearless", month=month, day=day,
                              precision="day" if day else "month")  # fmt: skip
    if kind in ("year", "year_range") and _is_identifier(text, start, end):
        return None
    if int(g["y"]) < 1000 and not _early_year(kind, text, start, end):
        return None
    if (
        kind in ("year", "year_range")
        and int(g["y"]) < _MEDIEVAL
        and not span.lower().startswith("between")
        and not _BEFORE_A_YEAR.search(text[max(0, start - 12) : start])
    ):
        return None
    if (
        kind == "year"
        and _COUNTED_AFTER.match(text[end:])
        and not re.search(
            r"\b(?:in|since|by|until|of|during|after|before|from)\s+$",
            text[max(0, start - 8) : start],
        )
    ):
        return None
    parts = _explicit(kind, g)
    if parts is None:
        return None
    date, precision, end_date = parts
    return DateExpression(start, end, span, "explicit", date, precision, end_date)


def _early_year(kind: str, text: str, start: int, end: int) -> bool:
    """A three-digit number is a year only where nothing else fits: after a month ("16
    December 755") or after a word that introduces a year and before a word that does not
    count it ("in 751 she adopted", not "in 300 ships", "about 400 armed men"); never BC."""
    after = text[end:]
    if re.match(r"\s*(?:BC|BCE|B\.C\.)", after):
        return False
    if kind not in ("year", "year_range"):
        return True  # the month or day says it is a date
    introducer = _BEFORE_AN_EARLY_YEAR.search(text[max(0, start - 12) : start])
    if not introducer:
        return False
    following = re.match(r"\s*([A-Za-z]+)", after)
    if following is None or following.group(1) in _NOT_COUNTED:
        return True
    # "in 751 An Lushan", "in 752 brought": after "in" a name or a verb may follow a year;
    # "in 300 ships" counts. "around 500 KR soldiers", "73 of 105 Irish seats" count after
    # the words that also introduce amounts.
    if introducer.group(0).strip().lower() in _AMOUNT_WORDS:
        return False
    word = following.group(1)
    return not word.islower() or not (word.endswith("s") or word in _COUNTED_NOUNS)


def match_offset(span: str, word: str) -> int:
    """Offset of ``word`` inside ``span`` (the month name after its preposition)."""
    return span.rfind(word)


def is_vague_period(text: str, start: int) -> bool:
    """True when the words before a year make it a part of that year ("the second half of")."""
    return bool(_HALF.search(text[max(0, start - 30) : start]))
