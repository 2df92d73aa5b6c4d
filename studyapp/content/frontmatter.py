"""The bundled article format: a small front matter block, then passages separated by blank lines."""

from __future__ import annotations

import re

from studyapp.content.plaintext import collapse, normalise_newlines
from studyapp.core.articles import ArticleText

FIELDS = ("title", "source", "published")
_FIELD = re.compile(r"^([a-z_]+):[ \t]*(.*)$")


def has_front_matter(text: str) -> bool:
    """True when ``text`` starts with a ``---`` front matter block."""
    return normalise_newlines(text).startswith("---\n")


def parse_front_matter(text: str, key: str = "") -> ArticleText:
    """Read an article written in the bundled format.

    Args:
        text: The whole file: ``---``, ``name: value`` lines, ``---``, then the
            passages, one per block of lines separated by blank lines.
        key: The article's stable identity (the file stem for bundled files).

    Returns:
        The article; passage whitespace is collapsed.

    Raises:
        ValueError: When the front matter block is missing, unterminated or
            has a line that is not ``name: value``.
    """
    text = normalise_newlines(text)
    if not text.startswith("---\n"):
        raise ValueError("missing front matter: the file must start with a '---' line")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ValueError("front matter is not closed by a '---' line")
    meta: dict[str, str] = {}
    for number, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip():
            continue
        match = _FIELD.match(line)
        if not match:
            raise ValueError(f"line {number}: expected 'name: value' in the front matter")
        meta[match.group(1)] = match.group(2).strip()
    body = text[end + 5 :]
    passages = tuple(p for p in (collapse(block) for block in re.split(r"\n\s*\n", body)) if p)
    return ArticleText(
        title=meta.get("title", "") or (passages[0] if passages else key),
        passages=passages,
        source=meta.get("source", ""),
        published=meta.get("published", ""),
        key=key,
    )


def format_front_matter(article: ArticleText) -> str:
    """Write ``article`` in the bundled format (the inverse of :func:`parse_front_matter`)."""
    head = "".join(f"{name}: {collapse(getattr(article, name))}".rstrip() + "\n" for name in FIELDS)
    return "---\n" + head + "---\n" + "\n\n".join(article.passages) + "\n"
