"""Moodle GIFT syntax: comments, blocks, titles, formats, escapes, answer blocks (no records yet)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Escaped control characters become private-use placeholders while the structure is parsed,
# then turn back into the literal characters. "\n" is GIFT's escaped newline.
_ESCAPES = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003", "{": "\ue004",
            "}": "\ue005", ":": "\ue006", "n": "\ue007"}  # fmt: skip
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()})
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_SPACE = re.compile(r"[ \t]*\n\s*")  # a line break and its indentation read as one space
META_PREFIX = "// studyapp:"
_CATEGORY = re.compile(r"^\s*\$CATEGORY:\s*(.*)$", re.IGNORECASE)


class GiftSyntaxError(ValueError):
    """A structural error at a line of the file."""

    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Text:
    """A piece of text with its GIFT format (html, moodle, plain or markdown)."""

    text: str
    format: str = "moodle"


@dataclass(frozen=True)
class Answer:
    """One answer inside braces: its marker (= or ~), weight in percent, text and feedback."""

    marker: str
    text: Text
    weight: float | None = None
    feedback: Text | None = None


@dataclass
class GiftItem:
    """One question block as written: stem, answer block (raw), title, where it starts."""

    line: int
    title: str
    stem: Text
    embedded: bool  # text follows the answer block, the blank is mid-sentence
    body: str | None  # inside the braces, escapes still as placeholders; None = no braces
    body_line: int
    category: str | None = None
    answers: list[Answer] = field(default_factory=list)


_PRIVATE = re.compile("[\ue000-\ue0ff]")
_SHIFTED = re.compile("\ue0ff(.)", re.DOTALL)


def protect(text: str) -> str:
    """Replace escape sequences by placeholders.

    Characters of the placeholder block already in the text are first shifted out of it
    (behind a U+E0FF marker), so a file holding them still reads back exactly.
    """
    text = _PRIVATE.sub(lambda m: "\ue0ff" + chr(ord(m.group()) + 0x100), text)
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text)


def restore(text: str) -> str:
    """Collapse line breaks and turn placeholders back into the characters they stand for."""
    text = _SPACE.sub(" ", text).strip().translate(_RESTORE)
    return _SHIFTED.sub(lambda m: chr(ord(m.group(1)) - 0x100), text) if "\ue0ff" in text else text


def split_format(text: str, default: str) -> Text:
    """Read an optional leading ``[format]`` marker."""
    match = _FORMAT.match(text)
    if match:
        return Text(restore(text[match.end() :]), match.group(1).lower())
    return Text(restore(text), default)


def blocks(source: str) -> list[tuple[int, str, str | None]]:
    """Split the file into question blocks: (first line, text, metadata), comments removed.

    Blocks are separated by blank lines, as in Moodle; a block whose braces are still
    open continues past a blank line, so long feedback with empty lines survives. A
    ``// studyapp: {...}`` comment (written by StudyApp's exporter) is kept as the
    metadata of the block that follows it.
    """
    result: list[tuple[int, str, str | None]] = []
    current: list[str] = []
    start = 0
    depth = 0
    meta: str | None = None
    pending: str | None = None
    for number, raw in enumerate(source.split("\n"), start=1):
        stripped = raw.strip()
        if stripped.startswith("//"):
            if stripped.startswith(META_PREFIX) and not current:
                pending = stripped[len(META_PREFIX) :]
            continue
        line = protect(raw.rstrip("\r"))
        if not line.strip() and depth <= 0:
            if current:
                result.append((start, "\n".join(current), meta))
                current = []
            depth = 0
            continue
        if not current:
            start, meta, pending = number, pending, None
        current.append(line)
        depth += line.count("{") - line.count("}")
    if current:
        result.append((start, "\n".join(current), meta))
    return result


def parse_block(start: int, block: str) -> list[GiftItem]:
    """Parse one block into items (a $CATEGORY line may precede a question in the block)."""
    first, _, rest = block.partition("\n")
    category = _CATEGORY.match(first)
    if category:
        item = GiftItem(
            start, "", Text(""), False, None, start, category=restore(category.group(1))
        )
        items = [item]
        if rest.strip():
            items += parse_block(start + 1, rest)
        return items
    return [_parse_question(start, block)]


def _line_at(start: int, block: str, position: int) -> int:
    return start + block.count("\n", 0, position)


def _parse_question(start: int, block: str) -> GiftItem:
    text = block.lstrip()
    offset = len(block) - len(text)
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise GiftSyntaxError(start, "the question title is not closed with '::'")
        title = restore(text[2:end])
        offset += end + 2
        text = text[end + 2 :]
    if "}" in text and ("{" not in text or text.index("}") < text.index("{")):
        at = offset + text.index("}")
        raise GiftSyntaxError(
            _line_at(start, block, at), "'}' without an opening '{' (write \\} for a literal brace)"
        )
    open_at = text.find("{")
    if open_at < 0:
        return GiftItem(start, title, split_format(text, "moodle"), False, None, start)
    close_at = text.find("}", open_at)
    if close_at < 0:
        line = _line_at(start, block, offset + open_at)
        raise GiftSyntaxError(line, "the answer block '{' is never closed with '}'")
    body = text[open_at + 1 : close_at]
    if "{" in body:
        line = _line_at(start, block, offset + open_at)
        again = _line_at(start, block, offset + open_at + 1 + body.index("{"))
        raise GiftSyntaxError(
            line, f"the answer block '{{' is not closed before another '{{' on line {again}"
        )
    after = text[close_at + 1 :]
    if "{" in after or "}" in after:
        line = _line_at(start, block, offset + close_at + 1)
        raise GiftSyntaxError(
            line, "a second answer block in one question (separate questions by a blank line)"
        )
    stem = split_format(text[:open_at], "moodle")
    after_text = restore(after)
    embedded = bool(after_text)
    if embedded:
        stem = Text(f"{stem.text} _____ {after_text}".strip(), stem.format)
    body_line = _line_at(start, block, offset + open_at)
    return GiftItem(start, title, stem, embedded, body, body_line)


def split_answers(body: str, default: str) -> list[Answer]:
    """Split ``=a ~b#fb ~%50%c`` into answers; text before the first marker is ignored."""
    answers: list[Answer] = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        marker, chunk = match.group(1), match.group(2)
        weight = None
        found = _WEIGHT.match(chunk)
        if found:
            weight = float(found.group(1))
            chunk = chunk[found.end() :]
        text, _, feedback = chunk.partition("#")
        answers.append(
            Answer(
                marker,
                split_format(text, default),
                weight,
                split_format(feedback, default) if _ else None,
            )
        )
    return answers


def split_general_feedback(body: str) -> tuple[str, str | None]:
    """Cut off ``####general feedback`` from the end of an answer block."""
    head, sep, tail = body.partition("####")
    return (head, tail) if sep else (body, None)
