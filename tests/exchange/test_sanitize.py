"""Untrusted card HTML: nothing that runs or fetches survives, safe formatting and local media do.

The cleaning is nh3 (Ammonia); the hostile cases below include the kinds Ammonia's own suite
is known for: comments that seem to nest, entity- and whitespace-spelled javascript:,
malformed attributes, split tags and mutation XSS.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.exchange.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LONG_WORD_CHUNK,
    MAX_NESTING,
    is_local_reference,
    sanitize_html,
    tame_layout,
)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<b>bold</b> <i>it</i><br>", "<b>bold</b> <i>it</i><br>"),
        ("a<script>alert(1)</script>b", "ab"),
        ("<SCRIPT SRC=//evil/x.js></SCRIPT>x", "x"),
        ("<style>body{background:url(http://x)}</style>t", "t"),
        ('<img src="cat.png" onerror="alert(1)">', '<img src="cat.png">'),
        ('<img src="http://tracker.example/p.gif">', ""),
        ('<img src="//tracker.example/p.gif">', ""),
        ('<img src="file:///etc/passwd">', ""),
        ('<img src="../../secret.png">', ""),
        ('<img src="\\\\host\\share\\x.png">', ""),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="https://example.org">link</a>', "<a>link</a>"),
        ('<a href="#note">n</a>', '<a href="#note">n</a>'),
        ("<iframe src=x></iframe><object data=x></object><embed src=x>ok<frame src=y>", "ok"),
        ('<div style="color: red">r</div>', '<div style="color: red">r</div>'),
        ('<div style="background:url(http://x/y.png)">r</div>', "<div>r</div>"),
        ('<span title="a onclick=b">t</span>', '<span title="a onclick&#61;b">t</span>'),
        ("<b>unclosed", "<b>unclosed</b>"),
        ("1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"),
        ("&lt;file&gt; &nbsp;", "&lt;file&gt; \xa0"),
        ("<!-- <script>x</script> -->kept", "kept"),
        (
            '<img src="data:image/png;base64,iVBORw0KGgo=">',
            '<img src="data:image/png;base64,iVBORw0KGgo&#61;">',
        ),
        ('<img src="data:text/html;base64,PHNjcmlwdD4=">', ""),
        ("<svg><script>alert(1)</script></svg>s", "s"),
        ("<form action=x><input value=y>text</form>", "text"),
        ("a <![0 b", "a "),  # a bogus comment, as browsers parse it (html.parser raised on it)
    ],
)
def test_sanitize_examples(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        # Comments cannot nest: the first "-->" ends it, the rest is text.
        ("<!-- <!-- nested --> -->after", " --&gt;after"),
        ("<!--><script>alert(1)</script>-->x", "--&gt;x"),
        ("<!---->ok<!--->", "ok"),
        # javascript: spelled with entities, control characters and spaces.
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="&#x6A;&#x61;&#x76;&#x61;script&colon;alert(1)">x</a>', "<a>x</a>"),
        ('<a href="  javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="\x01javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="&#x6A;avascript:alert(1)">', ""),
        ('<img src="JaVaScRiPt:alert(1)">', ""),
        # Malformed attributes: unquoted, unclosed, doubled, without values.
        ("<img src=x onerror=alert(1)//", ""),
        ('<img src="a.png"onerror="alert(1)">', '<img src="a.png">'),
        ("<img src=a.png onerror=alert(1) src=b.png>", '<img src="a.png">'),
        ('<b title="unclosed>text', ""),
        ('<b title=x"y onclick=alert(1)>t</b>', '<b title="x&quot;y">t</b>'),
        ("<b onclick>t</b>", "<b>t</b>"),
        # Tags split or doubled to get past a naive filter.
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<<script>script>alert(1)</script>", "&lt;"),
        # Mutation XSS: markup that changes meaning between parser and renderer.
        ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<img src="x">"&gt;'),
        # (an <img> breaks out of the <svg>, as in a browser, and loses its handler)
        ("<svg><style><img src=x onerror=alert(1)></style></svg>", '<img src="x">'),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
        ("<template><script>alert(1)</script></template>kept", "kept"),
    ],
)
def test_ammonia_style_hostile_input(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean
    assert sanitize_html(clean) == clean


def test_local_references() -> None:
    assert is_local_reference("paste-123.jpg")
    assert is_local_reference("maps/Germany/Thüringen.png")
    for remote in (
        "http://x/y.png",
        "HTTPS://x",
        "ftp://x",
        "file:/x",
        "//x/y",
        "/etc/x",
        "a/../../b",
        " javascript:x",
    ):
        assert not is_local_reference(remote), remote


class _Audit(HTMLParser):
    """Collects every tag and attribute the sanitised output really contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


