"""Name mentions of a passage: the model's entities cleaned and classified, plus names the model
missed (after a title, in a fact sheet, given as another form or a nickname of a name)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.cleaning import VEHICLES, clean_mention
from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.evidence import described_as_person
from studyapp.content.extraction.factlines import FactLine, fact_line, value_items
from studyapp.content.extraction.kinds import (
    ORGANISATION,
    PARTICLES,
    PERSON,
    PLACE,
    POSTFIX_TITLES,
    Candidate,
    is_title_word,
    known,
    name_key,
)
from studyapp.content.extraction.names import (
    HUMAN_VERBS,
    MONTHS,
    completed_right,
    lone_word_entity,
    looks_like_person,
    month_before_name,
    strip_titles,
    unlabelled_name_word,
)
from studyapp.content.extraction.other_names import other_names

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ORGANISATION", "PERSON", "PLACE", "Candidate", "find_candidates", "name_key"]

_POSSESSIVE = {"'s", "’s", "'", "’"}
# "&" joins the names of a firm ("Currier & Ives"), not a list of people.
_SPLITTERS = {"and", ",", "/", ";", "or", "|"}
_OTHER_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_REIGN_TITLES = frozenset({"emperor", "empress"})
_CALENDAR = MONTHS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# "Lytton Strachey's essay in Eminent Victorians (1918)", "The River War (1899)": a work and
# the year it came out (a person's bracket gives a life, "(1583–1663)", or says "born").
_DATED_WORK = re.compile(r"\s*\((?:c\.\s*)?\d{4}\)")
_IN_A_WORK = re.compile(r"(?:\bin|['’]s)\s*$")
_PERSONAL = re.compile(r"\b(?:he|him|his|himself|she|her|herself)\b")
# "(1810–1861)", "(c. 1480 – 1521)", "(born 1930)": the life years written after a name.
_LIFE_YEARS = re.compile(
    r"\((?:c\.\s*|b\.\s*|born\s+)?1?\d{3}\s*(?:[–—-]\s*(?:c\.\s*)?1?\d{3}|[–—-]\s*present)?\)"
)


def _pieces(span_tokens: list[Token], domain: Domain) -> list[list[Token]]:
    """Split "Heng Samrin and Hun Sen" style spans into one list of tokens per name; a place or
    body named after two people stays whole ("the Victoria and Albert Museum", "Washington and
    Lee University")."""
    pieces: list[list[Token]] = [[]]
    for token in span_tokens:
        if token.text.lower() in _SPLITTERS:
            pieces.append([])
        else:
            pieces[-1].append(token)
    pieces = [p for p in pieces if p]
    things = domain.place_words | domain.organisation_words | domain.event_words
    if (
        len(pieces) == 2
        and len(pieces[0]) == 1
        and len(pieces[1]) >= 2
        and span_tokens[len(pieces[0])].text.lower() == "and"
        and fold(pieces[1][-1].text) in things
        and pieces[1][-1].text[:1].isupper()
    ):
        return [list(span_tokens)]
    return pieces


def _titled_like_a_work(tokens: list[Token], start: int) -> bool:
    """An entity that starts with a capitalised "The" inside a sentence names a work or a
    thing ("wrote The Wretched of the Earth", "a film, The Battle of Algiers")."""
    first = tokens[start]
    if first.text != "The" or start == 0 or first.is_sent_start:
        return False
    before = tokens[start - 1]
    return (
        before.text not in (".", "!", "?", ":", "\n")
        and "\n" not in before.whitespace_ + before.text
    )


def _of_place(tokens: list[Token], start: int, end: int, domain: Domain) -> int:
    """The end of the person part of "Okubo of Satsuma" taken as one entity: the word before "of"
    names the person, the one after their domain or province."""
    inner = tokens[start:end]
    if (
        len(inner) == 3
        and inner[1].text == "of"
        and inner[0].tag_ != "NNPS"  # "Pillars of Wisdom"
        and all(t.text[:1].isupper() and t.is_alpha for t in (inner[0], inner[2]))
        and not known(" ".join(t.text for t in inner), domain)
        # "William of Poitiers", "Emma of Normandy": a given name and its place make the name
        and fold(inner[0].text) not in domain.given_names
    ):
        return start + 1
    return end


def _given_name_of_place(tokens: list[Token], start: int, end: int, domain: Domain) -> int:
    """The end of "William of Poitiers", "Henry of Huntingdon", "Bernhard of Saxe-Weimar" when
    the model labelled only the given name: before surnames, a person was named by a place; or
    of "Philip the Bold", "Henry the Navigator": by an epithet."""
    if end - start == 1 and fold(tokens[start].text) in domain.given_names:
        end = _epithet_end(tokens, end, domain)
    if (
        end - start == 1
        and fold(tokens[start].text) in domain.given_names
        and end + 1 < len(tokens)
        and tokens[end].text == "of"
        and tokens[end + 1].text[:1].isupper()
        and tokens[end + 1].is_alpha
        and tokens[end + 1].ent_type_ in ("GPE", "LOC", "PERSON", "NORP", "")
    ):
        end += 2
        while end + 1 < len(tokens) and tokens[end].text == "-" and tokens[end + 1].text[:1].isupper():
            end += 2  # "Saxe-Weimar"
    return end


def _epithet_end(tokens: list[Token], end: int, domain: Domain) -> int:
    """After "Philip" in "Philip the Bold", "Mircea the Elder": the end of the epithet, which is
    part of the name (never a title, a people or a place: "Charles the King", "Henry the English")."""
    if end + 1 >= len(tokens) or tokens[end].text != "the":
        return end
    word = tokens[end + 1]
    key = fold(word.text)
    epithet = (
        word.text[:1].isupper()
        and word.is_alpha
        and word.tag_ in ("NNP", "JJ", "NN")
        and key not in domain.title_words | domain.nationalities | domain.place_words
        and key not in domain.places
        and word.ent_type_ in ("", "PERSON")
    )
    return end + 2 if epithet else end


def _dated_work(passage: ParsedPassage, candidate: Candidate) -> bool:
    """A title "in" or of someone, with a single year in brackets after it: a book or a film
    ("essay in Eminent Victorians (1918)"); notes write "Xu Naiji (1836) memorial" of people."""
    before = passage.text[max(0, candidate.start - 6) : candidate.start]
    return bool(_DATED_WORK.match(passage.text, candidate.end) and _IN_A_WORK.search(before))


def _after_a_date(tokens: list[Token], start: int, end: int) -> int:
    """Where a name starts when the model ran a date into it ("9 May Mussolini"), or before
    it when the model took the name's first word for an article: a capitalised "An" in
    mid-sentence is a surname ("north-east, An Lushan was a general")."""
    if end - start > 1 and month_before_name(tokens, start):
        return start + 1
    before = tokens[start - 1] if start > 1 else None
    if (
        before is not None
        and before.text == "An"
        and not before.is_sent_start
        and tokens[start - 2].text not in (":", '"', "“", "‘", "'", "(")
    ):
        return start - 1
    return start


def _spans(passage: ParsedPassage, domain: Domain) -> list[tuple[int, int]]:
    """Token ranges that may name a person."""
    doc = passage.doc
    tokens = list(doc)
    ranges: list[tuple[int, int]] = []
    for ent in doc.ents:
        if len(ent) == 1 and fold(ent.text) in POSTFIX_TITLES:
            continue  # "Midhat Pasha" with only "Pasha" labelled: the scan below takes the name
        start = _after_a_date(tokens, ent.start, ent.end)
        end = _of_place(tokens, start, _given_name_of_place(tokens, start, ent.end, domain), domain)
        if _titled_like_a_work(tokens, start):
            continue  # "wrote The Wretched of the Earth": a title in the middle of a sentence
        if ent.label_ == "PERSON" or (
            ent.label_ in _OTHER_LABELS
            and looks_like_person(tokens, start, end, passage, domain)
        ):
            ranges.append((start, end))
    covered = {i for start, end in ranges for i in range(start, end)}
    # Well-known names the model missed or mislabelled ("Lenin", "Sihanouk").
    for index, token in enumerate(tokens):
        if (
            index in covered
            or not token.text[:1].isupper()
            or fold(token.text) not in domain.people_first_words
        ):
            continue
        for size in (3, 2, 1):
            words = tokens[index : index + size]
            if len(words) == size and fold(" ".join(t.text for t in words)) in domain.people:
                after = tokens[index + size] if index + size < len(tokens) else None
                inside = (
                    words[-1].ent_iob_ in ("B", "I")
                    and after is not None
                    and after.ent_iob_ == "I"
                    and after.text not in _POSSESSIVE  # "Ta Mok's Division 980"
                )
                if inside:
                    break  # part of a longer name ("Ho Chi Minh City")
                if not any(i in covered for i in range(index, index + size)):
                    ranges.append((index, index + size))
                    covered.update(range(index, index + size))
                break
    # "Taira no Kiyomori", "Kamo no Chōmei": a clan name, "no" and a given name, whatever the
    # model made of its parts (it often calls the clan a place or a body).
    for index in range(len(tokens) - 2):
        clan, particle, given = tokens[index : index + 3]
        if particle.text == "no" and all(t.text[:1].isupper() and t.is_alpha for t in (clan, given)):
            # in place of the pieces the model found of it ("Munemori" alone)
            ranges = [(start, end) for start, end in ranges if end <= index or start >= index + 3]
            ranges.append((index, index + 3))
            covered.update(range(index, index + 3))
    # "Caroline of Ansbach", "Paul of Tarsus": a given name and its place, left unlabelled.
    for index, token in enumerate(tokens):
        if index in covered or token.ent_type_ or not token.text[:1].isupper():
            continue
        end = _given_name_of_place(tokens, index, index + 1, domain)
        if end > index + 2 and not any(i in covered for i in range(index, end)):
            ranges.append((index, end))
            covered.update(range(index, end))
    # "King Victor Emmanuel II", "Pope Pius IX": a title and the name the model left unlabelled.
    for index, token in enumerate(tokens):
        if index in covered or token.ent_type_ or not token.text[:1].isupper():
            continue
        titles, used = strip_titles(tokens[index : index + domain.longest_title + 2], domain)
        end = completed_right(tokens, index + used, domain) if titles else index
        if end > index + used and not any(i in covered for i in range(index, end)):
            ranges.append((index, end))
            covered.update(range(index, end))
    # "the duc de Broglie", "the baron de Vinols", "the duke de la Rochefoucauld": a title of
    # nobility, a particle and the name, whatever the model made of it.
    for index, token in enumerate(tokens[:-2]):
        if index in covered or not is_title_word(token.text, domain):
            continue
        start = end = index + 1
        while end < len(tokens) and tokens[end].text.lower() in PARTICLES:
            end += 1
        if end == start or end >= len(tokens) or not tokens[end].text[:1].isupper():
            continue
        end += 1
        while end < len(tokens) and (tokens[end].text in ("-",) or tokens[end - 1].text == "-"):
            end += 1  # "Rochefoucauld-Bisaccia"
        if not any(i in covered for i in range(index, end)):
            ranges.append((index, end))
            covered.update(range(index, end))
    # "the shipwright Martín López", "his nephew Puyi", "the Kadet deputy Fyodor Rodichev": a
    # name the model left unlabelled right after a noun for a person.
    for index, token in enumerate(tokens):
        if (
            index in covered
            or token.ent_type_
            or token.tag_ not in ("NNP", "NNPS")
            or not unlabelled_name_word(token, domain)
            or not described_as_person(tokens, index, index + 1, domain)
        ):
            continue
        end = index + 1
        while end < len(tokens) and end - index < 4 and end not in covered:
            word = tokens[end]
            if word.text.lower() in PARTICLES and end + 1 < len(tokens):
                if not unlabelled_name_word(tokens[end + 1], domain):
                    break
            elif fold(word.text) in POSTFIX_TITLES:
                end += 1  # "the grand vizier Midhat Pasha"
                break
            elif not (unlabelled_name_word(word, domain) and word.tag_ in ("NNP", "NNPS")):
                break
            end += 1
        if fold(tokens[end - 1].text) in domain.event_words | domain.organisation_words:
            continue
        ranges.append((index, end))
        covered.update(range(index, end))
    # "Émile Zola published ...": a known given name and one or two more name words, all left
    # unlabelled by the model.
    for index, token in enumerate(tokens):
        if (
            index in covered
            or token.ent_type_
            and not lone_word_entity(token)
            or not token.text[:1].isupper()
            or fold(token.text) not in domain.given_names
            or (  # "San Luis Potosí": the given name inside another name
                index > 0
                and tokens[index - 1].text[:1].isupper()
                and not is_title_word(tokens[index - 1].text.rstrip("."), domain)
                and not tokens[index - 1].is_sent_start
            )
        ):
            continue
        end = index + 1
        while end < len(tokens) and end - index < 4 and end not in covered:
            word = tokens[end]
            if (  # "Emília Viotti da Costa"
                word.lower_ in PARTICLES
                and end + 1 < len(tokens)
                and tokens[end + 1].text[:1].isupper()
                and end > index + 1
            ):
                end += 1
                continue
            if not (
                word.tag_ in ("NNP", "NNPS")
                and word.ent_type_ in ("", "PERSON")
                and unlabelled_name_word(word, domain)
                and tokens[end - 1].whitespace_
            ):
                break
            end += 1
        if tokens[end - 1].lower_ in PARTICLES:
            end -= 1
        if end > index + 1 and fold(tokens[end - 1].text) not in domain.event_words:
            ranges.append((index, end))
            covered.update(range(index, end))
    # 'Benigno "Ninoy" Aquino Jr. was shot': a name with a quoted nickname in it, unlabelled.
    for index, token in enumerate(tokens[:-4]):
        if (
            index in covered
            or token.ent_type_ not in ("", "PERSON")
            or not unlabelled_name_word(token, domain)
            or tokens[index + 1].text not in ('"', "“")
            or not token.whitespace_
        ):
            continue
        end = completed_right(tokens, index + 1, domain)
        if end < index + 5 or any(i in covered for i in range(index, end)):
            continue
        start = index
        while start > 0 and index - start < 2 and unlabelled_name_word(tokens[start - 1], domain):
            start -= 1
        ranges.append((start, end))
        covered.update(range(start, end))
    # "Prajadhipok reluctantly accepted ... that had stripped him of his power": an unlabelled
    # proper noun as the subject, referred to by "he", "him" or "his" later in its sentence
    # ("the Liberator" is an epithet, not a name).
    for index, token in enumerate(tokens):
        if (
            index not in covered
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.tag_ == "NNP"
            and (index + 1 == len(tokens) or tokens[index + 1].tag_ != "NNP")
            and unlabelled_name_word(token, domain)
            and token.ent_type_ == ""
            and (index == 0 or tokens[index - 1].text.lower() not in ("the", "a", "an"))
            and token.lower_ not in _CALENDAR
            and (_pronoun_after(passage, token) or token.head.lower_ in HUMAN_VERBS)
        ):
            ranges.append((index, index + 1))
            covered.add(index)
    # "Camillo Benso di Cavour (1810–1861)": a name followed by its bearer's life years.
    for match in _LIFE_YEARS.finditer(passage.text):
        index = next((t.i for t in tokens if t.idx == match.start()), None)
        if index is None:
            continue
        start = index
        while (
            start > 0
            and index - start < 5
            and (
                unlabelled_name_word(tokens[start - 1], domain)
                or (tokens[start - 1].text.lower() in PARTICLES and start - 1 > 0)
            )
        ):
            start -= 1
        while start < index and tokens[start].text.lower() in PARTICLES:
            start += 1
        if start < index and not any(i in covered for i in range(start, index)):
            ranges.append((start, index))
            covered.update(range(start, index))
    # "the Guangxu Emperor", "the Kangxi Emperor": a Chinese emperor named by his reign.
    for index, token in enumerate(tokens):
        if (
            index < 2
            or fold(token.text) not in _REIGN_TITLES
            or not token.text[:1].isupper()
            or tokens[index - 2].text.lower() != "the"
            or any(i in covered for i in (index - 1, index))
        ):
            continue
        name = tokens[index - 1]
        if (
            name.is_alpha
            and name.text[:1].isupper()
            and name.ent_type_ in ("", "PERSON", "ORG")
            and (unlabelled_name_word(name, domain) or name.ent_type_ == "ORG")
            and fold(name.text) not in domain.nationalities | domain.place_words
            and known(name.text, domain) is None
        ):
            ranges.append((index - 1, index + 1))
            covered.update((index - 1, index))
    # "the grand vizier Midhat Pasha": a name before a title written after it.
    for index, token in enumerate(tokens):
        if index in covered or fold(token.text) not in POSTFIX_TITLES or index == 0:
            continue
        start = index
        while start > 0 and index - start < 3 and unlabelled_name_word(tokens[start - 1], domain):
            start -= 1
        if start < index and not any(i in covered for i in range(start, index + 1)):
            ranges.append((start, index + 1))
            covered.update(range(start, index + 1))
    return sorted(ranges)


def _untranslated(
    passage: ParsedPassage, tokens: list[Token], candidates: list[Candidate]
) -> list[Candidate]:
    """Drop "people" in brackets right after the name of a thing: its name in another language
    ("Young Italy (Giovine Italia)", '"Enter Ryukyu" (Okinawa-Iri)')."""
    things = {c.last_token - 1 for c in candidates if c.kind != PERSON}
    kept = []
    for candidate in candidates:
        bracket = candidate.first_token - 1
        if candidate.kind == PERSON and bracket > 0 and tokens[bracket].text == "(":
            before = tokens[bracket - 1]
            first = before.i
            while first > 0 and tokens[first - 1].text[:1].isupper():
                first -= 1
            if (
                before.i in things
                or (first > 0 and tokens[first - 1].text.lower() in VEHICLES)  # a ship's full name
                or before.text in ('"', "”", "'", "’")
                or (before.ent_type_ in _OTHER_LABELS and before.ent_type_ != "NORP")
            ):
                continue
        kept.append(candidate)
    return kept


def _plural_group(passage: ParsedPassage, tokens: list[Token], candidate: Candidate, domain: Domain) -> bool:
    """One plural word ("Eritreans", "Boxers", "Reichsmarks") names a people, a movement or a
    thing, not a person: the model does not read it as a person, its singular is a
    nationality, or the singular is written on its own ("the Boxer movement")."""
    if candidate.kind != PERSON or candidate.last_token - candidate.first_token != 1:
        return False
    token = tokens[candidate.first_token]
    if token.tag_ != "NNPS" or not token.text.endswith("s"):
        return False
    singular = token.text[:-1]
    if token.ent_type_ != "PERSON" or fold(singular) in domain.nationalities:
        return True  # a people ("Eritreans"), a currency ("Reichsmarks"), a family
    return re.search(rf"\b{re.escape(singular)}\b", passage.text) is not None


def _after_language_label(tokens: list[Token], candidate: Candidate, domain: Domain) -> bool:
    """A "person" in brackets after a language label ("(Spanish: Golpe de Estado en Chile)",
    "(Amharic: …)"): the thing's name in that language."""
    if candidate.kind != PERSON:
        return False
    position = candidate.first_token - 1
    while position >= 0 and tokens[position].text not in ("(", ")", ".") and candidate.first_token - position < 12:
        if tokens[position].text == ":" and position > 0:
            label = tokens[position - 1]
            opened = position > 1 and tokens[position - 2].text in ("(", ";", ",")
            return opened and fold(label.text) in domain.nationalities
        position -= 1
    return False


def _first_of_a_pair_in_a_name(tokens: list[Token], candidate: Candidate, domain: Domain) -> bool:
    """A one-word name before "and" and a name that ends with a place or body: the pair names a
    building or an institution ("Peter and Paul Fortress", "Victoria and Albert Museum")."""
    position = candidate.last_token
    if (
        candidate.kind != PERSON
        or candidate.last_token - candidate.first_token != 1
        or position + 2 >= len(tokens)
        or tokens[position].text != "and"
    ):
        return False
    things = domain.place_words | domain.organisation_words
    for end in range(position + 2, min(position + 4, len(tokens))):
        word = tokens[end]
        if not word.text[:1].isupper():
            return False
        if fold(word.text) in things:
            return True
    return False


def _pronoun_after(passage: ParsedPassage, token: Token) -> bool:
    sentence_end = passage.sentence_span(token.idx)[1]
    return bool(_PERSONAL.search(passage.text, token.idx + len(token.text), sentence_end))


def _outermost(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates not lying inside a longer one (a title scan and the model's entity may both
    find "Christophe Léon ... de Lamoricière")."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, c.start - c.end)):
        if kept and candidate.start < kept[-1].end and candidate.end <= kept[-1].end:
            continue
        kept.append(candidate)
    return kept


def find_candidates(passage: ParsedPassage, domain: Domain) -> list[Candidate]:
    """Cleaned name mentions of one passage, each classified."""
    tokens = list(passage.doc)
    line = fact_line(passage.text)
    if line is not None and line.names_people:
        return _fact_candidates(passage, tokens, line, domain)
    candidates: list[Candidate] = []
    for start, end in _spans(passage, domain):
        for piece in _pieces(tokens[start:end], domain):
            candidates.extend(clean_mention(passage, tokens, piece, domain))
    candidates = _untranslated(passage, tokens, _outermost(candidates))
    candidates = [c for c in candidates if not _after_language_label(tokens, c, domain)]
    candidates = [c for c in candidates if not _first_of_a_pair_in_a_name(tokens, c, domain)]
    candidates = [c for c in candidates if not (c.kind == PERSON and _dated_work(passage, c))]
    candidates += other_names(passage, tokens, candidates, domain)
    candidates = [c for c in candidates if not _plural_group(passage, tokens, c, domain)]
    # A name inside a nickname ('called "Korea's Joan of Arc"') is part of the nickname.
    nicknames = [(c.start, c.end) for c in candidates if c.nickname]
    candidates = [
        c
        for c in candidates
        if c.nickname or not any(start <= c.start and c.end <= end for start, end in nicknames)
    ]
    listed = _caption_list(passage, tokens, domain)
    if listed:
        spans = [(c.start, c.end) for c in listed]
        candidates = [
            c
            for c in candidates
            if not any(c.start < end and start < c.end for start, end in spans)
        ]
        candidates = sorted(candidates + listed, key=lambda c: c.start)
    if line is not None and (line.names_no_one or _in_another_language(line.label, domain)):
        # "Place: Embassy of the United States", "Native name: Commune de Paris",
        # "Korean name: Samil Undong", "Irish: Éirí Amach na Cásca"
        candidates = [c for c in candidates if c.kind != PERSON]
    return candidates


# "Left to right: Rustum Haidar, Nuri as-Said, Prince Faisal": the people in a photograph.
_PICTURED = re.compile(
    r"\b(?:(?:[Ff]rom\s+)?[Ll]eft\s+to\s+right|[Ff]rom\s+left|[Pp]ictured)\s*\)?\s*:\s*(?=\S)"
)


def _caption_list(passage: ParsedPassage, tokens: list[Token], domain: Domain) -> list[Candidate]:
    """The people a caption lists after "Left to right:", each item a name (with its title)
    when it is written as one; an item with other words in it ("Faisal's slave") is left to
    the other rules."""
    match = _PICTURED.search(passage.text)
    if match is None or fact_line(passage.text) is not None:
        return []
    line = FactLine("left to right", match.end())
    by_char = {t.idx: t for t in tokens}
    found = []
    for start, end in value_items(passage.text, line):
        piece = [by_char[i] for i in sorted(by_char) if start <= i < end]
        if not piece or not all(_written_as_name(t) for t in piece):
            continue
        found.extend(
            clean_mention(passage, tokens, piece, domain, end_char=end, forced_kind=PERSON)
        )
    for candidate in found:
        candidate.labelled = candidate.kind == PERSON
    return found


def _written_as_name(token: Token) -> bool:
    """A word that may stand in a name: capitalised, an initial, a particle or a joined piece."""
    text = token.text
    return (
        text[:1].isupper()
        or text.lower() in PARTICLES
        or text in ("-", ".", "'", "’")
        or (token.i > 0 and token.doc[token.i - 1].text == "-" and text.isalpha())
        or (text.isalpha() and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-")
    )


def _in_another_language(label: str, domain: Domain) -> bool:
    """A label that gives the subject's name in another language: "Korean name", "Irish"."""
    words = label.split()
    if words and words[-1] in ("name", "names", "title"):
        words = words[:-1]
    return bool(words) and all(fold(w) in domain.nationalities for w in words)


def _fact_candidates(
    passage: ParsedPassage, tokens: list[Token], line: FactLine, domain: Domain
) -> list[Candidate]:
    """The people a fact line lists ("Commander1: Lt Col. Gordon D. Rowe, Captain Robert J.
    O'Brien"); the name lines of a fact sheet ("Name:", "Known as:", "Nickname:") name one
    person, so their candidates share a group that spans consecutive passages."""
    found = []
    by_char = {t.idx: t for t in tokens}
    for start, end in value_items(passage.text, line):
        piece = [by_char[i] for i in sorted(by_char) if start <= i < end]
        # Credits and captions put a body before the name: "US Navy Bob Fish".
        for position in range(len(piece) - 3, 0, -1):
            if fold(piece[position].text) in domain.organisation_words | domain.place_words:
                piece = piece[position + 1 :]
                break
        if line.names_one_person:
            found.extend(_whole_name(passage, piece, end, domain))
            continue
        # "among them Son Byong-hi, Han Yong-un and Yi Seung-hun": words before the first name
        # are no part of it, and "and" joins two people.
        for part in _pieces(piece, domain):
            while part and not (part[0].text[:1].isupper() or part[0].text[:1].isdigit()):
                part = part[1:]
            if part and part[0].text != "The":  # "Fearghal McGarry, The Rising (2010)": a work
                stop = min(end, part[-1].idx + len(part[-1].text))
                found.extend(
                    clean_mention(passage, tokens, part, domain, end_char=stop, forced_kind=PERSON)
                )
    for candidate in found:
        candidate.labelled = candidate.kind == PERSON
        if line.names_one_person and candidate.kind == PERSON:
            candidate.group = "fact sheet"
            candidate.nickname = line.label.startswith("nickname")
    return found


def _whole_name(
    passage: ParsedPassage, piece: list[Token], end: int, domain: Domain
) -> list[Candidate]:
    """A fact sheet's name item as written ("El Centauro del Norte"), leading "the" dropped;
    none when the item names an event, a body or a place ("Also known as: the Anglo-Chinese
    War": the fact sheet is about a war)."""
    while piece and piece[0].text.lower() == "the":
        piece = piece[1:]
    if not piece or not piece[0].text[:1].isupper():
        return []
    things = domain.event_words | domain.organisation_words | domain.place_words
    if any(fold(t.text) in things for t in piece if t.text[:1].isupper()):
        return []
    start = piece[0].idx
    stop = min(end, piece[-1].idx + len(piece[-1].text))
    return [
        Candidate(passage.index, start, stop, passage.text[start:stop], PERSON,
                  first_token=piece[0].i, last_token=piece[-1].i + 1)
    ]  # fmt: skip
