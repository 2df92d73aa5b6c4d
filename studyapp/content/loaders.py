"""Load an article file (.txt, .md, .html, .epub) into an ArticleText, or refuse it clearly."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from studyapp.content.frontmatter import has_front_matter, parse_front_matter
from studyapp.content.language import english_problem
from studyapp.content.markup import epub_to_text, html_to_text, markdown_to_text
from studyapp.content.plaintext import guess_title, split_metadata, text_to_passages
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", "")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
EPUB_SUFFIXES = (".epub",)
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + EPUB_SUFFIXES


def decode_text(data: bytes, path: str) -> str:
    """Decode file bytes as UTF-8 (or Windows-1252), refusing binary data.

    Raises:
        InputError: When the bytes are not text.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "not a text file (broken UTF-16)") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                path, "not a text file (it is neither UTF-8 nor Windows-1252)"
            ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * max(1, len(text[:8192])):
        raise InputError(path, "not a text file (it contains control characters)")
    return text


def article_from_text(text: str, key: str, fallback_title: str) -> ArticleText:
    """Build an article from raw text (web copy, hard-wrapped or bundled format)."""
    if has_front_matter(text):
        try:
            return parse_front_matter(text, key=key)
        except ValueError:
            pass  # not our format (e.g. YAML front matter): read it as plain text
    text, published = split_metadata(text)
    passages = text_to_passages(text)
    return ArticleText(
        title=guess_title(passages, fallback_title),
        passages=tuple(passages),
        published=published,
        key=key,
    )


def _read(path: Path) -> bytes:
    if not path.exists():
        raise InputError(str(path), "file not found")
    if not path.is_file():
        raise InputError(str(path), "not a file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "the file is empty")
    if size > MAX_BYTES:
        raise InputError(str(path), f"the file is too large ({size // 1_048_576} MB; limit 20 MB)")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read the file: {error.strerror or error}") from None


def load_article(path: str | Path) -> ArticleText:
    """Load an English article from a text, Markdown, HTML or EPUB file.

    Web chrome (comment forms, teasers, navigation) is removed and hard-wrapped
    lines are re-joined; the first passage is the article's heading when it has one.

    Args:
        path: The file; its suffix picks the format (unknown suffixes are read as text).

    Returns:
        The article; ``key`` is a hash of the file's bytes.

    Raises:
        InputError: The file is missing, unreadable, empty, not text, has no
            article text, or is not in English.
    """
    path = Path(path)
    name = str(path)
    data = _read(path)
    key = hashlib.sha256(data).hexdigest()[:16]
    suffix = path.suffix.lower()
    fallback = path.stem.replace("_", " ")
    if suffix in EPUB_SUFFIXES:
        try:
            title, text = epub_to_text(name)
        except Exception as error:  # ebooklib raises many types for a damaged book
            # Cut: zipfile's messages can quote kilobytes of the damaged archive.
            raise InputError(name, f"not a readable EPUB book ({str(error)[:160]})") from None
        article = article_from_text(text, key, title or fallback)
        if title:
            article = dataclasses.replace(article, title=title)
    elif suffix in HTML_SUFFIXES:
        title, text, date = html_to_text(decode_text(data, name))
        passages = tuple(text_to_passages(text))
        article = ArticleText(
            title or guess_title(list(passages), fallback), passages, published=date, key=key
        )
    else:
        text = decode_text(data, name)
        if suffix in MARKDOWN_SUFFIXES and not has_front_matter(text):
            text = markdown_to_text(text)
        article = article_from_text(text, key, fallback)
    problem = english_problem("\n".join(article.passages))
    if problem:
        raise InputError(name, problem)
    return dataclasses.replace(article, kinds=passage_kinds(article.passages))
