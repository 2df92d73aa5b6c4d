"""What each passage of a pasted article is (prose, heading, caption, fact line...) and its citation marks.

Pasted articles carry more than prose: titles and wiki headings, image file names and
captions, infobox or fact-sheet "Label: value" lines, bullet lists, hatnotes and
citation markers. The Reader shows them styled as what they are; only prose sentences
become questions.
"""

from __future__ import annotations

import re

from studyapp.content.plaintext import (
    CAPTION_LABEL,
    DATE_LED,
    FOOTNOTE_LINE,
    IMAGE_LINE,
    LABEL_LINE,
    ends_sentence,
)

PROSE, TITLE, HEADING, CAPTION, FACT, LIST, CHROME = (
    "prose", "title", "heading", "caption", "fact", "list", "chrome",
)  # fmt: skip
KINDS = (PROSE, TITLE, HEADING, CAPTION, FACT, LIST, CHROME)

# Notes at the top of a wiki section about the page, not the history.
HATNOTE = re.compile(
    r"^(?:not to be confused with|for other uses|this article is about|main articles?:|see also:"
    r"|further information:|redirected from|from wikipedia|jump to|infobox$|community content"
    r"|further reading:|references:|bibliography:|sources:|external links|(?:suggested |recommended )?reading:"
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s)",
    re.IGNORECASE,
)
FOOTNOTE_RULE = re.compile(r"^[_\-–—=*·.]{5,}(?:\s|$)")
FOOTNOTE_MARK = re.compile(r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[*†‡])\s*\S")
# A section of books and links after the history: its names are authors, not people in it.
REFERENCE_SECTION = re.compile(
    r"^[=#\s]*(?:\d+\.?\s*)?(?:references|further reading|bibliography|sources|authorities|notes|external links"
    r"|works cited|literature)\s*(?:\[edit\])?[=\s]*$",
    re.IGNORECASE,
)
# "AUTHORITIES.—C. C. de Rulhière, Histoire …": an old encyclopedia's sources, run in after
# the article; "(R. N. B.)": its author's initials.
REFERENCE_RUN_IN = re.compile(
    r"^(?:authorities|bibliography|references|sources|further reading|literature)\s*[.:]?\s*[—–-]", re.IGNORECASE
)
INITIALS_LINE = re.compile(r"^\(?(?:[A-Z]\.\s?){2,4}\)?$")
WIKI_HEADING = re.compile(r"^(={1,6})\s*[^=].*?\s*\1$|^#{1,6}\s")
_BULLET = re.compile(r"^\s*[-*•·▪►◦]\s+")
# A "(Born: 5 August 1930 – Died: …)" aside: a fact sheet written into a line.
INLINE_LABELS = re.compile(r"\(\s*[A-Z][a-z]+(?: [a-z]+)?:\s")
_SENTENCE_INSIDE = re.compile(r"[.!?]['’\"”)]*\s+[\"“‘'(]?[A-Z]")
HEADING_WORDS = 12
CAPTION_WORDS = 25