FRAGMENTS = st.sampled_from([
    "<!", "<![", "<![CDATA[", "]]>", "<!DOCTYPE", "<?", "<!-",
    "<script>", "</script>", "<SCRIPT>", "<scr", "ipt>", "<img ", "src=", "href=", "http://x/a.png",
    "//evil", "javascript:", "JaVaScRiPt:", "onerror=", " onload=", "ONCLICK=", "'", '"', ">", "<", "/",
    "<a ", "<iframe>", "<object>", "<embed ", "<style>", "</style>", "<b>", "</b>", "<!--", "-->", "&",
    "&#106;avascript:", "data:text/html,", "\\\\host", "file:", " ", "\t", "\n", "x", "=", "<svg>", "<br/>",
    "style=", "url(", "expression(", "<div ", "<p>", "</p>", "a.png", "../", "%",
])  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(FRAGMENTS | st.text(max_size=5), max_size=40).map("".join))
def test_sanitized_output_is_inert(dirty: str) -> None:
    clean = sanitize_html(dirty)
    assert "<script" not in clean.lower()
    assert not re.search(r"<[^>]*\son\w*\s*=", clean, re.IGNORECASE)
    assert not re.search(
        r"<[^>]*(src|href)\s*=\s*[\"']?\s*(https?:|ftp:|file:|//|javascript:)", clean, re.IGNORECASE
    )
    audit = _Audit()
    audit.feed(clean)
    audit.close()
    for tag, attrs in audit.tags:
        assert tag in ALLOWED_TAGS
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES and not name.startswith("on")
            if name in ("src", "href"):
                assert value is not None and is_local_reference(value, allow_data_image=True)
    assert sanitize_html(clean) == clean  # stable: sanitising twice changes nothing


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="<>&"), max_size=80))
def test_plain_text_is_untouched(text: str) -> None:
    assert sanitize_html(text) == text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            '<img src="a.png" width="300" height="40%">',
            '<img src="a.png" width="300" height="40%">',
        ),
        ('<img src="a.png" width="60000">', '<img src="a.png">'),
        ('<img src="a.png" height="250%">', '<img src="a.png">'),
        ('<img src="a.png" width="calc(1e9px)">', '<img src="a.png">'),
        ('<div style="width: 60000px">x</div>', "<div>x</div>"),
    ],
)
def test_image_and_box_sizes_are_bounded(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


def test_a_field_too_long_to_show_is_refused() -> None:
    from studyapp.exchange.records import MAX_FIELD_CHARS, RecordInvalid, make_record

    with pytest.raises(RecordInvalid, match="characters long"):
        make_record("basic", "x" * (MAX_FIELD_CHARS + 1), "answer")


def test_deep_nesting_is_flattened_and_its_text_kept() -> None:
    shown = tame_layout(sanitize_html("<b>" * 5000 + "deep" + "</b>" * 5000 + "<br>after"))
    assert shown.count("<b>") == shown.count("</b>") == MAX_NESTING
    assert shown.endswith("deep" + "</b>" * MAX_NESTING + "<br>after")


def test_a_long_word_gets_break_points_and_entities_stay_whole() -> None:
    word = "x" * (LONG_WORD_CHUNK - 1) + "&amp;" + "y" * (LONG_WORD_CHUNK * 2)
    shown = tame_layout(sanitize_html(f'<i>{word}</i> <img src="a.png"> short'))
    pieces = shown.removeprefix("<i>").split("</i>")[0].split("\u200b")
    assert pieces == [
        "x" * (LONG_WORD_CHUNK - 1) + "&amp;",
        "y" * LONG_WORD_CHUNK,
        "y" * LONG_WORD_CHUNK,
    ]
    assert shown.endswith('</i> <img src="a.png"> short')


@given(st.text(max_size=200))
def test_taming_changes_no_visible_text(text: str) -> None:
    clean = sanitize_html(text)
    visible = re.sub(r"<[^>]*>", "", clean)
    assert re.sub(r"<[^>]*>", "", tame_layout(clean)).replace("\u200b", "") == visible
