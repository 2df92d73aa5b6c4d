"""Article loaders: formats, web chrome, hard wrapping, and clear refusals."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.content.bundled import bundled_articles
from studyapp.content.frontmatter import format_front_matter, parse_front_matter
from studyapp.content.loaders import load_article
from studyapp.content.plaintext import text_to_passages
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError

PROSE = (
    "The Khmer Rouge took Phnom Penh on April 17, 1975. Within days the city was emptied and "
    "its people were marched into the countryside, where many of them died of hunger."
)


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_bundled_articles_have_metadata_and_passages() -> None:
    articles = {a.key: a for a in bundled_articles()}
    assert set(articles) == {"kprp_part2", "kr_defectors"}
    assert articles["kr_defectors"].source == "Phnom Penh Post"
    assert articles["kprp_part2"].title.startswith("Khmer People’s Revolutionary Party")
    for article in articles.values():
        assert len(article.passages) > 40
        assert all(p == " ".join(p.split()) and p for p in article.passages)
        text = " ".join(article.passages)
        for chrome in ("Leave a Reply", "Part One available", "Municipal hall", "Khuong Sreng"):
            assert chrome not in text


def test_front_matter_round_trip() -> None:
    article = ArticleText("A title", ("One passage.", "Two passage."), "Source", "1993", "key")
    assert parse_front_matter(format_front_matter(article), key="key") == article


def test_front_matter_errors_are_reported() -> None:
    with pytest.raises(ValueError, match="front matter"):
        parse_front_matter("no front matter here")
    with pytest.raises(ValueError, match="not closed"):
        parse_front_matter("---\ntitle: x\n")


def test_hard_wrapped_text_is_rejoined(tmp_path: Path) -> None:
    wrapped = (
        "A long sentence that goes on past the wrapping width of this old newspaper\n\n"
        "archive, so that it continues on the next visual line without a break.\n\n"
        "Another paragraph starts here and it is also long enough to be wrapped by\n\n"
        "the tool that produced the file, said Major Meas\n\n"
        "Phong at the camp.\n\n"
        "Short line.\n\n"
        "A third paragraph follows the short one and it is long enough to wrap too,\n\n"
        "ending here."
    )
    passages = load_article(_write(tmp_path, "a.txt", wrapped)).passages
    assert passages[0].endswith("without a break.")
    assert "said Major Meas Phong at the camp." in passages[1]
    assert passages[2] == "Short line."
    assert passages[3].endswith("ending here.")


def test_a_paragraph_cut_by_a_page_break_is_rejoined_without_the_page_chrome() -> None:
    book = (
        "The date of the accession is uncertain. Ibn Khaldun allows him a reign\n"
        "of twenty-five years, and the king told his host that his predecessor\n"
        "sailed away. \"That was the last we\n"
        "\n                                  111\n\n"
        "112        WEST AFRICA IN THE AGE OF EMPIRES\n\n"
        "saw of him,\" he said. By then the name of Mali had reached Europe. On the\n"
        "Catalan\n\n"
        "THE PILGRIM KING 113\n\n"
        "Atlas of 1375 a crowned African king sits enthroned in the\n"
        "Sahara.\n\n"
        "A new paragraph ends here.\n\n"
        "114\n\n"
        "The next page starts a paragraph of its own.\n"
    )
    assert text_to_passages(book) == [
        "The date of the accession is uncertain. Ibn Khaldun allows him a reign of twenty-five "
        "years, and the king told his host that his predecessor sailed away. \"That was the last we "
        "saw of him,\" he said. By then the name of Mali had reached Europe. On the Catalan "
        "Atlas of 1375 a crowned African king sits enthroned in the Sahara.",
        "A new paragraph ends here.",
        "114",
        "The next page starts a paragraph of its own.",
    ]


def test_web_chrome_and_teasers_are_removed() -> None:
    raw = (
        "Logo of Some Newspaper - A title\n\nA title\n\nA title\n\n"
        f"{PROSE}\n\nLeave a Reply\n\nYour email address will not be published.\n\n"
    )
    assert text_to_passages(raw) == ["A title", PROSE]
    teasers = f"{PROSE}\n\n  • Unrelated story\n\n    Its blurb, indented.\n\n  • Another one\n"
    assert text_to_passages(teasers) == [PROSE]


def test_markdown_and_html_and_epub(tmp_path: Path) -> None:
    md = f"# The fall of Phnom Penh\n\nSome **bold** words and a [link](http://x.org).\n\n{PROSE}\n"
    article = load_article(_write(tmp_path, "a.md", md))
    assert article.title == "The fall of Phnom Penh"
    assert article.passages[1] == "Some bold words and a link."
    html = (
        "<html><head><title>The fall</title></head><body><nav>Home | News</nav>"
        f"<article><h1>The fall of Phnom Penh</h1><p>{PROSE}</p><p>{PROSE}</p></article>"
        "<div class='comments'><p>Great post!</p></div></body></html>"
    )
    article = load_article(_write(tmp_path, "a.html", html))
    assert PROSE in article.passages
    assert not any("Home | News" in p for p in article.passages)


def test_epub(tmp_path: Path) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id1")
    book.set_title("A history")
    book.set_language("en")
    chapter = epub.EpubHtml(title="One", file_name="one.xhtml", lang="en")
    chapter.content = f"<h1>Chapter one</h1><p>{PROSE}</p>"
    book.add_item(chapter)
    book.spine = [chapter]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    path = tmp_path / "book.epub"
    epub.write_epub(str(path), book)
    article = load_article(path)
    assert article.title == "A history"
    assert article.passages == ("Chapter one", PROSE)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "   \n\n  \n", "no article text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("french.txt", "Le gouvernement a annoncé hier que les élections auront lieu en mai "
         "prochain dans toutes les provinces du pays selon le ministre.", "not look like English"),
        ("broken.epub", b"PK\x03\x04 not really a zip", "EPUB"),
    ],
)  # fmt: skip
def test_bad_files_give_clear_input_errors(
    tmp_path: Path, name: str, data: str | bytes, reason: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError, match=reason) as caught:
        load_article(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_article(tmp_path / "nope.txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_text_loaders_only_ever_raise_input_error(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            article = load_article(path)
        except InputError:
            return
        assert article.passages
        assert all(p and p == " ".join(p.split()) for p in article.passages)


@settings(max_examples=80, deadline=None)
@given(
    paragraphs=st.lists(st.integers(0, 10_000), min_size=1, max_size=30, unique=True),
    separators=st.lists(st.sampled_from([" ", "\n", "  ", " \n"]), min_size=8, max_size=8),
    breaks=st.sampled_from(["\n\n", "\n\n\n", "\n \n"]),
)
def test_prose_keeps_every_word(paragraphs: list[int], separators: list[str], breaks: str) -> None:
    """Cleaning changes whitespace only: the words come out in the same order."""
    words = "Sentence number {} of the article was written in Phnom Penh.".split()  # noqa: SIM905
    blocks = [
        "".join(w + separators[i % 8] for i, w in enumerate(words)).format(n) for n in paragraphs
    ]
    text = breaks.join(blocks)
    assert " ".join(text_to_passages(text)).split() == text.split()


def test_reference_sections_and_citation_lines_are_dropped() -> None:
    raw = f"Title\n\n{PROSE}\n\n{PROSE} Again.\n\nReferences\n^ Kiernan, Ben (1985). How Pol Pot Came to Power.\n"
    assert text_to_passages(raw) == ["Title", PROSE, f"{PROSE} Again."]


def test_publication_date_and_byline_lines_become_metadata(tmp_path: Path) -> None:
    raw = (
        "No way home\n\nPublication date 14 January 1994 | 07:00 ICT\n\nReporter : Nate Thayer\n\n"
        f"{PROSE}\n"
    )
    article = load_article(_write(tmp_path, "a.txt", raw))
    assert article.published == "14 January 1994"
    assert article.passages == ("No way home", PROSE)


def test_unindented_teaser_list_at_the_end_is_dropped() -> None:
    body = [
        f"Paragraph {i} of the article says something about the war in 1975." for i in range(10)
    ]
    tail = (
        "• Municipal hall releases map\n\nGovernor Khuong Sreng released a map on April 26.\n\n"
        "• Phnom Penh unveils rules\n\nThe administration issued rules.\n\n"
        "• Lockdown extended\n\nThe government announced an extension.\n"
    )
    assert text_to_passages("\n\n".join(body) + "\n\n" + tail) == body


def test_a_closing_list_of_study_notes_is_kept() -> None:
    body = [f"Paragraph {i} of the article says something about the conquest in 1521." for i in range(10)]
    notes = [
        "• Hernán Cortés (1485–1547): born at Medellín in Extremadura",
        "• Cuauhtémoc: the last emperor, hanged in 1525",
        "• Pedro de Alvarado: later conquered Guatemala",
    ]
    passages = text_to_passages("\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n")
    assert passages[: len(body)] == body
    assert any("Cuauhtémoc" in passage for passage in passages[len(body) :])


def test_a_pdf_page_s_footnotes_between_two_halves_of_a_paragraph_stay_after_it() -> None:
    paper = (
        "The news reached the king on 28 November 1837 at his hunting lodge. The\n"
        "three who had spread the text, all of them\n"
        "\n"
        "----------------------------------------------------------------------\n"
        "4 The number is the one given in most accounts.\n"
        "\n"
        "6 The figure is a contemporary estimate.\n"
        "\n"
        "AN OATH IS AN OATH 3\n"
        "\n"
        "professors, were ordered to leave the kingdom within three days.\n"
    )
    passages = text_to_passages(paper)
    assert passages[0].endswith("all of them professors, were ordered to leave the kingdom within three days.")
    assert passages[1].startswith("-----") and passages[2].startswith("4 The number")
    assert passages[3] == "6 The figure is a contemporary estimate."


def test_a_heading_over_a_wrapped_paragraph_is_its_own_passage() -> None:
    paper = (
        "3. Dismissal and Expulsion\n"
        "The news reached Ernest Augustus on 28 November 1837 at his hunting lodge\n"
        "at Rotenkirchen. According to Heinrich von Treitschke, the curators\n"
        "Arnswald and Stralenheim pleaded in vain for a regular procedure. Instead a\n"
        "cabinet order of 11 December dismissed all seven professors.\n"
    )
    passages = text_to_passages(paper)
    assert passages[0] == "3. Dismissal and Expulsion"
    assert passages[1].startswith("The news reached Ernest Augustus")


def test_a_running_head_with_a_year_after_the_notes_is_not_joined_to_the_paragraph() -> None:
    book = (
        "The young emperor had ruled in his own right since 1889, when his aunt\n"
        "withdrew to the Summer Palace. On 11 June 1898 he issued an edict that\n"
        "opened what came to be called the Hundred Days, and Ronglu, a Manchu fav-\n"
        "\n"
        "______________\n"
        "\n"
        "1 The indemnity was raised by a further 30 million taels when Japan\n"
        "returned the Liaodong peninsula.\n"
        "2 Other sources give about 600 signatures.\n"
        "\n"
        "\n"
        "THE HUNDRED DAYS OF 1898                                  219\n"
        "\n"
        "ourite of the empress dowager, was made governor-general of Zhili\n"
        "with command of the northern armies. On the following day the emperor\n"
        "received Kang in audience.\n"
    )
    passages = text_to_passages(book)
    assert passages[0].endswith("Ronglu, a Manchu favourite of the empress dowager, was made governor-general "
                                "of Zhili with command of the northern armies. On the following day the emperor "
                                "received Kang in audience."), passages
    assert "THE HUNDRED DAYS OF 1898 219" in passages and passages[1].startswith("______")


def test_a_table_of_dates_keeps_a_row_to_a_passage_and_a_bare_rule_joins_nothing() -> None:
    handout = (
        "---------------------------------------------------------------\n"
        "A. KEY DATES\n"
        "---------------------------------------------------------------\n"
        "21 Sept 1452   Girolamo Savonarola born in Ferrara\n"
        "1482           first posting to San Marco, Florence\n"
        "Dec 1494       Great Council created\n"
        "23 May 1498    Savonarola and two friars executed\n"
        "\n"
        "---------------------------------------------------------------\n"
        "B. LECTURE POINTS\n"
        "---------------------------------------------------------------\n"
        "1. Origins. Savonarola came from a Ferrarese family of some standing.\n"
    )
    passages = text_to_passages(handout)
    assert "21 Sept 1452 Girolamo Savonarola born in Ferrara" in passages
    assert "Dec 1494 Great Council created" in passages
    assert "23 May 1498 Savonarola and two friars executed" in passages
    assert passages[-1] == "1. Origins. Savonarola came from a Ferrarese family of some standing."
    kinds = passage_kinds(passages)
    assert kinds[passages.index("Dec 1494 Great Council created")] == "list"


def test_a_table_of_dates_with_leader_dots_or_ranges_keeps_a_row_to_a_passage() -> None:
    timeline = (
        "1828–29 ...................... poor harvests\n"
        "27–29 July 1830 .............. July Revolution in Valdoria\n"
        "15 January 1831 .............. Karl Brenner hanged at Marsk\n"
        "July 1831 .................... Otto Hahn's trial\n"
    )
    passages = text_to_passages(timeline)
    assert passages == [line for line in timeline.split("\n") if line], passages


def test_a_book_page_s_marked_notes_stay_after_the_rejoined_paragraph_and_the_text_goes_on() -> None:
    book = (
        "The Roman infantry was drawn up in a formation of unusual depth, and the\n"
        "whole army numbered some eighty thousand, while the Car-\n"
        "\n"
        "——————————————\n"
        "¹ Polybius, iii. 107, 113.\n"
        "\n"
        "216 B.C.]                      CANNAE                      213\n"
        "\n"
        "thaginians had 40,000 foot and 10,000 horse.\n"
        "\n"
        "The action opened with a fierce encounter of the cavalry by the river.\n"
    )
    passages = text_to_passages(book)
    assert passages[0].endswith("while the Carthaginians had 40,000 foot and 10,000 horse.")
    kinds = passage_kinds(passages)
    assert kinds[0] == "prose" and kinds[-1] == "prose", kinds
    assert kinds[passages.index("¹ Polybius, iii. 107, 113.")] == "chrome"


def test_markdown_bold_pasted_into_text_is_dropped() -> None:
    assert text_to_passages("On **17 August 1945** Sukarno read the **Proklamasi**.") == [
        "On 17 August 1945 Sukarno read the Proklamasi."
    ]
