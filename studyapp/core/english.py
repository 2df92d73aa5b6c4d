"""English function words, shared by language detection and question writing."""

from __future__ import annotations

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
