"""Parsing untrusted XML exports with clear errors (Mnemosyne 1.x, SuperMemo)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from studyapp.core.errors import InputError
from studyapp.exchange.records import looks_like_html, plain_to_html
from studyapp.exchange.text import read_bytes

_SOUND = re.compile(r"<sound\s+src\s*=\s*[\"']([^\"']+)[\"']\s*/?>", re.IGNORECASE)


def parse_xml(path: Path) -> ET.Element:
    """Parse a whole XML file; the encoding declaration is honoured (e.g. windows-1252).

    ElementTree never fetches external entities, and the bundled expat refuses
    entity-expansion bombs, so a hostile file fails as a parse error.

    Raises:
        InputError: the file is empty, not well-formed, or unreadable, with the line.
    """
    data = read_bytes(path)
    if b"<!ENTITY" in data[:65536]:
        # Card exports never define entities; refusing them rules out expansion tricks.
        raise InputError(str(path), "XML entity definitions are not allowed in an import file")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        message = str(error).split(":")[0]
        raise InputError(str(path), f"not well-formed XML: {message}", line=line) from error
    except LookupError as error:  # the declaration names an encoding Python does not know
        raise InputError(str(path), f"not readable XML: {error}", line=1) from error


def card_html(text: str | None) -> str:
    """A Mnemosyne/SuperMemo field as card HTML.

    Those apps store fields as HTML where a newline is a line break; Mnemosyne's
    ``<sound src=…>`` becomes Anki's ``[sound:…]`` so the sanitiser keeps it.
    """
    text = (text or "").strip()
    if not looks_like_html(text):
        return plain_to_html(text)
    text = _SOUND.sub(lambda m: f"[sound:{m.group(1)}]", text)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def child_text(element: ET.Element, tag: str) -> str:
    """Text of the first child called ``tag`` (empty when missing)."""
    child = element.find(tag)
    return "".join(child.itertext()) if child is not None else ""


def tag_name(name: str) -> str:
    """A category or topic name as a tag: spaces become underscores, as Anki does."""
    return "_".join(name.split())
