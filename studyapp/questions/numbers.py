"""Numbers for questions: how a figure is shown, typed alternatives and wrong values of the same size."""

from __future__ import annotations

import math
import random
import re

APPROXIMATE = re.compile(
    r"^(?:more than|over|almost|about|around|nearly|approximately|up to|at least|some|roughly|"
    r"fewer than|less than|only|just|under)\b",
    re.IGNORECASE,
)
WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}


def qualifier(text: str) -> str:
    """The approximation words in front of a number as written ("more than"), or ""."""
    match = APPROXIMATE.match(text.strip())
    return match.group(0).lower() if match else ""


def plain(value: float) -> str:
    """A value with thousands separators and no needless decimals: 615000 -> "615,000"."""
    if value >= 1_000_000 and value % 100_000 == 0:
        millions = value / 1_000_000
        return f"{millions:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def shown(value: float, unit: str) -> str:
    """A value with its money or percent sign: "$300", "99.17 percent", "615,000"."""
    text = plain(value)
    if unit.upper() in ("USD", "$", "DOLLARS"):
        return f"${text}"
    if unit.lower() in ("percent", "%"):
        return f"{text} percent"
    return text


def spellings(value: float) -> list[str]:
    """Other ways to type a number: "615000", "615,000", "two million", "2000000"."""
    forms = {plain(value)}
    if float(value).is_integer():
        forms.add(str(int(value)))
        if int(value) in WORDS:
            forms.add(WORDS[int(value)])
    return sorted(forms)


def _round_like(value: float, reference: float) -> float:
    """Round ``value`` to the significant digits a reader expects for ``reference``'s size."""
    if reference < 20:
        return float(round(value))
    digits = 2 if reference >= 100 else 1
    magnitude = 10 ** (math.floor(math.log10(abs(value))) - digits + 1)
    return float(round(value / magnitude) * magnitude)


def near_values(value: float, rng: random.Random, count: int = 3) -> list[float]:
    """``count`` distinct wrong values of the same magnitude as ``value``."""
    factors = [0.5, 0.6, 0.75, 1.25, 1.5, 2.0, 2.5, 3.0, 0.4, 4.0]
    rng.shuffle(factors)
    chosen: list[float] = []
    small = value < 20
    candidates = (
        [value + delta for delta in rng.sample([-3, -2, -1, 1, 2, 3, 4, 5], 8)]
        if small
        else [_round_like(value * factor, value) for factor in factors]
    )
    for candidate in candidates:
        if candidate > 1 and candidate != value and candidate not in chosen:
            if not small and abs(candidate - value) / value < 0.15:
                continue  # too close: arguably also right for a rounded figure
            chosen.append(candidate)
        if len(chosen) == count:
            break
    return chosen
