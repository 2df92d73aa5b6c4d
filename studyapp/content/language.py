"""A cheap check that a text is English prose: the share of common English function words."""

from __future__ import annotations

import re

from studyapp.core.english import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 3
MIN_SHARE = 0.12


def english_share(text: str) -> tuple[int, float]:
    """Return (number of words, share of them that are common English function words)."""
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    if not words:
        return 0, 0.0
    return len(words), sum(1 for w in words if w in STOPWORDS) / len(words)


def english_problem(text: str) -> str | None:
    """A reason why ``text`` cannot be handled as English prose, or None when it can."""
    count, share = english_share(text)
    if count < MIN_WORDS:
        return "no article text found (the file is empty or has no words)"
    if share < MIN_SHARE and count >= 20:
        return (
            f"the text does not look like English ({share:.0%} common English words); "
            "only English articles can be analysed"
        )
    if share == 0 and count >= 8:
        return "the text does not look like English; only English articles can be analysed"
    return None
