"""Template analysis and cloze helpers behind the Anki importer (no anki library needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyapp.exchange.anki_notes import (
    CardLayout,
    clean_rendered,
    cloze_answer,
    cloze_ordinals,
    notetype_layouts,
    rendered_back,
    strip_cloze,
    template_error,
)

HR = "{{FrontSide}}\n\n<hr id=answer>\n\n"


def _notetype(fields: list[str], templates: list[tuple[str, str]], kind: int = 0, **extra):
    return {
        "type": kind,
        "flds": [{"name": name} for name in fields],
        "tmpls": [{"ord": i, "qfmt": q, "afmt": a} for i, (q, a) in enumerate(templates)],
        **extra,
    }


def test_stock_basic_and_reversed() -> None:
    layouts = notetype_layouts(
        _notetype(
            ["Front", "Back"], [("{{Front}}", HR + "{{Back}}"), ("{{Back}}", HR + "{{Front}}")]
        )
    )
    assert layouts == {
        0: CardLayout("basic", front="Front", back="Back"),
        1: CardLayout("basic", front="Back", back="Front"),
    }


def test_optional_reverse_conditional_is_ignored() -> None:
    notetype = _notetype(
        ["Front", "Back", "Add Reverse"],
        [
            ("{{Front}}", HR + "{{Back}}"),
            ("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", HR + "{{Front}}"),
        ],
    )
    assert notetype_layouts(notetype)[1] == CardLayout("basic", front="Back", back="Front")


def test_typed_answer() -> None:
    notetype = _notetype(
        ["Front", "Back"],
        [("{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")],
    )
    assert notetype_layouts(notetype)[0] == CardLayout("typed", front="Front", back="Back")


def test_explanation_field_after_the_answer() -> None:
    afmt = HR + "{{Back}}\n\n{{#Explanation}}<hr>{{Explanation}}{{/Explanation}}"
    notetype = _notetype(["Front", "Back", "Explanation"], [("{{Front}}", afmt)])
    assert notetype_layouts(notetype)[0] == CardLayout(
        "basic", front="Front", back="Back", extra=("Explanation",)
    )


def test_templates_with_text_or_filters_are_rendered() -> None:
    for qfmt, afmt in [
        ("Translate: {{Front}}", HR + "{{Back}}"),
        ("{{hint:Front}}", HR + "{{Back}}"),
        ("{{Front}}", HR + "<div class=x>{{Back}}</div>"),
        ("{{Front}}", "{{Back}}"),  # no answer rule
        ("{{Tags}}", HR + "{{Back}}"),  # special field, not a note field
    ]:
        layout = notetype_layouts(_notetype(["Front", "Back"], [(qfmt, afmt)]))[0]
        assert layout.kind == "rendered", qfmt


def test_cloze_layouts() -> None:
    stock = _notetype(
        ["Text", "Back Extra"], [("{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")], 1
    )
    assert notetype_layouts(stock)[0] == CardLayout("cloze", cloze=("Text",), extra=("Back Extra",))
    multi = _notetype(
        ["common", "t1", "t2", "note"],
        [("{{common}}\n{{cloze:t1}}\n{{type:cloze:t2}}", "{{cloze:t1}}{{cloze:t2}}{{note}}")],
        1,
    )
    assert notetype_layouts(multi)[0] == CardLayout(
        "cloze", context=("common",), cloze=("t1", "t2"), extra=("note",)
    )


def test_image_occlusion_is_recognised() -> None:
    occlusion = _notetype(
        ["Occlusion", "Image"], [("{{cloze:Occlusion}}", "{{Image}}")], 1, originalStockKind=6
    )
    assert notetype_layouts(occlusion)[0].kind == "occlusion"


def test_cloze_answers() -> None:
    text = "{{c1::Paris::city}} is in {{c2::France}}; {{c1::Lyon}} too"
    assert cloze_ordinals(text) == [1, 2]
    assert cloze_answer(text, 1) == "Paris, Lyon"
    assert cloze_answer(text, 2) == "France"
    assert cloze_answer(text, 3) == ""
    nested = "{{c1::outer {{c2::inner}} part}}"
    assert cloze_answer(nested, 1) == "outer inner part"
    assert cloze_answer(nested, 2) == "inner"


def test_strip_cloze_keeps_only_requested_numbers() -> None:
    text = "{{c1::a::hint}} {{c2::b}} {{c3::c {{c1::d}}}}"
    assert strip_cloze(text) == "a b c d"
    assert strip_cloze(text, frozenset({2})) == "a {{c2::b}} c d"
    assert strip_cloze(text, frozenset({3})) == "a b {{c3::c d}}"
    assert strip_cloze(text, frozenset({1, 2, 3})) == text


words = st.text(alphabet=st.characters(blacklist_characters="{}:\x00"), min_size=1, max_size=8)


@given(st.lists(st.tuples(st.integers(1, 5), words, words), min_size=1, max_size=6))
def test_cloze_helpers_agree(parts: list[tuple[int, str, str]]) -> None:
    text = "".join(f"{plain}{{{{c{number}::{hidden}}}}}" for number, plain, hidden in parts)
    assert strip_cloze(text) == "".join(plain + hidden for _, plain, hidden in parts)
    assert strip_cloze(text, frozenset(cloze_ordinals(text))) == text
    for number in cloze_ordinals(text):
        expected = ", ".join(hidden for n, _, hidden in parts if n == number)
        assert cloze_answer(text, number) == expected


def test_clean_rendered_removes_active_content() -> None:
    html = (
        '<script>alert(1)</script><style>p{}</style><a href="javascript:go()" onclick="x()">hint</a>'
        "[anki:play:q:0][anki:play:q:1][[type:Back]] ok"
    )
    assert clean_rendered(html, ["a.mp3", None]) == '<a href="#">hint</a>[sound:a.mp3] ok'
    # Text that merely looks like an attribute is left alone outside tags.
    assert clean_rendered("one onion=3", []) == "one onion=3"


def test_rendered_back_drops_the_front_copy() -> None:
    question = "<b>Q</b>"
    answer = "<b>Q</b>\n<img src='x.png'>\n<hr id=answer>\nA"
    assert rendered_back(answer, question).split() == ["<img", "src='x.png'>", "A"]
    assert rendered_back("Other <hr id=answer> A", question).strip() == "A"


def test_template_error_message() -> None:
    rendered = (
        "Front template has a problem:<br>Found &#x27;\u2068{{/z}}\u2069&#x27;<br>"
        "<a href='https://docs.ankiweb.net/templates/errors.html#x'>More information</a>"
    )
    assert template_error(rendered) == "Front template has a problem: Found '{{/z}}'"
    assert template_error("fine") is None
