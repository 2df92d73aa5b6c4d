"""Make untrusted card HTML inert with nh3 (the Ammonia sanitiser): our allow-list, its parser.

The policy is ours: which tags and attributes a card may keep, that nothing may be
fetched or run (only local media files and inline images), and how large a box may be.
Parsing and serialising are Ammonia's (html5ever, as browsers parse), maintained and
fuzzed upstream; this module only configures it.
"""

from __future__ import annotations

import html
import re

import nh3

# Formatting a card may keep. Anything else is dropped but its text is kept.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "big", "blockquote", "br", "center", "code", "dd", "del", "div",
        "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "tt", "u", "ul", "var",
    }
)  # fmt: skip
# Elements whose whole content is dropped: code, foreign documents, or active content.
# (embed, frame, input… have no content: as unknown tags they are simply dropped.)
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frameset", "object", "applet", "noscript", "template",
        "svg", "math", "head", "title", "textarea", "select", "noembed", "noframes", "xmp",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = frozenset(
    {
        "alt", "align", "class", "colspan", "color", "dir", "face", "height", "lang",
        "rowspan", "size", "style", "title", "valign", "width", "href", "src",
    }
)  # fmt: skip
# Schemes a browser would fetch or run; everything with a scheme is refused except data:image.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_UNSAFE_STYLE = re.compile(
    r"url\s*\(|expression|@import|javascript|behavior|\\|\d{5,}", re.IGNORECASE
)  # five-digit sizes too: a 60000px-wide card would stall the layout
MAX_IMAGE_SIDE = 4000  # pixels; larger width/height attributes are dropped
_SIZE = re.compile(r"^\s*(\d{1,6})\s*(px|%)?\s*$", re.IGNORECASE)
_DATA_IMAGE = re.compile(
    r"^data:image/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=]*$", re.IGNORECASE
)
# In Ammonia's output every attribute is name="value" with " escaped, so these are exact.
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')
_ATTRIBUTE_VALUE = re.compile(r'(\s[a-z-]+=")([^"]*)(")')
# Qt lays out deep nesting and one unbroken word in quadratic time (a 50,000-letter word
# stalls a card for a second), so what is shown is flattened and broken up first.
MAX_NESTING = 64
LONG_WORD_CHUNK = 60
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_VOID_TAGS = frozenset({"br", "hr", "img"})
# One character of text as the serialiser writes it: an entity counts as one.
_LONG_WORD = re.compile(rf"(?:&[#a-z0-9]+;|[^\s<>&]){{{LONG_WORD_CHUNK * 2},}}", re.IGNORECASE)
_TEXT_CHARACTER = re.compile(r"&[#a-z0-9]+;|.", re.IGNORECASE | re.DOTALL)


def is_local_reference(url: str, allow_data_image: bool = False) -> bool:
    """Return True when ``url`` names a file in the media folder (no scheme, host or ``..``).

    Browsers ignore spaces and control characters inside a scheme (``java\\tscript:``), so
    they are removed before the check; backslashes count as slashes (``\\\\host`` is UNC).
    """
    compact = _CONTROL_AND_SPACE.sub("", html.unescape(url)).replace("\\", "/")
    if not compact:
        return False
    if _SCHEME.match(compact):
        return allow_data_image and bool(_DATA_IMAGE.match(compact))
    if compact.startswith("/"):
        return False  # absolute path or protocol-relative //host
    return ".." not in compact.split("/")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """The value to keep for one attribute Ammonia let through, or None to drop it."""
    if name == "src":
        return value if tag == "img" and is_local_reference(value, allow_data_image=True) else None
    if name == "href":
        # Only in-page anchors: a link to a local file would open outside the card.
        return value if tag == "a" and value.startswith("#") and is_local_reference(value) else None
    if name == "style" and _UNSAFE_STYLE.search(value):
        return None
    if name in ("width", "height"):
        size = _SIZE.match(value)
        limit = 100 if size and size.group(2) == "%" else MAX_IMAGE_SIDE
        return value if size and int(size.group(1)) <= limit else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={
        "*": set(ALLOWED_ATTRIBUTES - {"href", "src"}),
        "a": {"href"},
        "img": {"src"},
    },
    attribute_filter=_keep_attribute,
    strip_comments=True,
    link_rel=None,
    url_schemes={"data"},  # data:image only, as _keep_attribute then checks
)


def _escape_equals(match: re.Match[str]) -> str:
    # "=" is escaped in values too, so no attribute value can look like ` onerror=` to a
    # naive scanner (a mail filter, a log search) reading the stored HTML.
    return match.group(1) + match.group(2).replace("=", "&#61;") + match.group(3)


def sanitize_html(text: str) -> str:
    """Return ``text`` with only safe formatting and local media references left.

    Removes ``<script>``/``<style>``/``<iframe>``/``<object>``/``<embed>`` (with content),
    event-handler and other unknown attributes, ``javascript:`` and every other URL with a
    scheme, protocol-relative and absolute paths, and images left without a source; keeps
    tags such as ``<b>``, ``<br>``, ``<table>`` and ``<img src="name.png">``. The result is
    stable: ``sanitize_html(sanitize_html(x)) == sanitize_html(x)``.

    Args:
        text: An HTML fragment from an imported file.

    Returns:
        The safe fragment.
    """
    if "<" not in text and "&" not in text and ">" not in text:
        return text  # the common case for plain cards, and much faster
    clean = _IMAGE_WITHOUT_SOURCE.sub("", _CLEANER.clean(text))
    # The serialiser spells U+00A0 "&nbsp;"; as the character it is text like any other,
    # and field clean-up that strips surrounding whitespace treats it as such.
    return _ATTRIBUTE_VALUE.sub(_escape_equals, clean).replace("&nbsp;", "\xa0")


def _break_long_word(match: re.Match[str]) -> str:
    characters = _TEXT_CHARACTER.findall(match.group(0))
    return "\u200b".join(
        "".join(characters[start : start + LONG_WORD_CHUNK])
        for start in range(0, len(characters), LONG_WORD_CHUNK)
    )


def tame_layout(clean: str) -> str:
    """Return sanitised HTML that lays out in linear time, looking the same to a reader.

    Tags nested deeper than :data:`MAX_NESTING` are dropped (their text stays), and a word
    longer than two chunks gets zero-width break points, so it also wraps in the card.
    ``clean`` must be :func:`sanitize_html` output: balanced tags, ``"``-quoted values.
    """
    if "<" not in clean and len(clean) < LONG_WORD_CHUNK * 2:
        return clean
    parts: list[str] = []
    depth = 0
    for tag, text in _TAG_OR_TEXT.findall(clean):
        if text:
            parts.append(_LONG_WORD.sub(_break_long_word, text))
            continue
        name = tag.strip("</>").split(maxsplit=1)[0].lower() if tag.strip("</>") else ""
        if tag.startswith("</"):
            if depth <= MAX_NESTING:
                parts.append(tag)
            depth -= 1
        elif name in _VOID_TAGS:
            if depth < MAX_NESTING:
                parts.append(tag)
        else:
            depth += 1
            if depth <= MAX_NESTING:
                parts.append(tag)
    return "".join(parts)
