"""What a cleaned name is, from its words and the word after it: a person, a place, an
organisation, or no name at all (an event, a ship, a title, a people)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.words import frequency
from studyapp.core.english import NAME_PARTICLES as PARTICLES  # "de", "von", "no" inside a name

if TYPE_CHECKING:
    from spacy.tokens import Token

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
# Arabic articles joined to the next word of a name by a hyphen ("Salah ad-Din", "Nuri as-Said").
ARABIC_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "ud", "ul"})
# Prefixes of ships' names ("USS Hornet", "HMS Victory"): a ship is not a person.
SHIP_PREFIXES = frozenset(
    {"USS", "HMS", "HMAS", "HMCS", "HMNZS", "USNS", "SS", "RMS", "MV", "MS", "INS", "ROKS",
     "SMS", "KRI", "HNLMS", "FS", "USCGC", "RV"}
)  # fmt: skip
# Titles written after a name ("Enver Pasha", "Midhat Bey").
POSTFIX_TITLES = frozenset(
    {"pasha", "bey", "efendi", "effendi", "agha", "aga", "hanim", "hanım", "sahib"}
)
# Capitalised articles that start the names of places and things, not people ("La Roquette",
# "Los Angeles", "El Paso"); "Le" and "De" also start surnames ("Le Duan", "De la Huerta").
_PLACE_ARTICLES = frozenset({"la", "les", "los", "las", "el", "il", "lo", "al"})
# Words for places that are also common family names ("William Hutcheon Hall", "Barbara Castle").
SURNAME_PLACE_WORDS = frozenset(
    {"hall", "castle", "church", "street", "hill", "hills", "park", "bridge", "bridges", "gates",
     "house", "wood", "field", "tower", "wells", "ford", "chapel", "camp", "ridge"}
)  # fmt: skip
# "St", "Ste" and "São" begin the names of places and churches named after saints.
_SAINTS = frozenset({"st", "ste", "sao"})
# Words opening a tribe's or a clan's name: "descendants of", "sons of" (Māori, Arabic, Berber).
_KIN_GROUPS = frozenset({"ngati", "ngai", "banu", "bani", "beni", "ait"})
# Endings of creeds, systems and polities, never of a person's name.
_ABSTRACT = re.compile(r"(?:ism|ianity|anate|iphate|torate|archy)$")
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "upper", "lower", "central", "greater", "inner", "outer",
                      "new"})  # fmt: skip
# "d'Azeglio", "dell'Acqua", "al-Assad", "ud-Din": a name word after an elided or joined
# particle.
_ELIDED = re.compile(
    r"^(?:(?:d|l|dell|degli|dall|all)['’]|(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)-)[A-ZÀ-Þ]"
)
_QUOTES = "\"“”'‘’"
_NO_QUOTES = str.maketrans({q: " " for q in _QUOTES})


@dataclass
class Candidate:
    """One cleaned mention of a name."""

    passage: int
    start: int  # character span of the name (titles and possessive excluded)
    end: int
    text: str
    kind: str
    titles: list[str] = field(default_factory=list)
    locative: bool = False  # preceded by "in", "at", "near"...
    first_token: int = 0  # token index in the passage Doc
    last_token: int = 0  # exclusive
    group: str = ""  # candidates sharing a group name one person (a fact sheet's name lines)
    names_event: bool = False  # followed by an event word: "the Nguyen Hue offensive"
    nickname: bool = False  # a nickname ("Black Jack"): never shown as the person's name
    labelled: bool = False  # listed under a label that names people ("Commanders: ...")


def name_key(text: str) -> str:
    """Matching key for a name: folded, quotes dropped, hyphen spacing removed."""
    return re.sub(r"\s*-\s*", "-", " ".join(fold(text).translate(_NO_QUOTES).split()))


ROMAN_NUMERAL = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")  # I to XXXIX ("John XXIII"); never "LI"
# Generational suffixes written after a surname.
SUFFIXES = frozenset({"jr", "sr", "jnr", "snr"})


def is_suffix(word: str) -> bool:
    """ "Jr.", "Sr." or a regnal number ("III")."""
    return fold(word) in SUFFIXES or bool(ROMAN_NUMERAL.match(word.rstrip(".")))


def is_title_word(word: str, domain: Domain) -> bool:
    """A title or its plural on its own ("Shogun", "Daimyos", "Generals")."""
    key = fold(word)
    return key in domain.titles or (key.endswith("s") and key[:-1] in domain.titles)


def known(words: str, domain: Domain) -> str | None:
    """The kind the domain lists give a name, if any."""
    key = fold(words)
    if key in domain.people:
        return PERSON
    if key in domain.places:
        return PLACE
    if key in domain.organisations:
        return ORGANISATION
    return None


def _joined_to_a_name(token: Token) -> bool:
    """ "ad" of "Baha ad-Din": a word a hyphen joins to a capitalised one."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and not token.whitespace_
        and doc[token.i + 1].text in ("-", "‐")
        and doc[token.i + 2].text[:1].isupper()
    )


