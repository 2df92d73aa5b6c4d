"""The shape of a person's name in running text: titles before it, words the model left out after
it (a quoted nickname, the surname, "Jr."), and entities of other labels that are names after all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.evidence import (
    described_as_person,
    listed_after_person,
    listed_with_person,
    lord_of,
)
from studyapp.content.extraction.kinds import (
    ARABIC_ARTICLES,
    ORGANISATION,
    PARTICLES,
    PERSON,
    PLACE,
    is_suffix,
    is_title_word,
    known,
)
from studyapp.content.extraction.roles import role_after

if TYPE_CHECKING:
    from spacy.tokens import Token

_POSSESSIVE = {"'s", "’s", "'", "’"}
# Verbs whose subject is a person: speaking, thinking, feeling, marrying, dying.
HUMAN_VERBS = frozenset(
    {"said", "says", "wrote", "writes", "told", "replied", "answered", "thought", "believed",
     "recalled", "remembered", "confessed", "married", "died", "wept", "smiled", "laughed",
     "resigned", "begged", "pleaded", "swore", "shouted", "whispered", "complained", "fled",
     "asked", "admitted", "insisted", "hoped", "feared", "loved", "hated", "exclaimed"}
)  # fmt: skip
_OPEN_QUOTES = {'"', "“", "'", "‘"}
_CLOSE_QUOTES = {'"', "”", "'", "’"}
# Titles of rank by birth, nobility and the church, written in lower case before a name as
# often as capitalised ("the comte de Chambord", "prince Mutsuhito").
_LOWER_CASE_TITLES = frozenset(
    {"prince", "princess", "king", "queen", "emperor", "empress", "comte", "comtesse", "duc",
     "duchesse", "duke", "duchess", "marquis", "marquise", "baron", "baroness", "count",
     "countess", "earl", "viscount", "vicomte", "chevalier", "tsar", "czar", "sultan", "shah",
     "shogun", "pope", "cardinal", "archbishop", "bishop", "monseigneur", "lord", "lady"}
)  # fmt: skip
_AKAN_STOOL = re.compile(r"[A-Z][a-z]{2,}hene")  # the chief of a stool: "Ejisuhene", "Mamponghene"
# ", or" / "(" between two forms of one name: "Phahon, or Phraya Phahonphonphayuhasena".
_ALIAS_AFTER = re.compile(r"\s*(?:,\s*or|\(|,?\s*(?:alias|also known as|known as))\s*")


def hyphen_joined(token: Token) -> bool:
    """The token runs into a hyphen and another word: "Nizam-ul-Mulk", "Shih-kai", "Pan-Arab"."""
    doc = token.doc
    return (
        not token.whitespace_
        and token.i + 2 < len(doc)
        and doc[token.i + 1].text in ("-", "‐")
        and not doc[token.i + 1].whitespace_
        and doc[token.i + 2].text[:1].isalpha()
    )


MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip
_BEFORE_A_DATE = frozenset({"in", "on", "by", "since", "until", "till", "from", "during", "early", "late", "mid", "of"})


def month_before_name(tokens: list[Token], index: int) -> bool:
    """Whether token ``index`` is a month the model ran into the name after it: "On 9 May
    Mussolini announced", "In late May Batista launched" (after a day or a preposition)."""
    return (
        index > 0
        and tokens[index].lower_ in MONTHS
        and (tokens[index - 1].like_num or tokens[index - 1].lower_ in _BEFORE_A_DATE)
    )


def _title_at(words: list[Token], domain: Domain) -> bool:
    phrase = fold(" ".join(t.text for t in words))
    if hyphen_joined(words[-1]):
        return False  # "Nizam-ul-Mulk" is a name, not the title Nizam
    if phrase not in domain.titles:
        # "Presidents Venustiano Carranza and Plutarco Elías Calles": one title for two names
        plural = len(phrase) > 4 and phrase.endswith("s") and phrase[:-1] in domain.titles
        stool = len(words) == 1 and _AKAN_STOOL.fullmatch(words[0].text) is not None
        return (plural and words[0].text[:1].isupper()) or stool
    return words[0].text[:1].isupper() or phrase in _LOWER_CASE_TITLES


