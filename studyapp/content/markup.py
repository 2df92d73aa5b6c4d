"""Markdown, HTML and EPUB to plain paragraphs (main text only)."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-{3,}|\*{3,}|_{3,})\s*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
)


def markdown_to_text(text: str) -> str:
    """Strip Markdown syntax, keeping words; headings and list items become their own paragraphs."""
    text = _FENCE.sub("", text)
    text = _LINK_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _HEADING.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    text = _SETEXT_RULE.sub("\n", text)
    text = _LIST_ITEM.sub("\n\n", text)
    text = _QUOTE.sub("", text)
    text = _TAG.sub("", text)
    return _EMPHASIS.sub(r"\2", text)


def html_to_text(html: str) -> tuple[str, str, str]:
    """Main text of a web page without navigation, comments or teasers.

    Returns:
        (title, text with one paragraph per blank-line-separated block, date or "").
    """
    import trafilatura  # imported here: heavy, and only HTML needs it

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True
    )
    if document is None:
        return "", "", ""
    text = (document.text or "").replace("\n", "\n\n")
    return document.title or "", text, document.date or ""


def xhtml_blocks(markup: bytes) -> list[str]:
    """Text of the block elements (paragraphs, headings, list items) of one XHTML document."""
    import lxml.html  # imported here: only EPUB needs it

    root = lxml.html.fromstring(markup)
    for junk in root.xpath("//script|//style|//nav"):
        junk.drop_tree()
    blocks: list[str] = []
    for element in root.iter(*_BLOCK_TAGS):
        # Nested blocks (a <p> inside an <li>) are taken once, at the innermost level.
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    return blocks


def epub_to_text(path: str) -> tuple[str, str]:
    """Title and text (blank-line-separated paragraphs) of an EPUB book, in spine order."""
    import ebooklib  # imported here: only EPUB needs it
    from ebooklib import epub

    book = epub.read_epub(path, options={"ignore_ncx": True})
    titles = book.get_metadata("DC", "title")
    title = titles[0][0] if titles else ""
    blocks: list[str] = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is not None and item.get_type() == ebooklib.ITEM_DOCUMENT:
            blocks.extend(xhtml_blocks(item.get_content()))
    return title, "\n\n".join(blocks)