def _is_name_word(token: Token) -> bool:
    text = token.text
    doc = token.doc
    joined = (  # "Yuan Shih-kai", "Khan-i-Dauran": lower-case syllables after a hyphen
        token.i > 1
        and doc[token.i - 1].text in ("-", "‐")
        and not doc[token.i - 1].whitespace_
        and not doc[token.i - 2].whitespace_
        and text.isalpha()
    )
    return (
        joined
        or text[:1].isupper()
        or bool(_ELIDED.match(text))
        or text.lower() in PARTICLES
        or (text.lower() in ARABIC_ARTICLES and _joined_to_a_name(token))
        or text in ("-", ".", '"', "“", "”", "'", "‘", "’")
        or (is_suffix(text) and text[:1].isupper())
    )


# Zipf frequency above which a word is an everyday English word (6 is once per thousand words).
_EVERYDAY = 5.0


def _common_words(words: list[str], domain: Domain) -> bool:
    """Two or more words, every one of them an everyday English word and none a given name or a
    family name: a phrase, not a person's name ("People Power"; not "Crazy Horse", "Jack King")."""
    return len(words) >= 2 and all(
        len(w) >= 3
        and w.isalpha()
        and w not in domain.given_names
        and w not in domain.surnames
        and frequency(w) >= _EVERYDAY
        for w in words
    )


def _epithet_title(tokens: list[Token], domain: Domain) -> bool:
    """ "the Heavenly King", "the Red Sultan": a title after "the" with only epithets before it,
    no given or family name."""
    if len(tokens) < 2 or not is_title_word(tokens[-1].text, domain):
        return False
    first = tokens[0]
    if first.i == 0 or first.doc[first.i - 1].lower_ != "the":
        return False
    return not any(
        fold(t.text) in domain.given_names or fold(t.text) in domain.surnames for t in tokens[:-1]
    )


def _plural_group(tokens: list[Token], following: Token | None) -> bool:
    """One capitalised word in the plural after "the", heading its phrase: a family, a dynasty
    or a people ("against the Habsburgs", "the Marathas had raided"), not one person."""
    if len(tokens) != 1:
        return False
    word = tokens[0]
    text = word.text
    doc = word.doc
    return (
        word.i > 0
        and doc[word.i - 1].text.lower() == "the"
        and len(text) >= 5
        and text.endswith("s")
        and not text.endswith("ss")
        and text[:1].isupper()
        and not text.isupper()
        and (
            following is None
            or not following.text[:1].isalpha()
            or following.tag_[:2] not in ("NN",)
        )
    )


# Nouns for a whole people or its parts: "the Kikuyu, Embu and Meru peoples".
_PEOPLE_NOUNS = frozenset({"people", "peoples", "tribe", "tribes", "clan", "clans", "nations", "communities"})
# Words that count a people, not one person: "many Kikuyu lived as squatters".
_COUNTING = frozenset({"many", "most", "some", "few", "several", "numerous", "thousands", "hundreds", "millions"})
_LIST_LOOKAHEAD = 10


def _a_people(tokens: list[Token]) -> bool:
    """A name counted ("many Kikuyu") or listed before a noun for peoples ("the Kikuyu
    (Gĩkũyũ), Embu and Meru peoples"): a people, whatever the model says."""
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    before = doc[first - 1] if first > 0 else None
    if before is not None and (before.lower_ in _COUNTING or before.like_num) and len(tokens) == 1:
        return True  # "many Kikuyu", "a million Kikuyu"
    for token in doc[last + 1 : last + 1 + _LIST_LOOKAHEAD]:
        if token.text in _PEOPLE_NOUNS:  # lower case: "A People's Tragedy" is a title
            return True
        if not (token.is_punct or token.lower_ in ("and", "or") or token.text[:1].isupper()):
            return False
    return False


