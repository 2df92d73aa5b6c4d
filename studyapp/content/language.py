"""A cheap check that a text is English prose: the share of common English function words."""

from __future__ import annotations

import re

# Function words make up roughly 40-50% of running English prose and almost
# none of French, German, Khmer or Vietnamese text, so their share separates
# languages well without a model.
STOPWORDS = frozenset(
    """a about after all also an and any are as at be been before being but by can could did
    do does for from had has have he her him his how i if in into is it its may more most my
    no not of on one only or other our out over said she so some such than that the their them
    then there these they this those to under up was we were what when where which while who
    will with would you""".split()  # noqa: SIM905
)  # fmt: skip
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
