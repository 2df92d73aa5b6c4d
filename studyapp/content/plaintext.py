"""Raw text (web copies, hard-wrapped files) to a title and clean passages."""

from __future__ import annotations

import re
import statistics

from studyapp.content.words import (
    drop_regnal_stops,
    join_line_end_hyphens,
    join_split_words,
    repair_ocr_letters,
    split_run_together,
)

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
      | \^\ .*
      | posted\ (?:on|by|in)\ .{0,60}
      | share\ (?:on|via)\ .*
      | home\ (?:»|>|/|›)\ .*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line from which everything to the end is a comment section.
_COMMENTS_START = re.compile(
    r"^(?:leave\ a\ (?:reply|comment).*|(?:one|no|\d+)\ (?:thoughts?|comments?|responses?)\ on\ .*"
    r"|your\ email\ address\ will\ not\ be\ published.*|comments?(?:\ \(\d+\))?:?"
    r"|(?:\d+\ )?comments?|related(?:\ posts|\ news|\ articles|\ stories)?:?"
    r"|you\ (?:may|might)\ also\ like:?|more\ (?:stories|news|from\ .*):?|recommended(?:\ for\ you)?:?"
    r"|read\ (?:more|next):?|references|notes|bibliography|further\ reading|external\ links"
    r"|see\ also|citations|footnotes|works\ cited|sources)$",
    re.IGNORECASE | re.VERBOSE,
)
_BULLET = re.compile(r"^\s*[-*•·▪►◦]\s")
# Teaser lists ("related news") use typographic bullets; a "- " list inside an article is
# part of the article.
_TEASER_BULLET = re.compile(r"^\s*[•·▪►◦]\s")
# What notes have and headlines lack: a year, or a colon, semicolon, arrow or equals sign.
_NOTE_MARK = re.compile(r"\b1\d{3}\b|\b20\d{2}\b|[:;→=]")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Col|Lt|Gen|Maj|Capt|Sgt|Gov|Sen|Rep|Prof|St|No|Vol|Jan|Feb|Mar|"
    r"Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|U\.K|p|pp|vs|etc|cf|e\.g|i\.e|approx|est|Jr|Sr|Bros|"
    r"Co|Corp|Inc|Ltd|Mt|Ft|Rev|Hon|Brig|Adm|Cmdr|Pte|Cpl|Art|Arts|Sec|Ch|Fig|Para|c|ca|"
    r"Lieut|Sergt|Messrs|Mme|Mlle|Esq|Rt|Supt|b|d|m|"  # older books; "b." born, "d." died, "m." married
    r"[ap]\.m|[A-Z])\.$"
)
_SPACES = re.compile(r"\s+")
# Citation marks and a footnote number after a sentence's last word ("… the 6th NVA.6").
_CITATION_MARKS = re.compile(
    r"(?:\[(?:\d+|[a-z]|\?|citation needed)\])+$|(?<=[.!?])\d{1,2}$|(?<=[.!?][\"'”’)])\d{1,2}$"
)
MAX_PASSAGE = 20_000  # characters; far beyond any real paragraph


