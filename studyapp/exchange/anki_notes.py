"""How Anki note types map to StudyApp question kinds: template analysis and cloze text.

Plain Python over the note-type dicts the anki library returns; nothing here imports anki,
so the mapping rules are testable and cheap to import.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CONDITIONAL = re.compile(r"\{\{\s*[#^/][^{}]*\}\}")
_TYPE_REF = re.compile(r"\{\{\s*type:(?:cloze:)?([^{}]+?)\s*\}\}")
_ANSWER_RULE = re.compile(r"<hr\s+id\s*=\s*[\"']?answer[\"']?\s*/?>", re.I)
_RULE = re.compile(r"<hr\b[^>]*>", re.I)
_FILLER = re.compile(r"(?:\s|<br\s*/?>|&nbsp;)+", re.I)
_FIELD_REF = re.compile(r"\{\{\s*([^#^/{}!=][^{}]*?)\s*\}\}")
_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
_INNERMOST_CLOZE = re.compile(r"\{\{c(\d+)::((?:(?!\{\{c\d+::).)*?)\}\}", re.S)
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_AV_REF = re.compile(r"\[anki:play:[qa]:(\d+)\]")
_TYPE_PLACEHOLDER = re.compile(r"\[\[type:[^\]]*\]\]")
_TAG = re.compile(r"<[^>]*>")
_EVENT_ATTRIBUTE = re.compile(r"""\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_SCRIPT_URL = re.compile(r"""(href|src)\s*=\s*(["']?)\s*javascript:[^"'>\s]*\2""", re.I)
# Every template error Anki renders links to this page of its manual.
_TEMPLATE_ERROR_LINK = "docs.ankiweb.net/templates/errors.html"

# Anki's stock "Image Occlusion" kind (notetypes.proto StockNotetype.Kind).
_IMAGE_OCCLUSION_KIND = 6
_CLOZE_TYPE = 1


@dataclass(frozen=True)
class CardLayout:
    """What one card template shows, reduced to the fields a StudyApp record needs.

    ``kind`` is "basic" or "typed" for a template that shows one field and answers with
    another, "rendered" for anything else (the library renders it), "cloze", or
    "occlusion" (Image Occlusion, which StudyApp cannot show without scripts).
    """

    kind: str
    front: str = ""
    back: str = ""
    context: tuple[str, ...] = ()  # cloze: plain fields shown on the front with the text
    cloze: tuple[str, ...] = ()  # cloze: fields holding {{cN::…}} deletions
    extra: tuple[str, ...] = ()  # fields shown only on the back, after the answer


def notetype_layouts(notetype: dict[str, Any]) -> dict[int, CardLayout]:
    """Map each template ordinal of a note type to its layout.

    Cloze note types have one template used by every card, stored under ordinal 0.

    Args:
        notetype: A note-type dict as returned by ``col.models.all()``.

    Returns:
        Template ordinal -> layout.
    """
    names = [field["name"] for field in notetype["flds"]]
    templates = notetype["tmpls"]
    if notetype.get("type") == _CLOZE_TYPE:
        qfmt, afmt = templates[0]["qfmt"], templates[0]["afmt"]
        is_occlusion = notetype.get("originalStockKind") == _IMAGE_OCCLUSION_KIND
        if is_occlusion or "image-occlusion" in qfmt:
            return {0: CardLayout("occlusion")}
        return {0: _cloze_layout(qfmt, afmt, names)}
    return {
        template["ord"]: _standard_layout(template["qfmt"], template["afmt"], names)
        for template in templates
    }


def _standard_layout(qfmt: str, afmt: str, names: list[str]) -> CardLayout:
    """Recognise "one field asks, another answers" templates, typed or not.

    The back may be followed by further plain fields (separated by rules or line breaks),
    such as the Explanation our exporter adds; they become the record's explanation.
    """
    question = _COMMENT.sub("", _CONDITIONAL.sub("", qfmt))
    typed = [name for name in _TYPE_REF.findall(question) if name in names]
    front = _only_field(_TYPE_REF.sub("", question), names)
    parts = _ANSWER_RULE.split(_COMMENT.sub("", _CONDITIONAL.sub("", afmt)), maxsplit=1)
    if front is None or len(parts) != 2 or len(typed) > 1:
        return CardLayout("rendered")
    before = _TYPE_REF.sub("", parts[0])
    front_ref = r"\{\{\s*(?:FrontSide|" + re.escape(front) + r")\s*\}\}"
    before = re.sub(front_ref, "", before)
    if _FILLER.sub("", before):
        return CardLayout("rendered")
    typed_answer = _TYPE_REF.search(parts[1])
    if typed and (typed_answer is None or typed_answer.group(1) != typed[0]):
        return CardLayout("rendered")
    shown = _fields_only(_TYPE_REF.sub("", parts[1]), names)
    if shown is None:
        return CardLayout("rendered")
    if typed:
        back, extra = typed[0], tuple(name for name in shown if name != typed[0])
    elif shown:
        back, extra = shown[0], tuple(shown[1:])
    else:
        return CardLayout("rendered")
    return CardLayout("typed" if typed else "basic", front=front, back=back, extra=extra)


def _only_field(text: str, names: list[str]) -> str | None:
    """The field name when ``text`` is nothing but one ``{{Field}}`` reference."""
    match = _FIELD_REF.fullmatch(_FILLER.sub("", text))
    if match and match.group(1) in names:
        return match.group(1)
    return None