# Citation and footnote marks: "[1]", "[citation needed]", "[?]", "[a]", and a footnote
# number printed after a sentence's last word ("the 6th NVA.6", "its march.'5").
CITATION = re.compile(
    r"\[(?:\d{1,3}|[a-z]|\?|citation needed|note \d+|clarification needed|who\?|when\?)\]"
    r"|(?<=[A-Za-z)][.,;:])\d{1,2}(?=\s|$)|(?<=[A-Za-z][.,;:]['’\"”])\d{1,2}(?=\s|$)"
)


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the citation and footnote marks in a passage."""
    return [match.span() for match in CITATION.finditer(text)]


def _words(text: str) -> int:
    return len(text.split())


def _is_upper_case_line(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _is_title_case_line(text: str) -> bool:
    """A newspaper deck or a book's running head: every longer word capitalised
    ("Annexation to the United States Asked For – Commissioners on the Way to Washington.")."""
    long = [word for word in re.findall(r"[^\W\d_][\w'’-]*", text) if len(word) >= 4]
    return len(long) >= 4 and all(word[0].isupper() for word in long)


_CONTENTS_ENTRY_WORDS = 3


def _heading_like(text: str) -> bool:
    """A short line that names a section rather than saying something; a bulleted one is an
    item of a list ("• Genghis Khan (d. 1227) – empire divided") unless it is in capitals or a
    contents entry of a word or three ("• Landing")."""
    bare = _BULLET.sub("", text).strip()
    if WIKI_HEADING.match(text) or (_is_upper_case_line(bare) and _words(bare) <= HEADING_WORDS):
        return True
    if bare != text.strip() and _words(bare) > _CONTENTS_ENTRY_WORDS:
        return False
    if _is_title_case_line(bare) and _words(bare) <= 2 * HEADING_WORDS and not _SENTENCE_INSIDE.search(bare):
        return True
    return _words(bare) <= HEADING_WORDS and not re.search(r"[.!?,;:]['’\"”)]*$", bare)


def passage_kind(text: str, previous: str | None, first: bool = False) -> str:
    """The kind of one passage, given the passage before it (None for the first)."""
    stripped = CITATION.sub("", text).strip()
    if IMAGE_LINE.match(stripped) or HATNOTE.match(stripped) or REFERENCE_RUN_IN.match(stripped):
        return CHROME
    if INITIALS_LINE.match(stripped):
        return CHROME
    if first and _heading_like(stripped):
        return TITLE
    if CAPTION_LABEL.match(stripped):
        return CAPTION
    if (
        LABEL_LINE.match(stripped)
        and not ends_sentence(stripped)
        or (INLINE_LABELS.search(stripped) and _words(stripped) <= CAPTION_WORDS)
    ):
        return FACT
    if previous is not None and IMAGE_LINE.match(previous.strip()) and _words(stripped) <= CAPTION_WORDS:
        return CAPTION  # the words under a picture
    rule = FOOTNOTE_RULE.match(stripped)
    if rule and not stripped[rule.end() :].strip():
        return CHROME  # a line of dashes between sections: layout, not text
    if DATE_LED.match(stripped) and not ends_sentence(stripped) and not _is_upper_case_line(stripped):
        return LIST  # a timeline's row: "21 Sept 1452 Girolamo Savonarola born in Ferrara"
    if _heading_like(stripped):
        return HEADING
    if _BULLET.match(stripped):
        return LIST
    unterminated = not ends_sentence(stripped) and not stripped.endswith(("”", '"', "’", "'"))
    if (
        unterminated
        and not _SENTENCE_INSIDE.search(stripped)
        and _words(stripped) <= 2 * CAPTION_WORDS
    ):
        return CAPTION  # one long line with no full stop: words under a picture
    return PROSE


def is_reference_chrome(text: str, kind: str) -> bool:
    """A chrome passage that points elsewhere (not a picture, whose caption tells the story)."""
    return kind == CHROME and not IMAGE_LINE.match(text.strip())


def passage_kinds(passages: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The kind of every passage of an article, in order; what follows a "References" or
    "Further reading" heading is page chrome up to the next heading."""
    kinds: list[str] = []
    in_references = in_notes = False
    for index, text in enumerate(passages):
        kind = passage_kind(text, passages[index - 1] if index else None, first=index == 0)
        rule = FOOTNOTE_RULE.match(text.strip())
        after_rule = text.strip()[rule.end() :].strip() if rule else ""
        following = passages[index + 1].strip() if index + 1 < len(passages) else ""
        opening = after_rule or following
        # A rule under a heading is the foot of a banner ("-----" / "B. LECTURE POINTS" /
        # "-----"), not the top of a page's notes; nor are dates under one footnotes.
        banner = bool(kinds) and kinds[-1] == HEADING
        if rule and FOOTNOTE_MARK.match(opening) and not DATE_LED.match(opening) and not banner:
            # "__________" above the footnotes, before the first ("¹ Smith, …") on its line or
            # the next; a "-----" between a guide's stops or before a forum answer ("▲ 986
            # answered by …") separates sections, it opens no notes.
            kind, in_notes = CHROME, True
        elif in_notes and (FOOTNOTE_LINE.match(text.strip()) or kind in (FACT, CHROME)):
            kind = CHROME  # the next note, or a "Reading: …" line under them
        elif kind == HEADING:
            in_references = bool(REFERENCE_SECTION.match(CITATION.sub("", text).strip()))
        elif in_references:
            kind = CHROME
        if kind != CHROME:
            in_notes = False  # the page's text goes on after its notes
        kinds.append(kind)
    return tuple(kinds)
