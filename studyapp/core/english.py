"""English function words and peerage titles, shared by extraction and question writing."""

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

# Nouns that describe a person: "a ruler with little power", "the senior member of the
# group". An apposition headed by one of them says who someone is, not what a thing is.
PERSON_NOUNS = frozenset(
    """man woman boy girl person people leader ruler king queen emperor empress prince princess
    president minister member officer soldier general colonel commander captain lieutenant
    diplomat envoy ambassador politician statesman writer author poet historian journalist
    priest bishop cardinal pope monk teacher student lawyer judge son daughter father mother
    wife husband brother sister widow heir successor predecessor founder chief head secretary
    deputy governor mayor activist revolutionary rebel hero veteran spokesman official viceroy
    magistrate marquis duke count baron earl lord chancellor admiral marshal regent consul prefect
    sultan shah khan tsar czar caliph vizier pasha bey emir archbishop abbot chieftain nobleman
    noblewoman knight squire courtier merchant""".split()  # noqa: SIM905
)

# Peerages a man may be known by instead of his name ("Frederic Thesiger, 2nd Baron
# Chelmsford", "Johann Tserclaes, Count of Tilly"), as a regular-expression alternation.
PEERAGES = (
    "Baron|Baroness|Earl|Count|Countess|Comte|Viscount|Viscountess|Marquess|Marquis|Duke|Duchess|Lord"
    "|Seigneur|Sieur|Duc|Vicomte|Graf|Freiherr|Conde|Duque"
)

# Lower-case words that may sit inside a name ("Patrice de MacMahon", "Otto von Bismarck",
# "Taira no Kiyomori": the Japanese classical "no" between clan and given name).
NAME_PARTICLES = frozenset(
    {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "van", "von",
     "der", "den", "ter", "zu", "bin", "ibn", "bint", "al", "el", "y", "e", "d'", "d’", "de'", "de’",
     "no"}
)  # fmt: skip