def collapse(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


_TABBED_LABEL = re.compile(r"^([ \t]*[A-Z][\w’'()./ -]{0,28}?[\w)])[ ]?\t+[ \t]*(?=\S)", re.MULTILINE)


def normalise_newlines(text: str) -> str:
    """Unix newlines, no BOM, no non-breaking or zero-width spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u2028", "\n")
    text = _TABBED_LABEL.sub(r"\1: ", text)  # "Predecessor<TAB>John": an infobox row copied from a page
    return text.replace("\u2029", "\n\n").replace("\f", "\n\n").replace("\t", " ")


def _drop_trailing_teasers(lines: list[str]) -> list[str]:
    """Cut a trailing list of bullet teasers ("related news" links) with their blurbs: from a
    bullet line on, every line is a bullet or indented, or (in the second half of the text)
    at least three bullets make up a third of the remaining lines. Bullets that read as notes
    (half of them with a year or a colon) are the article's own and stay."""
    half = len(lines) // 2
    for index, line in enumerate(lines):
        if not _TEASER_BULLET.match(line):
            continue
        tail = [rest for rest in lines[index:] if rest.strip()]
        bullets = sum(1 for rest in tail if _TEASER_BULLET.match(rest))
        notes = sum(1 for rest in tail if _TEASER_BULLET.match(rest) and _NOTE_MARK.search(rest))
        if notes * 2 >= bullets:
            return lines  # study notes ("• Cuauhtémoc: the last emperor, hanged in 1525"), not headlines
        if all(_TEASER_BULLET.match(rest) or rest[:1].isspace() for rest in tail):
            return lines[:index]
        if index >= half and bullets >= 3 and bullets * 3 >= len(tail):
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
    line = _CITATION_MARKS.sub("", line.rstrip())
    return bool(_TERMINAL.search(line)) and not _ABBREVIATION.search(line)


# A "Label: value" line of an infobox or fact sheet ("Born: 5 August 1930", "- Date: 1968").
LABEL_LINE = re.compile(r"^\s*(?:[-*•·]\s*)?[A-Z][\w’'()./ -]{0,28}?\d?:\s+\S")
# An image file name left where the picture was: "201px-Apollo 11 insignia-1-", "File:x.jpg".
IMAGE_LINE = re.compile(
    r"^(?:\d{2,4}px-.*|(?:File|Image|Datei):.*|.*\.(?:jpe?g|png|gif|svg|tiff?|webp)|\S.{0,80}-\d{1,2}-)$",
    re.IGNORECASE,
)
WRAP_WIDTH = 130  # characters: lines longer than this were never wrapped by a tool
FILLED = 0.6  # a line reaching this share of the block's width was wrapped at the margin


# A date that opens a line: "1482", "Dec 1494", "8 Apr 1492", "1788–92", "27–29 July 1830",
# "December 1830–January 1831".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
_OPENING_DATE = rf"(?:\d{{1,2}}(?:[–-]\d{{1,2}})?\s+)?(?:{_MONTH})?\d{{3,4}}(?:\s*[–-]\s*(?:{_MONTH})?\d{{2,4}})?"
# A line that opens with a date and goes on in words: "1482 first posting to San Marco",
# "July 1675 – Philip escapes", "8 Apr 1492 death of Lorenzo de' Medici".
DATE_LED = re.compile(rf"^{_OPENING_DATE}(?:\s*[:–—-])?\s+[A-Za-z]")
# "21 Sept 1452   Girolamo Savonarola born in Ferrara", "1490           returns to Florence",
# "July 1831 ........ Cobbett's trial": a row of a table of dates, its date set off by a run
# of spaces, a tab or leader dots.
_DATE_ROW = re.compile(rf"^\s*{_OPENING_DATE}(?: {{2,}}|\t| ?\.{{4,}} ?)\S")
_RULE_LINE = re.compile(r"^\s*[-_=—]{10,}\s*$")


def _starts_item(line: str) -> bool:
    """A line that begins its own passage whatever comes before: a bullet, a label line, a
    row of a table of dates or a rule."""
    return bool(
        _BULLET.match(line) or LABEL_LINE.match(line) or IMAGE_LINE.match(line)
        or _DATE_ROW.match(line) or _RULE_LINE.match(line)
    )


# "3. Dismissal and Expulsion", "Abstract", "Careers after 1837": a short line of capitalised
# words (numbered or not) over a wrapped paragraph is its heading, not its first line.
_HEADING_WORDS = re.compile(
    r"^(?:(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+)?[A-Z][\w'’-]*"
    r"(?:\s+(?:[A-Z][\w'’-]*|\d{1,4}|of|and|the|in|on|at|to|for|after|before|from|by|with|a|an))*$"
)
_HEADING_MAX_WORDS = 8


def _section_heading(line: str, following: str) -> bool:
    return (
        len(line.split()) <= _HEADING_MAX_WORDS
        and _HEADING_WORDS.match(line) is not None
        and following[:1].isupper()
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _unwrap_block(raw: list[str]) -> list[str]:
    """Passages of one run of non-blank lines.

    A block whose lines were wrapped at a fixed width (most stop short of a sentence end
    near the margin) is joined line to line, a short line ending a sentence closing its
    paragraph. Otherwise each line is a passage (web copies put one paragraph per line)
    unless it continues the previous one in lower case. A line indented under a bullet
    item continues the item.
    """
    block = [line.strip() for line in raw]
    width = max(len(line) for line in block)
    open_ended = sum(
        1 for line in block[:-1] if len(line) >= FILLED * width and not ends_sentence(line)
    )
    wrapped = len(block) > 1 and width <= WRAP_WIDTH and open_ended * 3 >= len(block) - 1
    passages = [block[0]]
    item_indent = _indent(raw[0]) if _BULLET.match(block[0]) else None
    for index in range(1, len(block)):
        previous, line = block[index - 1], block[index]
        if _starts_item(line) or _RULE_LINE.match(previous):
            continues = False
            item_indent = _indent(raw[index]) if _BULLET.match(line) else None
        elif item_indent is not None and _indent(raw[index]) > item_indent:
            continues = True  # the item's text goes on, indented under its bullet
        elif wrapped:
            continues = len(previous) >= FILLED * width or not (
                ends_sentence(previous) or _section_heading(previous, line)
            )
        else:
            continues = line[:1].islower() and not ends_sentence(previous)
        if continues:
            passages[-1] = f"{passages[-1]}\n{line}"
        else:
            passages.append(line)
    return passages


def _blocks_by_blank_lines(lines: list[str]) -> list[str]:
    """Passages of text whose paragraphs are separated by blank lines."""
    passages: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.rstrip())
        elif block:
            passages.extend(_unwrap_block(block))
            block = []
    return passages


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Re-join text wrapped at a fixed width with a blank line after every line (some PDF
    copies): a line continues the previous one when that one was filled to the margin."""
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
        full = len(previous.rsplit("\n", 1)[-1]) >= FILLED * width
        continues = line[:1].islower() or not ends_sentence(previous)
        if gap <= usual_gap and not _starts_item(line) and (full and continues):
            passages[-1] = f"{previous}\n{line}"
        else:
            passages.append(line)
    return passages


INTERRUPTION_WORDS = 12  # a caption pasted into the middle of a sentence is short
# Lines that describe a picture rather than tell the story.
CAPTION_LABEL = re.compile(
    r"^(?:left(?: to right)?|right|above|below|top|bottom|centre|center|inset|caption|photo"
    r"(?:graph)?|image|picture|map|credits?|photo credits?|source|courtesy|figure|fig\.)"
    r"(?:\s*\d+)?\s*[:.–—-]\s",
    re.IGNORECASE,
)


def _interrupted_at(passages: list[str]) -> int | None:
    """Index of the passage a picture cut off mid-sentence: ``[cut] [image] [caption]``
    at the end of ``passages``, the caption optional."""
    index = len(passages) - 1
    if (
        index >= 1
        and not IMAGE_LINE.match(passages[index])
        and IMAGE_LINE.match(passages[index - 1])
    ):
        caption = passages[index]
        if CAPTION_LABEL.match(caption) or len(caption.split()) <= INTERRUPTION_WORDS:
            index -= 1
    if index < 1 or not IMAGE_LINE.match(passages[index]):
        return None
    cut = passages[index - 1]
    if len(cut.split()) >= 6 and not ends_sentence(cut) and not IMAGE_LINE.match(cut):
        return index - 1
    return None


def _rejoin_interrupted(passages: list[str]) -> list[str]:
    """Rejoin a sentence that a picture's file name and caption cut in two ("… carried out by"
    / "201px-…" / "Mission Patch" / "the United States, is …"); the caption follows it."""
    result: list[str] = []
    for passage in passages:
        cut = _interrupted_at(result) if passage[:1].islower() or passage[:1].isdigit() else None
        if cut is None:
            result.append(passage)
        else:
            result.insert(cut, result.pop(cut) + " " + passage)
    return result


# A printed page's number or running head, alone between two halves of a paragraph:
# "111", "112 WEST AFRICA IN THE AGE OF EMPIRES", "THE PILGRIM KING 113".
_PAGE_CHROME = re.compile(r"^(?:\d{1,4}|\d{1,4}\s+[A-Z][A-Z\s,.'’:&-]{2,80}|[A-Z][A-Z\s,.'’:&-]{2,80}\s+\d{1,4})$")


# A printed page's footnotes: a rule, then notes that start with their number or mark
# ("² Polybius, iii. 117", "4 Kang's account of the audience …").
FOOTNOTE_LINE = re.compile(r"^(?:\d{1,3} |[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*|[*†‡]\s*)[A-Z]")


def _rejoin_page_breaks(passages: list[str]) -> list[str]:
    """Rejoin a paragraph that a page break cut in two in a scanned book: the page's number
    and running head between the halves are dropped ("… On the Catalan" / "114 WEST AFRICA
    …" / "Atlas of 1375, …")."""
    result: list[str] = []
    chrome: list[str] = []
    notes: list[str] = []  # the page's footnotes, below their rule: kept, after the paragraph
    for passage in passages:
        if result and (_PAGE_CHROME.match(passage.strip()) or _RULE_LINE.match(passage)):
            (notes if _RULE_LINE.match(passage) else chrome).append(passage)
            continue
        if notes and not chrome and FOOTNOTE_LINE.match(passage) and not DATE_LED.match(passage):
            notes.append(passage)  # the next note of the same page
            continue
        if len(notes) == 1:  # a rule with no note under it divides sections: nothing to rejoin
            result += notes + chrome
            notes, chrome = [], []
        if notes and passage.upper() == passage and len(passage.split()) <= 12:
            chrome.append(passage)  # the next page's running head, its number in it: "THE HUNDRED DAYS OF 1898  219"
            continue
        cut = result[-1] if result and (chrome or notes) else ""
        if cut and len(cut.split()) >= 6 and not ends_sentence(cut) and passage[:1].isalnum():
            # The page's notes stay, with its running head after them: it ends the notes.
            hyphenated = cut.endswith("-") and passage[:1].islower()  # "a Manchu fav-" / "ourite"
            result[-1] = cut[:-1] + passage if hyphenated else cut + " " + passage
            result += notes + (chrome if notes else [])
        else:
            result += notes + chrome + [passage]
        chrome, notes = [], []
    return result + notes + chrome


def _double_spaced_wrap(lines: list[str]) -> tuple[bool, int]:
    """Detect text wrapped at a fixed width with blank lines between its lines."""
    entries = [line.strip() for line in lines if line.strip()]
    single_blank = sum(
        1
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False)
        if before.strip() and not line.strip() and after.strip()
    )
    if len(entries) < 6 or single_blank < 0.8 * (len(entries) - 1):
        return False, 0
    lengths = sorted(len(line) for line in entries)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > WRAP_WIDTH:
        return False, width
    long_lines = [line for line in entries if len(line) >= 0.5 * width]
    open_ended = sum(1 for line in long_lines if not ends_sentence(line))
    return open_ended >= 0.3 * max(1, len(long_lines)), width


