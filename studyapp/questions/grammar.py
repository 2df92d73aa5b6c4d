"""Turning English statements into questions with patterns: date phrases, subject, verb, predicate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.questions.verbs import base_form, is_past

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^\sA-Za-z\d]")
DATE_PREPOSITIONS = re.compile(
    r"^\s*(?:(?:on|in|at|by|during|from|since|as of|early in|late in)"
    r"(?:\s+(?:the\s+)?(?:end|beginning|start|middle|first half|second half|spring|summer|"
    r"autumn|fall|winter)\s+of)?)?\s*$",
    re.IGNORECASE,
)
TRAILING_PREPOSITION = re.compile(
    r"[ ,]+(?:on|in|at the end of|during|by the end of|by)\s*$", re.IGNORECASE
)
DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "most",
    "all",
    "every",
    "each",
    "of",
    "to",
    "for",
    "with",
    "by",
    "so",
}
PRONOUNS = {
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "this",
    "that",
    "there",
    "which",
    "who",
    "these",
    "those",
    "one",
    "others",
    "some",
    "many",
    "most",
    "both",
    "all",
}
MODALS = {
    "would",
    "could",
    "should",
    "will",
    "can",
    "may",
    "might",
    "must",
    "is",
    "are",
    "has",
    "have",
    "do",
    "does",
}
# Where a predicate stops being about its subject: a new clause or an aside.
CUT = re.compile(
    r"(?:[,;:]\s+(?=(?:and|but|which|who|whom|where|while|whereas|although|though|as|so|"
    r"because|with|without|after|before|including|[a-z]+ing)\b)|;\s|:\s| but | while | whereas |"
    r"\s+[–—-]\s+)"
)
CAPITAL_CLAUSE = re.compile(r",\s+(?=[A-Z])")
ADVERBIAL_STARTS = {
    "in",
    "on",
    "at",
    "after",
    "before",
    "by",
    "during",
    "later",
    "once",
    "then",
    "however",
    "meanwhile",
    "moreover",
    "thus",
    "following",
    "despite",
    "from",
    "since",
    "until",
    "as",
    "when",
    "while",
    "although",
    "though",
    "soon",
    "eventually",
    "finally",
    "instead",
    "still",
    "now",
    "today",
    "yesterday",
    "recently",
    "earlier",
    "afterwards",
    "subsequently",
    "nevertheless",
}
NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "several",
    "few",
    "both",
}


@dataclass(frozen=True)
class Clause:
    """A simple clause: subject, its verb (with a leading auxiliary) and the rest."""

    subject: str
    verb: str  # as written: "conquered", "was", "had"
    rest: str  # predicate after the verb, trimmed to one idea, without final punctuation

    @property
    def passive_or_copula(self) -> bool:
        return self.verb.lower() in ("was", "were")


def date_phrase(sentence: str, start: int, end: int) -> tuple[str, str] | None:
    """Split off a pure date phrase around ``sentence[start:end]``.

    Returns (phrase, clause): "On January 7, 1979" and "the Vietnamese army ... ." for a
    leading phrase followed by a comma, or "in June 1975" and the clause without it for
    a trailing one. Any other place of the date gives None.
    """
    before = sentence[:start]
    after = sentence[end:]
    comma = before.rfind(", ")
    head_start = comma + 2 if comma >= 0 else 0
    if after.startswith(",") and DATE_PREPOSITIONS.match(before[head_start:]):
        clause = after[1:].strip()
        phrase = sentence[head_start:end].strip()
        if clause and len(clause.split()) >= 3:
            return phrase, clause
    if re.fullmatch(r"\s*[.!]?\s*", after):
        trailing = TRAILING_PREPOSITION.search(before)
        if trailing:
            phrase = sentence[trailing.start() : end].strip(" ,")
            clause = before[: trailing.start()].rstrip(" ,") + "."
            return phrase, clause
    return None


def clean_subject(subject: str) -> str:
    """Drop a leading adverbial ("Later, …"), an aside ("…, with 60,000 forces") or a
    title before an appositive name ("Secretary of the party, Le Duc Anh" -> "Le Duc Anh")."""
    while ", " in subject:
        head, tail = subject.split(", ", 1)
        if head.split()[0].lower() in ADVERBIAL_STARTS:
            subject = tail
            continue
        if tail[:1].islower():
            # "the division, with the help of the Air Force" -> "the division"; but keep a
            # compound after the aside: "Nuon Chea, known as …, and Khieu Samphan".
            _, _, after = tail.partition(", ")
            return f"{head} {after}" if after.startswith(("and ", "or ")) else head
        words = tail.split()
        if 1 <= len(words) <= 4 and all(word[:1].isupper() for word in words) and "," not in tail:
            return tail  # an appositive name
        return subject
    return subject


def trim_predicate(rest: str) -> str:
    """Keep one idea of a predicate: stop at a new clause, an aside or a coordinated verb."""
    rest = rest.strip()
    match = CUT.search(rest)
    if match:
        rest = rest[: match.start()]
    # ", Capitalised ..." starts a new clause when a verb follows before the next comma.
    for comma in CAPITAL_CLAUSE.finditer(rest):
        segment = rest[comma.end() :].split(",")[0]
        words = [word.lower() for word in segment.split()]
        if any(word in ("was", "were") or is_past(word) for word in words[1:]):
            rest = rest[: comma.start()]
            break
    words = rest.split(" ")
    for index in range(1, len(words)):
        following = words[index].lower().strip(",.")
        if following.endswith("ly") and index + 1 < len(words):
            following = words[index + 1].lower().strip(",.")
        if words[index - 1] == "and" and (is_past(following) or following in ("was", "were")):
            rest = " ".join(words[: index - 1])
            break
    if len(rest.split()) > 18 and ", " in rest:
        rest = rest[: rest.index(", ")]
    rest = rest.strip().rstrip(".,;:!?")
    if rest.count("(") != rest.count(")") or rest.count("“") != rest.count("”"):
        return ""
    return rest


def analyse(clause: str) -> Clause | None:
    """Find subject, verb and predicate of a simple past-tense clause, or None."""
    tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(clause)]
    for index, (word, start, end) in enumerate(tokens):
        if index == 0:
            continue
        lower = word.lower()
        previous = tokens[index - 1][0].lower()
        if lower in MODALS:
            return None
        is_be = lower in ("was", "were")
        is_verb = is_be or (
            word[0].islower()
            and is_past(lower)
            and previous not in DETERMINERS
            and not previous.endswith(("'s", "’s"))
            and not previous.endswith("ly")
        )
        if lower == "had" and index + 1 < len(tokens):
            following = tokens[index + 1][0].lower()
            if is_past(following) or following in ("already", "been", "not", "never"):
                return None  # pluperfect: "when had ..." reads badly
        if not is_verb:
            if lower in ("that", "which", "who") or word in (";", ":"):
                return None
            continue
        subject = clean_subject(clause[:start].strip(" ,"))
        words = subject.split()
        if not words or len(words) > 14 or words[0].lower() in PRONOUNS and len(words) == 1:
            return None
        if subject.count("(") != subject.count(")") or subject.endswith(("and", "or")):
            return None
        rest = trim_predicate(clause[end:])
        if not rest:
            return None
        return Clause(subject=subject, verb=word, rest=rest)
    return None


def lower_first(text: str) -> str:
    """Lower-case the first word of ``text`` when it is a determiner or number, not a name."""
    first, _, tail = text.partition(" ")
    acronym = len(first) > 1 and first.isupper()
    lower = first.lower()
    if not acronym and (lower in DETERMINERS or lower in NUMBER_WORDS):
        return f"{lower} {tail}".strip()
    return text


def when_question(clause: Clause) -> str:
    """ "When did the army conquer Phnom Penh?" / "When was the front established …?"."""
    subject = lower_first(clause.subject)
    if clause.passive_or_copula:
        return f"When {clause.verb.lower()} {subject} {clause.rest}?"
    if clause.verb.lower() == "had":
        return f"When did {subject} have {clause.rest}?"
    return f"When did {subject} {base_form(clause.verb)} {clause.rest}?"


def capitalise(text: str) -> str:
    """Upper-case the first character only."""
    return text[:1].upper() + text[1:]


def with_date(phrase: str, question: str) -> str:
    """Prefix a question with its date phrase: "On 31 December 1977, who announced …?"."""
    if not phrase:
        return capitalise(question)
    return f"{capitalise(phrase)}, {question[:1].lower()}{question[1:]}"