def _fields_only(text: str, names: list[str]) -> list[str] | None:
    """Field names when ``text`` is only ``{{Field}}`` references, rules and breaks."""
    found = [ref.strip() for ref in _FIELD_REF.findall(text)]
    rest = _FILLER.sub("", _RULE.sub("", _FIELD_REF.sub("", text)))
    if rest or any(name not in names for name in found):
        return None
    return found


def _cloze_layout(qfmt: str, afmt: str, names: list[str]) -> CardLayout:
    """Split a cloze template's fields into cloze text, front context and back extras."""
    cloze: list[str] = []
    plain_front: list[str] = []
    for ref in _FIELD_REF.findall(_COMMENT.sub("", qfmt)):
        parts = [part.strip() for part in ref.split(":")]
        target = parts[-1]
        if target not in names:
            continue
        if "cloze" in parts[:-1]:
            if target not in cloze:
                cloze.append(target)
        elif len(parts) == 1 and target not in plain_front:
            plain_front.append(target)
    context = tuple(name for name in plain_front if name not in cloze)
    extra: list[str] = []
    for ref in _FIELD_REF.findall(_COMMENT.sub("", afmt)):
        name = ref.strip()
        if name in names and name not in cloze and name not in context and name not in extra:
            extra.append(name)
    return CardLayout("cloze", context=context, cloze=tuple(cloze), extra=tuple(extra))


def cloze_ordinals(text: str) -> list[int]:
    """Sorted distinct cloze numbers used in ``text``."""
    return sorted({int(number) for number in _CLOZE_OPEN.findall(text)})


def cloze_answer(text: str, ordinal: int) -> str:
    """What cloze ``ordinal`` hides in ``text``: each deletion's text, hints dropped.

    Nested deletions are handled: the inner markup inside an answer is reduced to its text.
    """
    found: list[tuple[int, str]] = []
    stack: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        opening = _CLOZE_OPEN.match(text, position)
        if opening:
            stack.append((int(opening.group(1)), opening.end()))
            position = opening.end()
        elif text.startswith("}}", position) and stack:
            number, start = stack.pop()
            if number == ordinal:
                found.append((start, text[start:position]))
            position += 2
        else:
            position += 1
    answers = [strip_cloze(content).partition("::")[0] for _, content in sorted(found)]
    return ", ".join(answers)


def strip_cloze(text: str, keep: frozenset[int] = frozenset()) -> str:
    """Replace cloze markup by its text, except deletions whose number is in ``keep``."""
    kept: list[str] = []

    def replace(match: re.Match[str]) -> str:
        if int(match.group(1)) in keep:
            # Park kept deletions behind a placeholder so the innermost-first loop ends.
            kept.append(match.group(0))
            return f"\x00{len(kept) - 1}\x00"
        return match.group(2).partition("::")[0]

    previous = None
    while previous != text:
        previous, text = text, _INNERMOST_CLOZE.sub(replace, text)
    while "\x00" in text:
        text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return text


def plain_text(fragment: str) -> str:
    """HTML reduced to one line of visible text (for messages)."""
    text = re.sub(r"<br\s*/?>|</div>|</p>", " ", fragment, flags=re.I)
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def clean_rendered(fragment: str, av_files: list[str | None]) -> str:
    """Make library-rendered card HTML storable: no scripts, handlers; sounds as [sound:…].

    Removes script/style elements, ``on…=`` attributes and ``javascript:`` links. Card
    rendering sanitises again; this keeps template scripts, which never worked outside
    Anki, out of the bank.

    Args:
        fragment: ``question_text`` or the back part of ``answer_text``.
        av_files: File name for each [anki:play:…] index (None for text-to-speech).
    """
    fragment = _SCRIPT_OR_STYLE.sub("", fragment)
    fragment = _TAG.sub(_defuse_tag, fragment)
    fragment = _TYPE_PLACEHOLDER.sub("", fragment)

    def sound(match: re.Match[str]) -> str:
        index = int(match.group(1))
        name = av_files[index] if index < len(av_files) else None
        return f"[sound:{name}]" if name else ""

    return _AV_REF.sub(sound, fragment).strip()


def _defuse_tag(match: re.Match[str]) -> str:
    """One tag without event-handler attributes or javascript: URLs."""
    tag = _EVENT_ATTRIBUTE.sub("", match.group(0))
    return _SCRIPT_URL.sub(r"\1=\2#\2", tag)


def rendered_back(answer_html: str, question_html: str) -> str:
    """What a rendered answer adds to its question: the answer side minus {{FrontSide}}.

    Anki renders ``{{FrontSide}}`` as the question text, so removing that copy keeps
    whatever the template puts between it and ``<hr id=answer>`` (images, comments).
    Templates that do not repeat the front are cut at ``<hr id=answer>`` instead.
    """
    stripped = question_html.strip()
    if stripped and stripped in answer_html:
        rest = answer_html.replace(stripped, "", 1)
    else:
        rest = _ANSWER_RULE.split(answer_html, maxsplit=1)[-1]
    return _ANSWER_RULE.sub("", rest, count=1)


def template_error(rendered: str) -> str | None:
    """Anki's own message when a card's template cannot render, else None."""
    if _TEMPLATE_ERROR_LINK not in rendered:
        return None
    message = re.sub(r"<a\b[^>]*>.*?</a>", "", rendered, flags=re.S | re.I)
    return plain_text(message).replace("\u2068", "").replace("\u2069", "")
