"""Raw text (web copies, hard-wrapped files) to a title and clean passages."""

from __future__ import annotations

import re
import statistics

# Whole lines that are web chrome, never article text.
_CHROME = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)(?:\ to\ .*)?
      | cancel\ reply
      | your\ email\ address\ will\ not\ be\ published.*
      | required\ fields\ are\ marked.*
      | (?:one|no|\d+)\ (?:thoughts?|comments?|responses?|replies)(?:\ (?:on|to)\ .*)?
      | part\ (?:one|two|three|four|five|six|\d+|[ivx]+)\ (?:is\ )?available\ here\.?
      | (?:share|like|print|email)\ this(?:\ article|\ story)?:?
      | related(?:\ posts|\ articles|\ stories|\ news)?:?
      | advertisement
      | logo\ of\ .*
      | (?:click|tap)\ here\ .*
      | read\ more:?.*
      | (?:tags?|filed\ under|categories|category):\ .*
      | (?:follow|subscribe\ to)\ us.*
      | all\ rights\ reserved.*
      | (?:copyright|©)\ .*
      | (?:sources?|via|credits?|photos?):\ .*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line from which everything to the end is a comment section.
_COMMENTS_START = re.compile(
    r"^(?:leave\ a\ (?:reply|comment).*|(?:one|no|\d+)\ (?:thoughts?|comments?|responses?)\ on\ .*"
    r"|your\ email\ address\ will\ not\ be\ published.*)$",
    re.IGNORECASE | re.VERBOSE,
)
_BULLET = re.compile(r"^\s*[•·▪►◦]\s")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Col|Lt|Gen|Maj|Capt|Sgt|Gov|Sen|Rep|Prof|St|No|Vol|Jan|Feb|Mar|"
    r"Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|[A-Z])\.$"
)
_SPACES = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM, no non-breaking or zero-width spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u2028", "\n")
    return text.replace("\u2029", "\n\n").replace("\f", "\n\n").replace("\t", " ")


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Cut a trailing list of bullet teasers ("related news" links) with their indented blurbs."""
    for index, line in enumerate(lines):
        if not _BULLET.match(line):
            continue
        tail = [rest for rest in lines[index:] if rest.strip()]
        if all(_BULLET.match(rest) or rest[:1].isspace() for rest in tail):
            return lines[:index]
    return lines


def _drop_chrome(lines: list[str]) -> list[str]:
    """Remove comment sections and chrome lines, keeping blank lines as they are."""
    half = len(lines) // 2
    for index, line in enumerate(lines):
        if index >= half and _COMMENTS_START.match(line.strip()):
            lines = lines[:index]
            break
    return ["" if _CHROME.match(line.strip()) else line for line in lines]


def ends_sentence(line: str) -> bool:
    """True when a line ends a sentence (terminal punctuation that is not an abbreviation)."""
    line = line.rstrip()
    return bool(_TERMINAL.search(line)) and not _ABBREVIATION.search(line)


def _is_hard_wrapped(lines: list[str]) -> tuple[bool, int]:
    """Detect text wrapped at a fixed width; return (wrapped, width)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 6:
        return False, 0
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 130:
        return False, width
    long_lines = [line.strip() for line in lines if len(line.strip()) >= 0.5 * width]
    open_ended = sum(1 for line in long_lines if not ends_sentence(line))
    return open_ended >= 0.3 * max(1, len(long_lines)), width


def _blocks_by_blank_lines(lines: list[str]) -> list[str]:
    """Passages of text that is not hard-wrapped: web copies put one paragraph per
    line, so each line is a passage unless it continues the previous one in lower case."""
    passages: list[str] = []
    previous_blank = True
    for line in lines:
        line = line.strip()
        if not line:
            previous_blank = True
            continue
        if passages and not previous_blank and line[:1].islower() and not ends_sentence(passages[-1]):
            passages[-1] = f"{passages[-1]} {line}"
        else:
            passages.append(line)
        previous_blank = False
    return passages


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Re-join hard-wrapped lines into paragraphs."""
    entries: list[tuple[int, str]] = []  # (blank lines before, line)
    gap = 0
    for line in lines:
        if line.strip():
            entries.append((gap, line.strip()))
            gap = 0
        else:
            gap += 1
    if not entries:
        return []
    usual_gap = statistics.mode(g for g, _ in entries[1:]) if len(entries) > 1 else 0
    passages = [entries[0][1]]
    for gap, line in entries[1:]:
        previous = passages[-1]
        full = len(previous.rsplit("\n", 1)[-1]) >= 0.6 * width
        continues = line[:1].islower() or not ends_sentence(previous)
        if gap <= usual_gap and not _BULLET.match(line) and (full and continues):
            passages[-1] = f"{previous}\n{line}"
        else:
            passages.append(line)
    return [collapse(p) for p in passages]


def text_to_passages(text: str) -> list[str]:
    """Split raw article text into clean passages (paragraphs, headings, captions).

    Removes web chrome (comment forms, "Leave a Reply", trailing teaser lists,
    logo lines, consecutive duplicate lines such as a repeated title) and
    re-joins hard-wrapped lines. The article's words are kept; only whitespace
    changes.

    Args:
        text: The raw text.

    Returns:
        The passages in order, whitespace collapsed, none empty.
    """
    lines = normalise_newlines(text).split("\n")
    lines = _drop_chrome(_drop_trailing_teasers(lines))
    wrapped, width = _is_hard_wrapped(lines)
    passages = _unwrap(lines, width) if wrapped else _blocks_by_blank_lines(lines)
    result: list[str] = []
    for passage in passages:
        passage = collapse(passage)
        if passage and (not result or passage.casefold() != result[-1].casefold()):
            result.append(passage)
    return result


def guess_title(passages: list[str], fallback: str) -> str:
    """The first passage when it reads as a heading (short, no final full stop)."""
    if passages:
        first = passages[0]
        if len(first) <= 200 and not first.endswith("."):
            return first
    return fallback