def _initial_not_title(words: list[Token], following: Token | None) -> bool:
    """ "M." before another initial ("M. A. G. Osmani") is an initial, not "Monsieur"."""
    letter = len(words) == 1 and len(words[0].text.rstrip(".")) == 1
    return letter and following is not None and re.fullmatch(r"[A-Z]\.?", following.text) is not None


def strip_titles(tokens: list[Token], domain: Domain) -> tuple[list[str], int]:
    """Leading title phrases of ``tokens`` and how many tokens they take."""
    titles: list[str] = []
    position = 0
    while position < len(tokens):
        for size in range(min(domain.longest_title + 2, len(tokens) - position), 0, -1):
            words = tokens[position : position + size]
            if words[-1].text == "." and size > 1:
                continue  # the dot is taken below with its abbreviation
            if _title_at(words, domain):
                end = position + size
                if end < len(tokens) and tokens[end].text == "." and words[-1].text.islower():
                    titles, position = [], end + 1  # "claimed to be pope. Hus travelled": a sentence ended
                    break
                if end < len(tokens) and tokens[end].text == ".":
                    end += 1
                if _initial_not_title(words, tokens[end] if end < len(tokens) else None):
                    return titles, position
                titles.append(" ".join(t.text for t in tokens[position:end]).replace(" .", "."))
                position = end
                break
        else:
            break
    return titles, position


def titles_before(doc_tokens: list[Token], start: int, domain: Domain) -> tuple[list[str], int]:
    """Title phrases written right before token ``start`` (``Lieutenant General``, ``Col.``)."""
    titles: list[str] = []
    position = start
    while position > 0:
        for size in range(min(domain.longest_title + 1, position), 0, -1):
            words = doc_tokens[position - size : position]
            # "Gen." takes its dot; "the tsar." ends a sentence.
            dotted = (
                words[-1].text == "."
                and size > 1
                and words[0].text[:1].isupper()
                and _title_at(words[:-1], domain)
            )
            if not (dotted if words[-1].text == "." else _title_at(words, domain)):
                continue  # "claimed to be pope. Hus travelled": the sentence ended
            if _initial_not_title([w for w in words if w.text != "."], doc_tokens[position] if position < len(doc_tokens) else None):
                return titles, position
            words_text = " ".join(t.text for t in words).replace(" .", ".")
            titles.insert(0, words_text)
            position -= size
            break
        else:
            break
    return titles, position


def _name_word(token: Token, domain: Domain) -> bool:
    """A capitalised word outside other entities that may continue a name."""
    key = fold(token.text)
    return (
        token.text[:1].isupper()
        and token.text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        and token.ent_type_ in ("", "PERSON")
        and token.tag_ in ("NNP", "NNPS")
        and key not in domain.title_words
        and key not in domain.place_words
        and key not in domain.organisation_words
        and key not in domain.event_words
        and key not in domain.nationalities
    )


def lone_word_entity(token: Token) -> bool:
    """A capitalised word the model made an entity of its own (a surname it took for a place)."""
    doc = token.doc
    return (
        token.ent_iob_ == "B"
        and token.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP", "PERSON")
        and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
        and token.text[:1].isupper()
        and token.text.isalpha()
    )


def _shouted_surname(token: Token, domain: Domain) -> bool:
    """A word in capitals that the model did not take as an entity of its own and that is no
    acronym, title or regnal number: a surname written in capitals after the given name."""
    key = fold(token.text)
    return (
        token.text.isupper()
        and token.text.isalpha()
        and len(token.text) >= 3
        and token.ent_type_ in ("", "PERSON")
        and not is_suffix(token.text)
        and key not in domain.organisations
        and key not in domain.places
        and key not in domain.title_words
        and key not in domain.nationalities
    )