def classify(tokens: list[Token], following: Token | None, domain: Domain) -> str | None:
    """Person, place or organisation for a cleaned name; None when it names no one and nowhere
    we keep (an event, a period, a ship, a people, a bare title)."""
    text = " ".join(t.text for t in tokens)
    kind = known(text, domain)
    if kind:
        return kind
    words = [fold(t.text) for t in tokens]
    if tokens[0].text in SHIP_PREFIXES and len(tokens) > 1:
        return None
    if all(w in domain.nationalities for w in words) or " ".join(words) in domain.nationalities:
        return None  # "Khmer", "Vietnamese", "Te Arawa"
    if len(words) > 1 and words[0] in _KIN_GROUPS:
        return None  # "Ngāti Whātua", "Banu Hashim": a tribe or a clan, named as its ancestor's descendants
    if _ABSTRACT.search(words[-1]):
        return None  # "Catholicism", "the Delhi Sultanate", "the Caliphate": a creed or a polity
    if " ".join(words) in domain.deities:
        return None  # "God and our Lord", "the god Quetzalcoatl"
    if _plural_group(tokens, following) or _a_people(tokens):
        return None  # "the Habsburgs", "the Marathas", "Embu and Meru peoples": not one person
    if len(words) > 1 and words[-1] in domain.nationalities and words[-1] not in domain.surnames:
        return None  # a country's or a language's name: "Muang Thai", "Bahasa Indonesia"
    if any(w in domain.event_words for w in words):
        return None  # "Tet Offensive", "Treaty of Turin", "Meiji Restoration"
    if len(words) >= 3 and words[0] in domain.given_names and words[1] == "of" and tokens[2].text[:1].isupper():
        return PERSON  # "William of Poitiers", "Emma of Normandy": before surnames, a place
    epithet = words[2] if len(words) == 3 else ""
    if (
        words[0] in domain.given_names
        and words[1:2] == ["the"]
        and tokens[-1].text[:1].isupper()
        and epithet not in domain.title_words | domain.nationalities | domain.place_words
    ):
        return PERSON  # "Philip the Bold", "Henry the Navigator": a name and its epithet
    if _epithet_title(tokens, domain):
        return None  # "the Heavenly King", "the Loyal King": a title with an epithet, no name
    if _common_words(words, domain):
        return None  # "People Power", "Human Rights": a phrase of everyday words, no name
    if (
        len(words) > 1
        and words[-1] in domain.places
        and words[-1] not in domain.surnames
        and words[0] not in domain.given_names  # "Sir John Jordan" is no body named after Jordan
    ):
        return ORGANISATION  # "Young Italy", "Free France": named after a country
    if len(words) > 1 and (
        words[0] in _COMPASS
        or words[0] in _SAINTS
        or words[0] in _PLACE_ARTICLES
        and words[0] not in domain.surnames
        # "al-Mansur Ali", "al-Ashraf Musa": an Arabic epithet before a given name is a man's
        and not (words[0] in ARABIC_ARTICLES and len(words) > 2 and words[-1] in domain.given_names)
    ):
        return PLACE  # "South Kasai", "La Roquette", "St Stephen's Green", "São Tomé"
    # A family name written first may be a place word too ("Park Eun-sik").
    placed = words[1:] if len(words) > 1 and words[0] in domain.surnames else words
    if len(words) >= 3 and words[0] in domain.given_names and words[-1] in SURNAME_PLACE_WORDS:
        placed = words[:-1]  # "William Hutcheon Hall": given and middle names before a surname
    if any(w in domain.place_words for w in placed):
        return PLACE
    if any(w in domain.organisation_words for w in words):
        return ORGANISATION
    if following is not None:
        after = fold(following.text)
        if after in domain.place_words:
            return PLACE  # "Chao Doc province", "Thổ Chu islands", "Ho Chi Minh Trail"
        if following.text.istitle() and after in domain.organisation_words:
            return ORGANISATION  # "Sam Rainsy Party"
        if following.text.istitle() and after in domain.event_words:
            return None  # "Tet" of "Tet Offensive" where the model cut the name short
        if len(tokens) == 1 and following.text[:1].isdigit():
            return None  # a model or a unit, not a person: "Mach 1", "Apollo 11"
    if len(tokens) == 1 and is_title_word(tokens[0].text, domain):
        return None  # a title on its own: "the Shogun", "the Daimyos"
    for token in tokens:
        if any(ch.isdigit() for ch in token.text) or not _is_name_word(token):
            return None
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return ORGANISATION  # an acronym
    if len(tokens) == 1 and len(tokens[0].text) < 2:
        return None
    return PERSON