_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")  # "**Proklamasi**" pasted as it was written


def text_to_passages(text: str) -> list[str]:
    """Split raw article text into clean passages (paragraphs, headings, captions).

    Removes web chrome (comment forms, "Leave a Reply", trailing teaser lists,
    logo lines, consecutive duplicate lines such as a repeated title), re-joins
    hard-wrapped lines and words hyphenated at a line end, and repairs words that
    OCR split, ran together or misread ("rn" for "m"; only where the repaired word is a common English
    word and a piece is not), and an old book's stop after a regnal number ("Martin IV., a").
    Only whitespace, such broken words, those stops and the "**" of Markdown bold copied
    from a study guide change.

    Args:
        text: The raw text.

    Returns:
        The passages in order, whitespace collapsed, none empty.
    """
    text = join_line_end_hyphens(normalise_newlines(_unboxed(text)))
    lines = _drop_chrome(_drop_trailing_teasers(text.split("\n")))
    wrapped, width = _double_spaced_wrap(lines)
    passages = _unwrap(lines, width) if wrapped else _blocks_by_blank_lines(lines)
    passages = _rejoin_page_breaks(_rejoin_interrupted(passages))
    result: list[str] = []
    for passage in (piece for p in passages for run_in in _run_in_heading(p) for piece in _split_long(run_in)):
        passage = drop_regnal_stops(repair_ocr_letters(split_run_together(join_split_words(collapse(passage)))))
        passage = _BOLD.sub(r"\1", passage)
        # A repeated heading (web pages print the title twice) is kept once.
        repeated = result and len(passage) < 300 and passage.casefold() == result[-1].casefold()
        if passage and not repeated:
            result.append(passage)
    return result