def completed_right(tokens: list[Token], end: int, domain: Domain) -> int:
    """The end of a name the model cut short: a quoted nickname and the surname after it
    (Edwin Eugene "Buzz" Aldrin), the surname alone (Neil Alden + Armstrong), a particle
    and what follows it (Patrice de + MacMahon), and "Jr." or a regnal number."""
    position = end
    while position < len(tokens):
        token = tokens[position]
        if position > 0 and hyphen_joined(tokens[position - 1]) and token.text in ("-", "‐"):
            position += 2  # "Khan" + "-i-Dauran", "Yuan Shih" + "-kai"
            continue
        if token.text in _OPEN_QUOTES and position > 0 and token.whitespace_ == "":
            close = position + 1
            while (
                close < len(tokens) and close - position <= 3 and _name_word(tokens[close], domain)
            ):
                close += 1
            if (
                close > position + 1
                and close + 1 < len(tokens)
                and tokens[close].text in _CLOSE_QUOTES
                and _name_word(tokens[close + 1], domain)
            ):
                position = close + 1
                continue
            break
        if (
            token.text.lower() in ARABIC_ARTICLES
            and hyphen_joined(token)
            and tokens[position + 2].text[:1].isupper()
        ):
            position += 3  # "Nuri" + "as-Said", "Abd" + "ar-Rahman"
            continue
        if token.text.lower() in PARTICLES and position + 1 < len(tokens):
            after = tokens[position + 1]
            if (  # "Koos de la Rey", "Willem van der Merwe": particles in a row
                after.lower_ in PARTICLES
                and position + 2 < len(tokens)
                and _name_word(tokens[position + 2], domain)
                and tokens[position + 2].ent_type_ in ("", "PERSON")
            ):
                position += 2
                continue
            if _name_word(after, domain) and after.ent_type_ == "":
                position += 1
                continue
            if lone_word_entity(after) and known(after.text, domain) is None:
                position += 2  # "Francisco José do" + "Nascimento" taken for a place
                continue
            break
        if is_suffix(token.text) and token.text[:1].isupper() and position > 0:
            position += 1
            if position < len(tokens) and tokens[position].text == ".":
                position += 1
            break
        if _name_word(token, domain) and token.ent_type_ == "" and tokens[position - 1].whitespace_:
            position += 1
            continue
        if _shouted_surname(token, domain) and tokens[position - 1].whitespace_:
            position += 1  # "M. Guy MOLLET": a surname in capitals, the way French papers write
            continue
        if (
            token.ent_type_ == ""
            and tokens[position - 1].whitespace_
            and re.match(r"[A-Z][a-z]+\(", token.text)
        ):
            position += 1  # "Armstrong(Born:" run together: the name ends at the bracket
        break
    return position


