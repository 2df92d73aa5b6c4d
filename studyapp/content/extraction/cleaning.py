"""One model entity cleaned into a name mention: titles split off, words the model left out
taken in, demonyms, annotations and run-in artefacts dropped, and the mention classified."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.factlines import FUSED_FLAG
from studyapp.content.extraction.kinds import (
    ARABIC_ARTICLES,
    ORGANISATION,
    PARTICLES,
    PERSON,
    PLACE,
    POSTFIX_TITLES,
    ROMAN_NUMERAL,
    SURNAME_PLACE_WORDS,
    Candidate,
    classify,
    is_suffix,
    is_title_word,
    known,
)
from studyapp.content.extraction.names import (
    completed_right,
    month_before_name,
    strip_titles,
    titles_before,
)
from studyapp.content.extraction.roles import ROLE_NOUNS
from studyapp.content.words import EVERYDAY_WORD, frequency

if TYPE_CHECKING:
    from spacy.tokens import Token

_POSSESSIVE = {"'s", "’s", "'", "’"}
_QUOTES = "\"“”'‘’"
_LEADING_JUNK = {"the", "a", "an", "his", "her", "their", "its", "our", "former", "late", "then"}
_LOCATIVE = {"in", "at", "near", "into", "across", "towards", "toward", "inside", "outside"}
_MOTION = {"fled", "flee", "flees", "retreated", "retreat", "went", "go", "goes", "returned", "return",
           "moved", "travelled", "traveled", "withdrew", "withdrawn", "marched", "flew", "sent",
           "came", "driven", "drove", "deported", "evacuated", "escaped", "headed", "transferred",
           "taken", "carried", "brought", "exiled", "banished", "shipped", "sailed", "rode", "advanced",
           "entry", "road", "route", "voyage", "expedition", "march", "journey"}  # fmt: skip
# Craft named after their kind: "the lunar module Eagle", "the steamer Piemonte".
VEHICLES = frozenset(
    {"module", "ship", "carrier", "frigate", "sloop", "sloops", "frigates", "steamer", "steamers",
     "vessel", "spacecraft", "capsule", "rocket", "plane", "aircraft", "submarine", "cruiser",
     "battleship", "destroyer", "schooner", "yacht", "warship", "warships", "gunboat", "liner",
     "tanker", "locomotive", "shuttle", "satellite", "probe", "station", "ships", "vessels",
     "ironclad", "ironclads", "corvette", "corvettes", "brigantine", "brigantines", "galleon",
     "galleons", "caravel", "caravels", "dreadnought", "dreadnoughts", "clipper", "barque",
     "brig", "ketch", "trawler", "collier", "tug", "tugboat", "ferry", "hulk", "airship",
     "zeppelin", "steamship", "steamships", "flagship", "cruisers", "battleships", "destroyers",
     "submarines", "gunboats", "schooners", "yachts", "monitor", "trireme", "galley", "freighter",
     "freighters", "merchantman", "transport", "packet", "lugger", "junk", "dhow"}
)  # fmt: skip
# Endings of nouns for a follower or a national ("Maderista", "Bonapartist", "Frenchman").
_MEMBER_ENDINGS = ("ista", "ist", "ite", "ian", "ese", "man")
# A file name or a web address run into a caption: no word of a name.
_FILE_NAME = re.compile(r"[_/\\@]|\.(?:jpe?g|png|gif|svg|tiff?|pdf|html?)$", re.IGNORECASE)
# "(Spanish: Decena Trágica)", "(French: Commune de Paris)": a phrase in another language.
_LANGUAGE_LABEL = re.compile(r"\(\s*(?P<language>[A-Z][a-z]+)\s*:[^()]*$")


def _extend_left(doc_tokens: list[Token], start: int, domain: Domain) -> int:
    """Take name words the model left out: "Son" of "Son Ngoc Minh", "Patrice de" of
    "Patrice de MacMahon"."""
    while start > 0:
        token = doc_tokens[start - 1]
        if (
            token.text in ("-", "‐")
            and start > 2
            and doc_tokens[start - 2].text.lower() in ARABIC_ARTICLES
            and doc_tokens[start - 3].text[:1].isupper()
            and fold(doc_tokens[start - 3].text) not in domain.title_words
        ):
            start -= 3  # "Salah ad-" of "Salah ad-Din Yusuf ibn Ayyub"
            continue
        if token.text.lower() in PARTICLES and start > 1:
            before = doc_tokens[start - 2]
            if is_title_word(before.text, domain) or before.text.lower() in PARTICLES:
                start -= 1  # "the comte de Chambord", "the duke de la Rochefoucauld"
                continue
            if (
                before.text[:1].isupper()
                and before.is_alpha
                and before.ent_type_ in ("", "PERSON")
                and fold(before.text) not in domain.title_words
            ):
                start -= 2  # "Otto von" + "Bismarck"
                continue
            break
        if not (token.is_alpha and token.text[:1].isupper() and token.tag_ in ("NNP", "NNPS")):
            break
        if fold(token.text) in domain.title_words or (
            token.is_sent_start and token.lower_ in _EPITHETS
        ):
            break
        if token.ent_type_ not in ("", "PERSON") and not _given_name_taken_for_a_place(
            doc_tokens, start - 1, domain
        ):
            break
        if fold(token.text) in domain.place_words | domain.organisation_words:
            break
        if month_before_name(doc_tokens, start - 1):
            break  # "On 9 May Mussolini announced", "In late May Batista launched"
        if fold(token.text) in domain.nationalities or (
            fold(token.text) in ROLE_NOUNS and fold(token.text) not in domain.surnames
        ):
            break  # "British" before "Robert Tombs", "Pilot" before "Michael Collins"
        # Stop at the end of a known name ("Khmer Rouge" before "Pol Pot").
        if any(
            known(" ".join(t.text for t in doc_tokens[j:start]), domain)
            for j in range(max(0, start - 4), start)
        ):
            break
        start -= 1
    return start


def _given_name_taken_for_a_place(doc_tokens: list[Token], index: int, domain: Domain) -> bool:
    """A one-word entity of another label right before a name, not after a preposition and not
    a known place or body: a given name the model took for a place ("the Delhi nobleman Anand
    Ram Mukhlis", "five others — Bildad Kaggia")."""
    token = doc_tokens[index]
    before = doc_tokens[index - 1] if index > 0 else None
    return (
        token.ent_type_ in ("GPE", "ORG", "LOC", "FAC")
        and token.ent_iob_ == "B"
        and doc_tokens[index + 1].ent_iob_ != "I"
        and known(token.text, domain) is None
        and fold(token.text) not in domain.nationalities
        and (
            before is None
            or before.tag_ not in ("IN", "TO", "POS")
            and before.text not in ("'s", "’s")
        )
    )


def _trim(piece: list[Token]) -> list[Token]:
    while len(piece) > 1 and piece[-1].is_stop and piece[-2].text.endswith(".") and len(piece[-2].text) <= 4:
        piece = piece[:-1]  # "Nicholas I. In June …": the next sentence's first word
    while piece and (
        piece[-1].text in _POSSESSIVE
        or not (piece[-1].text[:1].isalnum() or piece[-1].text in _QUOTES)
        and not (piece[-1].text == "." and len(piece) > 1 and is_suffix(piece[-2].text))
    ):
        piece = piece[:-1]
    while piece and (piece[0].text.lower() in _LEADING_JUNK or not piece[0].text[:1].isalnum()):
        if piece[0].text == "An" and len(piece) > 1 and not piece[0].is_sent_start:
            break  # "north-east, An Lushan was": a capitalised "An" in mid-sentence is a surname
        piece = piece[1:]
    for position in range(len(piece) - 1, -1, -1):
        if _FILE_NAME.search(piece[position].text):
            return piece[position + 1 :]  # "File:Kossak_Sobieski.jpg King Jan Sobieski"
    return piece


def clean_mention(
    passage: ParsedPassage,
    tokens: list[Token],
    piece: list[Token],
    domain: Domain,
    end_char: int | None = None,
    forced_kind: str | None = None,
) -> list[Candidate]:
    """The name mention in ``piece`` (tokens of one model entity), or nothing when it is no name.

    ``end_char`` caps the mention (the end of a fact-sheet item); ``forced_kind`` is the kind a
    fact-sheet label gives it.
    """
    piece = _trim(piece)
    if not piece or _in_other_language(passage.text, piece[0].idx, domain):
        return []
    # A known place or organisation keeps its words ("Luang Prabang" is no title and a name).
    whole = known(" ".join(t.text for t in piece), domain) in (PLACE, ORGANISATION)
    piece_start = piece[0].i
    titles, skip = ([], 0) if whole else strip_titles(piece, domain)
    if skip == len(piece):
        # "the Shogun Keiki": the model took the title alone; the name follows it.
        end = piece[-1].i + 1
        piece = tokens[end : completed_right(tokens, end, domain)]
    else:
        piece = piece[skip:]
    if piece and titles and piece[0].text == "of":
        return []  # "the Duke of Lorraine", "the Prince of Waldeck": a title and its domain
    while (
        not whole
        and len(piece) > 1
        and fold(piece[0].text) in domain.nationalities
        and (fold(piece[0].text) not in domain.given_names)
    ):
        piece = piece[1:]  # "Briton John Smith", "British historian" cut by the model
    if (
        len(piece) > 2
        and piece[0].i > 0
        and tokens[piece[0].i - 1].text.lower() in ("the", "a", "an")
        and fold(piece[0].text) not in domain.given_names | domain.surnames
        and (
            fold(piece[1].text) in domain.given_names
            or piece[0].text.lower().endswith(_MEMBER_ENDINGS)
        )
    ):
        # "the Maderista Aquiles Serdán": a label before the name (no name follows "the").
        piece = piece[1:]
    if len(piece) > 1 and piece[0].is_sent_start and piece[0].lower_ in _EPITHETS:
        piece = piece[1:]  # "Young Lawrence, in Arab dress, said little": an adjective
    if not piece:
        return []
    first = _extend_left(tokens, piece[0].i, domain) if not titles else piece[0].i
    last = completed_right(tokens, piece[-1].i + 1, domain)
    if (
        last - first > 2
        and tokens[first].is_sent_start
        and fold(tokens[first].text) in domain.person_nouns
        and fold(tokens[first + 1].text) in domain.given_names
    ):
        first += 1  # "Novelist Hugh MacLennan set …": what he was, capitalised to open the sentence
    last = _before_next_sentence(tokens, first, last, domain)
    piece = tokens[first:last]
    while len(piece) > 1 and (
        fold(piece[-1].text) in POSTFIX_TITLES
        or (is_title_word(piece[-1].text, domain) and is_suffix(piece[-2].text))
    ):
        titles = [*titles, piece[-1].text]  # "Enver Pasha", "Vittorio Emanuele II King"
        piece = piece[:-1]
        last -= 1
    if (
        len(piece) == 2
        and fold(piece[-1].text) in ("emperor", "empress")
        and (forced_kind or first > 0 and tokens[first - 1].text.lower() == "the")
    ):
        titles = [*titles, piece[-1].text]  # "the Guangxu Emperor": named by his reign
        piece = piece[:-1]
        last -= 1
    if _names_an_event(tokens, first, last, domain):
        return []
    if _craft_named(tokens, first, domain):
        return []  # "the lunar module Eagle", "the frigate Susquehanna": a craft, not a person
    earlier, title_start = titles_before(tokens, piece_start if titles else piece[0].i, domain)
    titles = earlier + titles
    following = tokens[last] if last < len(tokens) else None
    if following is not None and following.text in _POSSESSIVE:
        following = tokens[last + 1] if last + 1 < len(tokens) else None
    kind = classify(piece, following, domain)
    if kind == PERSON and _defines_acronym(tokens, piece, last):
        kind = ORGANISATION  # "Kilusang Bagong Lipunan (KBL)": a body and its acronym
    kind_named = _kind_named_before(tokens, first, domain)
    if kind_named is not None and not titles:
        kind = None if kind_named == _NO_ONE else kind_named
    if titles and piece[0].text.lower() in PARTICLES and kind != PERSON:
        kind = PERSON  # "the comte de Paris": a title and a particle make a name of a place
    if (
        titles
        and not {fold(t) for t in titles} & _SOVEREIGNS  # "King Faisal Bridge" is a bridge
        and kind == PLACE
        and len(piece) == 2
        and fold(piece[0].text) in domain.given_names
        and fold(piece[1].text) in SURNAME_PLACE_WORDS
    ):
        kind = PERSON  # "the Labour MP Barbara Castle": a surname that is a word for a place
    if forced_kind and known(" ".join(t.text for t in piece), domain) is None:
        kind = forced_kind  # a fact-sheet label says what the item is: "Bay Tuyen" is no bay
    if kind is None:
        return []
    before = tokens[title_start - 1].text.lower() if title_start > 0 else ""
    if before == "to" and title_start > 1 and tokens[title_start - 2].text.lower() in _MOTION:
        before = "into"  # "retreated to O'Smach": a destination
    start = piece[0].idx
    end = piece[-1].idx + len(piece[-1].text)
    flag = FUSED_FLAG.search(piece[-1].text)
    if flag and len(piece[-1].text) > flag.end() - flag.start():
        end -= flag.end() - flag.start()  # "Bay TuyenKIA": killed in action, not a name
    if end_char is not None:
        end = min(end, end_char)
    bracket = passage.text.find("(", start, end)
    if bracket > start:
        end = bracket  # "Armstrong(Born: ...": a bracket run into the name
    if passage.text[end - 1 : end] == "." and _REGNAL_STOP.search(passage.text[start:end]):
        end -= 1  # "… the help of Nicholas I.": the sentence's full stop, read as an initial

    return [
        Candidate(
            passage=passage.index,
            start=start,
            end=end,
            text=passage.text[start:end],
            kind=kind,
            titles=titles,
            locative=before in _LOCATIVE
            or _of_a_person(tokens, title_start)
            or (len(piece) == 1 and _held_office(tokens, title_start, domain)),
            names_event=following is not None
            and following.text.islower()
            and fold(following.text) in domain.event_words,
            first_token=piece[0].i,
            last_token=last,
        )
    ]


def _before_next_sentence(tokens: list[Token], first: int, last: int, domain: Domain) -> int:
    """The end of a name that ran past a regnal number's stop into the next sentence
    ("Charles V. Needing money, he …": the sentence starts at "Needing", an everyday word)."""
    for position in range(first + 1, last - 1):
        numeral = tokens[position].text.rstrip(".")
        stopped = tokens[position].text.endswith(".") or tokens[position + 1].text == "."
        after = tokens[position + 2] if tokens[position + 1].text == "." else tokens[position + 1]
        if (
            ROMAN_NUMERAL.match(numeral)
            and stopped
            and after.i < last
            and fold(after.text) not in domain.given_names | domain.surnames
            and frequency(after.text.lower()) >= EVERYDAY_WORD  # "Needing" starts a sentence
        ):
            return position + 1
    return last


_NO_ONE = "no one"
_REGNAL_STOP = re.compile(r"\s(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})\.$")
# Adjectives written before a name, capitalised only at the start of a sentence.
_EPITHETS = frozenset({"young", "old", "little", "poor", "late", "brave", "wise", "dear", "good"})
# Rulers after whom bridges, streets and squares are named.
_SOVEREIGNS = frozenset(
    {"king", "queen", "prince", "princess", "emperor", "empress", "sultan", "shah", "pope",
     "tsar", "czar", "kaiser", "emir", "president"}
)  # fmt: skip
# Works named after their kind: "the newspaper Gazeta da Tarde", "the film Battleship Potemkin".
_WORKS = frozenset(
    {"newspaper", "magazine", "journal", "gazette", "weekly", "daily", "book", "novel", "poem",
     "play", "film", "movie", "opera", "painting", "song", "anthem", "treatise",
     "pamphlet", "manifesto", "essay", "memoir", "series", "programme", "program", "show"}
)  # fmt: skip


def _of_a_person(tokens: list[Token], start: int) -> bool:
    """ "Luis Tupatú of Picuris", "Okubo of Satsuma": the word after a person's name and "of"
    is where he came from or ruled."""
    if start < 2 or tokens[start - 1].text != "of":
        return False
    named = tokens[start - 2]
    # "Eusebius of Nicomedia" with "Eusebius" labelled an organisation: a lone name before
    # "of" is the person's, whatever the label, unless it is an everyday word ("Book of Genesis").
    lone_name = named.tag_ == "NNP" and frequency(named.text.lower()) < EVERYDAY_WORD
    return (named.ent_type_ == "PERSON" or lone_name) and named.text[:1].isupper()


# Offices held over a place: "the prefect of Pingyuan", "the parish priest of Yanaoca".
_OFFICES_OVER_PLACES = frozenset(
    {"governor", "prefect", "mayor", "bishop", "archbishop", "priest", "abbot", "abbess", "king",
     "queen", "ruler", "viceroy", "sheriff", "emir", "sultan", "khan", "shah", "magistrate",
     "corregidor", "commandant", "intendant", "satrap", "patriarch", "lord", "master", "chief"}
)  # fmt: skip


def _held_office(tokens: list[Token], start: int, domain: Domain) -> bool:
    """ "the prefect of Pingyuan", "the province of Tinta": after an office or a word for a
    place written in lower case, a one-word name after "of" says where, not whom ("the son of
    Musa" does; "the presidency of Peyton Randolph" names a man)."""
    if start < 2 or tokens[start - 1].text != "of":
        return False
    noun = tokens[start - 2].text
    singular = re.sub(r"(?<=ss)es$|s$", "", noun)  # "the fortresses of Manzikert and Khliat"
    return noun.islower() and (noun in _OFFICES_OVER_PLACES or fold(singular) in domain.place_words)


def _craft_named(tokens: list[Token], first: int, domain: Domain) -> bool:
    """The name follows a word for a craft, alone or in a list of them ("the ironclads
    Almirante Cochrane and Blanco Encalada"; not "the ship Victoria and General Gordon", nor
    "Lunar Module Pilot Edwin Aldrin")."""
    position = first - 1
    while position >= 0:
        if tokens[position].text.lower() in VEHICLES:
            return True
        if tokens[position].text not in (",", "and"):
            return False
        position -= 1  # across the list to the name before and what precedes it
        start = position
        while position >= 0 and start - position < 4 and tokens[position].text[:1].isupper():
            if is_title_word(tokens[position].text, domain):
                return False
            position -= 1
        if position == start:
            return False
    return False


def _defines_acronym(tokens: list[Token], piece: list[Token], last: int) -> bool:
    """The name is followed by an acronym of its own words in brackets: a body, not a person."""
    if last + 2 >= len(tokens) or tokens[last].text not in ("(", "–", "—"):
        return False
    acronym = tokens[last + 1].text
    if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
        return False
    words = [t.text for t in piece if t.text[:1].isalpha()]
    every = "".join(w[0] for w in words).upper()
    capitalised = "".join(w[0] for w in words if w[:1].isupper())
    return len(words) >= 2 and acronym in (every, capitalised)


def _kind_named_before(tokens: list[Token], first: int, domain: Domain) -> str | None:
    """The kind a common noun before the name gives it, after an article: "the newspaper
    Gazeta da Tarde" (a work: no one), "the village Lari" (a place), "the party Sinn Féin"."""
    if first < 2 or tokens[first - 2].text.lower() not in ("the", "a", "an", "this", "that"):
        return None
    noun = tokens[first - 1]
    if not noun.text.islower():
        return None
    key = fold(noun.text)
    if key in _WORKS or key in domain.event_words:
        return _NO_ONE
    if key in domain.place_words:
        return PLACE
    if key in domain.organisation_words:
        return ORGANISATION
    return None


def _in_other_language(text: str, start: int, domain: Domain) -> bool:
    """Inside a parenthesis that names its language: "(Spanish: Decena Trágica)"."""
    match = _LANGUAGE_LABEL.search(text, max(0, start - 80), start)
    return bool(match and fold(match.group("language")) in domain.nationalities)


def _names_an_event(tokens: list[Token], first: int, last: int, domain: Domain) -> bool:
    """The name of an operation or event after its kind: "Operation Morthor", "the second
    operation, Morthor, launched"."""
    if first == 0:
        return False
    before = tokens[first - 1]
    if before.text[:1].isupper() and fold(before.text) in domain.event_words:
        return True
    if (
        before.lower_ == "of"
        and first > 1
        and tokens[first - 2].text[:1].isupper()
        and fold(tokens[first - 2].text) in domain.event_words
    ):
        return True  # "the Law of Free Birth", "the Edict of Gülhane": the rest of its name
    # In apposition to the event word itself (not to a clause after it: "In response to the
    # coup, Venustiano Carranza ... issued").
    head = tokens[last - 1]
    return (
        before.text == ","
        and head.dep_ == "appos"
        and fold(head.head.text) in domain.event_words
        and head.head.dep_ != "pobj"
    )