_BOX_EDGE = re.compile(r"^[ \t]*\+[-=+]{3,}\+[ \t]*$", re.MULTILINE)  # "+------+": a box's top or bottom
_BOXED = re.compile(r"^[ \t]*\|[ \t]?([^|\n]*?)[ \t]*\|[ \t]*$", re.MULTILINE)


def _unboxed(text: str) -> str:
    """A textbook's boxed source ("| According to a chronicle, … |") without its side rules,
    so its lines wrap and read as the prose they are; a table's row keeps its inner rules."""
    return _BOX_EDGE.sub("", _BOXED.sub(r"\1", text))


# "Trial and Execution.—The eight surviving conspirators …": an old reference book's heading
# run into its paragraph, ended by a stop and a dash.
_RUN_IN_HEADING = re.compile(r"^([A-Z][^.!?\n]{2,60}?)\.[—–](?=[A-Z\"“'‘])")


def _run_in_heading(passage: str) -> list[str]:
    """The run-in heading as a passage of its own, then its paragraph."""
    match = _RUN_IN_HEADING.match(passage)
    return [match.group(1), passage[match.end() :]] if match else [passage]


def _split_long(passage: str) -> list[str]:
    """Cut a passage longer than MAX_PASSAGE characters at sentence ends (a file with no
    paragraph breaks would otherwise be one huge passage)."""
    if len(passage) <= MAX_PASSAGE:
        return [passage]
    pieces: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?])\s+", passage):
        if current and len(current) + len(sentence) > MAX_PASSAGE // 2:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    pieces.append(current)
    # A "sentence" with no full stop in it at all is cut at spaces.
    return [chunk for piece in pieces for chunk in _hard_cut(piece)]