def looks_like_person(
    tokens: list[Token], start: int, end: int, passage: ParsedPassage, domain: Domain
) -> bool:
    """An entity of another label that names a person: a short capitalised name with a title
    before or inside it ("Phraya Manopakorn"), a known given name or surname ("Bob Fish"), a
    role after it ("Pen Sovann, General Secretary"), the name after a title and a comma ("the
    fifteenth Shogun, Keiki"), a person "of" a domain ("Okubo of Satsuma"), or another form of
    a person's name ("Phahon, or Phraya Phahonphonphayuhasena")."""
    span = [t for t in tokens[start:end] if t.text not in _POSSESSIVE]
    while span and span[0].text.lower() == "the":
        span = span[1:]
    if not span or known(" ".join(t.text for t in span), domain) in (PLACE, ORGANISATION):
        return False
    titles, skip = strip_titles(span, domain)
    rest = span[skip:]
    joins = sum(1 for t in rest if t.text in ("-", "‐"))
    if not 1 <= len(rest) - 2 * joins <= 4 or not all(_name_shaped(t) for t in rest):
        return False
    words = [fold(t.text) for t in rest]
    blocked = domain.place_words | domain.organisation_words | domain.event_words
    if any(w in blocked for w in words) or all(w in domain.nationalities for w in words):
        return False
    if titles or titles_before(tokens, span[0].i, domain)[0]:
        return True
    if described_as_person(tokens, span[0].i, span[-1].i + 1, domain):
        return True  # "the old soldier Bernal Diaz", "a brave soldier, Christoval de Olea"
    if known(" ".join(words), domain) == PERSON:
        return True
    if len(rest) >= 2 and (words[0] in domain.surnames or words[0] in domain.given_names):
        return True
    quoted = (
        rest[0].i > 0
        and tokens[rest[0].i - 1].text in _OPEN_QUOTES | {"``"}
        and rest[-1].i + 1 < len(tokens)
        and tokens[rest[-1].i + 1].text in _CLOSE_QUOTES
    )
    if (
        2 <= len(rest) <= 3
        and not quoted  # "The 'Direct Action' was announced": a term in quotes
        and rest[-1].ent_type_ != "NORP"
        and (
            rest[-1].dep_ in ("nsubj", "nsubjpass", "poss")
            or listed_with_person(tokens, end, domain)
            or listed_after_person(tokens, rest[0].i, domain)
        )
    ):
        return True  # "Porfirio Díaz had first seized power", "Pascual Orozco and Francisco Villa"
    if (
        not quoted
        and rest[-1].dep_ == "nsubj"
        and rest[-1].head.lower_ in HUMAN_VERBS
        and rest[-1].ent_type_ != "NORP"
    ):
        return True  # "Dreyfus wrote to his wife", "Elepoo said": only people do that
    if len(rest) == 1:
        if (
            start >= 2
            and tokens[start - 1].text == ","
            and is_title_word(tokens[start - 2].text, domain)
        ):
            return True  # "The fifteenth Shogun, Keiki, soon succeeded him"
        if not is_title_word(rest[0].text, domain) and (
            lord_of(tokens, end) or listed_with_person(tokens, end, domain)
        ):
            return True  # "Yamanouchi of Tosa", "Komatsu and Okubo of Satsuma"
    text = passage.text
    span_end = tokens[end - 1].idx + len(tokens[end - 1].text)
    link = _ALIAS_AFTER.match(text, span_end)
    if link:
        following = next((t for t in tokens[end : end + 6] if t.idx >= link.end()), None)
        if following is not None and (
            following.ent_type_ == "PERSON" or _title_at([following], domain)
        ):
            return True  # "Phibun, or Luang Plaek Phibunsongkhram"
    first = span[0].i
    if (
        first > 1
        and tokens[first - 1].tag_ in ("IN", "TO")
        and tokens[first - 2].text[:1].isupper()
    ):
        return False  # "Ixtlilxóchitl of Texcoco, a rival of his brother": the apposition is his
    sentence_end = passage.sentence_span(span[0].idx)[1]
    after_text = text[span_end:sentence_end]
    return bool(role_after(after_text, domain, [], appositions_only=True))


def _name_shaped(token: Token) -> bool:
    """A word that may stand in a name: capitalised, a particle, or a piece joined to the word
    before by a hyphen ("Jean-Paul", "Nam-seon")."""
    text = token.text
    if (text[:1].isupper() and text.replace("-", "").isalpha()) or text.lower() in PARTICLES:
        return True
    doc = token.doc
    if text in ("-", "‐"):
        return token.i > 0 and hyphen_joined(doc[token.i - 1])
    return token.i > 1 and text.isalpha() and hyphen_joined(doc[token.i - 2])


def unlabelled_name_word(token: Token, domain: Domain) -> bool:
    """A capitalised word the model left out of any other entity, that may be part of a name."""
    key = fold(token.text)
    return (
        token.ent_type_ in ("", "PERSON")
        and token.text[:1].isupper()
        and token.is_alpha
        and key not in domain.title_words | domain.place_words | domain.organisation_words
        and key not in domain.nationalities
    )
