"""Make untrusted card HTML inert: an allow-list of tags and attributes, no scripts, no remote URLs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Formatting a card may keep. Anything else is dropped but its text is kept.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "br",
        "center",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
    }
)
# Elements whose whole content is dropped: code, foreign documents, or active content.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frameset",
        "object",
        "applet",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "textarea",
        "select",
        "noembed",
        "noframes",
        "xmp",
    }
)
# (embed, frame, input… have no content and no end tag: as unknown tags they are simply dropped.)
VOID_TAGS = frozenset(("br", "hr", "img"))
ALLOWED_ATTRIBUTES = frozenset(
    {
        "alt",
        "align",
        "class",
        "colspan",
        "color",
        "dir",
        "face",
        "height",
        "lang",
        "rowspan",
        "size",
        "style",
        "title",
        "valign",
        "width",
        "href",
        "src",
    }
)
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


def _safe_attribute(tag: str, name: str, value: str | None) -> str | None:
    """Return the value to keep for one attribute, or None to drop it."""
    if name not in ALLOWED_ATTRIBUTES or value is None and name in ("href", "src", "style"):
        return None
    value = value or ""
    if name == "src":
        return value if tag == "img" and is_local_reference(value, allow_data_image=True) else None
    if name == "href":
        # Only in-page anchors: a link to a local file would open outside the card.
        return value if tag == "a" and value.startswith("#") and is_local_reference(value) else None
    if name == "style" and _UNSAFE_STYLE.search(html.unescape(value)):
        return None
    if name in ("width", "height"):
        size = _SIZE.match(html.unescape(value))
        limit = 100 if size and size.group(2) == "%" else MAX_IMAGE_SIDE
        return value if size and int(size.group(1)) <= limit else None
    return value


def _escape_attribute(value: str) -> str:
    # "=" is escaped too so no attribute value can look like ` onerror=` to a naive scanner.
    return html.escape(value, quote=True).replace("=", "&#61;")


class _Sanitizer(HTMLParser):
    """Rebuilds the document from parsed tokens, so nothing unparsed reaches the output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0  # depth inside an element dropped with its content
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            safe = _safe_attribute(tag, name, value)
            if safe is not None:
                kept.append(f' {name}="{_escape_attribute(safe)}"')
        if tag == "img" and not any(k.startswith(' src="') for k in kept):
            return  # an image with no local source shows nothing useful
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED_WITH_CONTENT:
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.open and self.open[-1] == tag:
            self.open.pop()
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in ALLOWED_TAGS or tag in VOID_TAGS:
            return
        if tag in self.open:
            # Close whatever was left open inside it, so the output stays balanced.
            while self.open:
                inner = self.open.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def close_all(self) -> str:
        self.close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out)


def sanitize_html(text: str) -> str:
    """Return ``text`` with only safe formatting and local media references left.

    Removes ``<script>``/``<style>``/``<iframe>``/``<object>``/``<embed>`` (with content),
    event-handler and other unknown attributes, ``javascript:`` and every other URL with a
    scheme, protocol-relative and absolute paths; keeps tags such as ``<b>``, ``<br>``,
    ``<table>`` and ``<img src="name.png">``. Text is re-escaped, so the result is stable:
    ``sanitize_html(sanitize_html(x)) == sanitize_html(x)``.

    Args:
        text: An HTML fragment from an imported file.

    Returns:
        The safe fragment.
    """
    if "<" not in text and "&" not in text and ">" not in text:
        return text  # the common case for plain cards, and much faster
    parser = _Sanitizer()
    try:
        parser.feed(text)
        return parser.close_all()
    except (AssertionError, ValueError):
        # html.parser gives up on some broken declarations ("<![0"); then nothing is markup.
        return html.escape(text, quote=False)