def _hard_cut(text: str) -> list[str]:
    chunks = []
    while len(text) > MAX_PASSAGE:
        cut = text.rfind(" ", 0, MAX_PASSAGE)
        cut = cut if cut > 0 else MAX_PASSAGE
        chunks.append(text[:cut])
        text = text[cut:]
    return [*chunks, text]


_PUBLISHED = re.compile(
    r"^\s*(?:publication\ date|published(?:\ on)?|posted(?:\ on)?|date(?:\ published)?|updated(?:\ on)?)"
    r"\s*:?\s+(?P<date>.{4,60}?)\s*$",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"^\s*(?:reporter|author|by|written\ by)\s*:\s*.{2,60}$", re.IGNORECASE | re.VERBOSE
)
# "By Sarah Colm and Nate Thayer": capitalised names only, so "By the end of June, ..." stays.
_BY_NAMES = re.compile(
    r"^\s*(?:By|BY|Written by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&)){0,7}\s*$"
)


def split_metadata(text: str) -> tuple[str, str]:
    """Take publication-date and byline lines out of a web copy.

    Returns:
        (the text without those lines, the first publication date found or "").
    """
    published = ""
    kept = []
    lines = normalise_newlines(text).split("\n")
    for index, line in enumerate(lines):
        match = _PUBLISHED.match(line)
        # "Date: 31 January 1968" among other "Label:" lines is an infobox's, not the page's.
        neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        in_infobox = any(LABEL_LINE.match(other) for other in neighbours if other.strip())
        if match and re.search(r"\d{4}", match.group("date")) and not in_infobox:
            published = published or match.group("date").split("|")[0].strip()
            continue
        kept.append("" if _BYLINE.match(line) or _BY_NAMES.match(line) else line)
    return "\n".join(kept), published


def guess_title(passages: list[str], fallback: str) -> str:
    """The first passage when it reads as a heading (short, no final full stop)."""
    if passages:
        first = passages[0]
        if len(first) <= 200 and not first.endswith("."):
            return first
    return fallback
