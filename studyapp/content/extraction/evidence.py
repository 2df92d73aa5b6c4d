"""Whether a one-word name is used as a person's: the model tags places, eras and common nouns
("Kioto", "Meiji", "Moon") as people, but only people act, own, bear titles or rule domains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.content.extraction.document import ParsedPassage
from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.extraction.kinds import PERSON, is_title_word, known
from studyapp.content.words import frequency

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from studyapp.content.extraction.candidates import Candidate

# Dependency roles of a name that acts or owns: "Ho expected", "Mori's action", "was killed by".
_ACTING = {"nsubj", "nsubjpass", "poss", "agent"}
_POSSESSIVE = {"'s", "’s"}
_OWNING_PRONOUNS = {"his", "her", "their"}
# "of" before these is no lord's domain: "Battle of 1968", "the year of the Rat".
_NOT_DOMAINS = {"DATE", "CARDINAL", "ORDINAL", "TIME"}


_WHO = frozenset({"who", "whom"})
# Works and the verbs of making them: "painting by Ilya Repin", "a preface by Jean-Paul Sartre".
_CREATIONS = frozenset(
    {"painting", "portrait", "drawing", "sketch", "engraving", "etching", "lithograph", "woodcut",
     "fresco", "mural", "photograph", "photo", "picture", "sculpture", "bust", "book", "novel",
     "poem", "play", "film", "movie", "opera", "symphony", "song", "essay", "memoir", "memoirs",
     "biography", "history", "account", "study", "preface", "foreword", "introduction",
     "afterword", "translation", "letter", "letters", "speech", "article", "diary", "map",
     "libretto", "cartoon", "caricature", "written", "painted", "drawn", "photographed",
     "directed", "composed", "translated", "edited", "sculpted", "engraved", "illustrated",
     "narrated", "authored"}
)  # fmt: skip


def described_as_person(tokens: Doc | list[Token], start: int, end: int, domain: Domain) -> bool:
    """The words around a name say it is a person's: a noun for a person right before it ("the
    historian Fraser", "his nephew Puyi", "a priest named Boukman"), the name in apposition to
    one ("his father, Axayacatl", "the governor of Anhui, Enming"), the maker of a work
    ("painting by Ilya Repin"), or the antecedent of "who" ("Elepoo, who had treated")."""
    if start > 0:
        before = tokens[start - 1]
        if before.text.islower() and fold(before.text) in domain.person_nouns:
            return True
        if (
            before.lower_ in _AGES
            and start > 1
            and tokens[start - 2].lower_ == "the"
            and (end == len(tokens) or not tokens[end].text[:1].isupper())
        ):
            return True  # "the young Potocki"; not "the young Conservative MP Enoch Powell"
        if before.text == "by" and start > 1 and tokens[start - 2].text.lower() in _CREATIONS:
            return True
        if (
            before.lower_ == "of"
            and start > 1
            and (
                tokens[start - 2].lower_ in _A_LIFE
                or tokens[start - 2].lower_ in _KIN
                and tokens[start - 3].lower_ in _DETERMINERS
            )
        ):
            return True  # "the death of Zumbi dos Palmares", "the reign of Mehmed IV"
        if before.text in ("named", "called") and any(
            t.text.islower() and fold(t.text) in domain.person_nouns
            for t in tokens[max(0, start - 4) : start - 1]
        ):
            return True  # "a Vodou priest named Boukman", "a slave called Zumbi"
    if (
        end + 1 < len(tokens)
        and tokens[end].text in _POSSESSIVE
        and tokens[end + 1].lower_ in _CREATIONS
    ):
        return True  # "Gillo Pontecorvo's film": the maker of a work
    if _after_a_noun_for_a_person(tokens, start, domain) or _before_a_noun_for_a_person(
        tokens, start, end, domain
    ):
        return True
    if (
        end + 1 < len(tokens)
        and tokens[end].text == ","
        and tokens[end + 1].lower_ in _WHO
        and not tokens[end - 1].text.endswith("s")
        and (start == 0 or tokens[start - 1].tag_ not in ("IN", "TO", "DT"))
    ):
        # "Elepoo, who had treated with us"; not "a family from Coahuila, who", nor a people
        # or a party ("the Jacobins, who")
        return True
    head = tokens[end - 1]
    return (
        start > 0
        and tokens[start - 1].text == ","
        and head.dep_ == "appos"
        and head.head.i < start
        and head.head.text.islower()
        and fold(head.head.text) in domain.person_nouns
    )


# Verbs in the passive that say what was done to a town or a place, not to a person.
_DONE_TO_PLACES = frozenset(
    {"besieged", "shelled", "bombarded", "occupied", "annexed", "ceded", "evacuated", "fortified",
     "garrisoned", "sacked", "relieved", "stormed", "razed", "founded", "renamed",
     "incorporated", "partitioned", "invested", "looted", "bombed", "blockaded", "liberated"}
)  # fmt: skip
# What a town has that a person has not.
_OF_A_TOWN = frozenset(
    {"population", "inhabitants", "citizens", "residents", "garrison", "defences", "defenses",
     "defenders", "streets", "outskirts", "suburbs", "mayor", "harbour", "harbor", "docks"}
)  # fmt: skip
# What only a person has: "the death of X", "the reign of X", "the wife of X".
_A_LIFE = frozenset(
    {"death", "murder", "assassination", "execution", "funeral", "burial", "reign", "arrest",
     "trial", "birth", "abdication", "coronation", "resignation", "widow", "memoirs",
     "biography", "deposition", "exile", "imprisonment", "release", "pardon", "marriage"}
)  # fmt: skip
_KIN = frozenset(
    {"wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "nephew",
     "niece", "uncle", "aunt", "cousin", "grandson", "granddaughter", "heir", "successor"}
)  # fmt: skip
_AGES = frozenset({"young", "old", "late", "aged", "elder", "younger", "elderly"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})


def _after_a_noun_for_a_person(tokens: Doc | list[Token], start: int, domain: Domain) -> bool:
    """The name after a comma that ends a phrase headed by a noun for a person: "the governor of
    Anhui, Enming", "his father, Axayacatl", "an Armenian, Johannes Diodato"."""
    if start < 3 or tokens[start - 1].text != ",":
        return False
    for position in range(start - 2, max(0, start - 7), -1):
        word = tokens[position]
        key = fold(word.text)
        if (
            word.text.islower()
            and key in domain.person_nouns
            or (key in domain.nationalities and tokens[position - 1].lower_ in ("a", "an"))
        ):
            # "the governor", "a brave soldier": the phrase starts with a determiner
            return any(t.lower_ in _DETERMINERS for t in tokens[max(0, position - 2) : position])
        if not (word.text[:1].isupper() or word.lower_ in ("of", "the") or word.tag_ == "JJ"):
            return False
    return False


def _before_a_noun_for_a_person(
    tokens: Doc | list[Token], start: int, end: int, domain: Domain
) -> bool:
    """The name before a comma and a phrase headed by a noun for a person: "Wilmer McLean, a
    merchant who had moved ...", "Gerónimo de Aguilar, a Franciscan deacon"."""
    if end + 2 >= len(tokens) or tokens[end].text != ",":
        return False
    if tokens[end + 1].lower_ not in _DETERMINERS:
        return False
    first = start
    while first > 0 and tokens[first - 1].ent_iob_ == "I":
        first -= 1
    if (
        first > 1
        and tokens[first - 1].tag_ in ("IN", "TO")
        and tokens[first - 2].text[:1].isupper()
    ):
        return False  # "Ixtlilxóchitl of Texcoco, a rival of his brother": the apposition is his
    for position in range(end + 2, min(len(tokens), end + 6)):
        word = tokens[position]
        if word.text.islower() and fold(word.text) in domain.person_nouns:
            # "..., the Buddhist monk Han Yong-un": a name after the noun starts the next item
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            return following is None or not following.text[:1].isupper()
        if not (word.tag_ in ("JJ", "NNP", "VBN", "HYPH") or word.text == "-"):
            return False
    return False


def lower_case_words(passages: list[ParsedPassage]) -> set[str]:
    """Every word the article writes in lower case somewhere: a capitalised one-word "name"
    among them is a common noun ("the Moon" beside "the moon")."""
    return {t.text for p in passages for t in p.doc if t.is_alpha and t.text.islower()}


def lord_of(tokens: Doc | list[Token], position: int) -> bool:
    """Token ``position`` starts "of <Domain>" or "of his/her/their ...": what follows a lord's
    or an official's name ("Yamanouchi of Tosa", "Katsu of his own Government")."""
    if position + 1 >= len(tokens) or tokens[position].text != "of":
        return False
    if position > 0 and tokens[position - 1].tag_ == "NNPS":
        return False  # "Pillars of Wisdom": a name in the plural is no lord's
    after = tokens[position + 1]
    return after.text.lower() in _OWNING_PRONOUNS or (
        after.text[:1].isupper() and after.is_alpha and after.ent_type_ not in _NOT_DOMAINS
    )


def listed_with_person(tokens: Doc | list[Token], end: int, domain: Domain) -> bool:
    """The name is followed in a list by a person's: "Komatsu and Okubo of Satsuma"."""
    position = end
    while position < len(tokens) and tokens[position].text in (",", "and") and position - end < 2:
        position += 1
    if position == end or position >= len(tokens):
        return False
    sibling = tokens[position]
    if not (sibling.text[:1].isupper() and sibling.is_alpha):
        return False
    stop = position + 1
    while stop < len(tokens) and tokens[stop].ent_iob_ == "I":
        stop += 1
    full_name = (
        sibling.ent_type_ == "PERSON"
        and stop - position > 1
        and known(" ".join(t.text for t in tokens[position:stop]), domain) in (None, PERSON)
    )
    return full_name or lord_of(tokens, position + 1)


def listed_after_person(tokens: Doc | list[Token], start: int, domain: Domain) -> bool:
    """The name ends a list after a person's full name: "Louis Botha, Jan Smuts and Koos de la
    Rey"."""
    position = start - 1
    if position < 1 or tokens[position].text not in (",", "and"):
        return False
    if tokens[position].text == "and" and tokens[position - 1].text == ",":
        position -= 1
    last = tokens[position - 1]
    if last.ent_type_ != "PERSON" or last.ent_iob_ != "I":
        return False
    first = position - 1
    while first > 0 and tokens[first].ent_iob_ == "I":
        first -= 1
    return known(" ".join(t.text for t in tokens[first:position]), domain) in (None, PERSON)


def _acts(passage: ParsedPassage, candidate: Candidate, domain: Domain) -> bool:
    doc = passage.doc
    if not 0 <= candidate.first_token < candidate.last_token <= len(doc):
        return False
    head = doc[candidate.last_token - 1]
    after = doc[candidate.last_token] if candidate.last_token < len(doc) else None
    possessive = after is not None and after.text in _POSSESSIVE
    owned = doc[candidate.last_token + 1 : candidate.last_token + 3] if possessive else []
    if candidate.locative and not possessive:
        return False  # "his nuncio in Buda, Antonio …": where he was, whoever is named next
    one_word = candidate.last_token - candidate.first_token == 1  # not "Theognis of Nicaea"
    if one_word and not possessive and listed_after_a_place(head, domain):
        return False  # "students demonstrated in Vienna and Graz", "the men of Moscow, Serpukhov, Rostov"
    if any(
        fold(t.text) in domain.place_words
        or fold(t.text).rstrip("s") in domain.place_words
        or t.lower_ in _OF_A_TOWN
        for t in owned
    ):
        # "Jacob's biscuit factory", "Boland's Mill": a building's name; "Nanking's walls",
        # "Kimberley's inhabitants": a town's
        possessive = False
    elif head.dep_ == "nsubjpass" and head.head.lower_ in _DONE_TO_PLACES:
        pass  # "Ladysmith was relieved", "Nanking was sacked": what is done to a town
    elif head.dep_ in _ACTING or (head.dep_ == "pobj" and head.head.dep_ == "agent"):
        return True  # "Ho expected", "Mori's action", "shot dead by Carujo"
    if possessive:
        return True
    if lord_of(doc, candidate.last_token) or listed_with_person(doc, candidate.last_token, domain):
        return True
    if described_as_person(doc, candidate.first_token, candidate.last_token, domain):
        return True
    first = candidate.first_token
    if first >= 2 and doc[first - 1].text == "," and is_title_word(doc[first - 2].text, domain):
        return True
    return coordinated_with_person(doc, head)


def listed_after_a_place(token: Token, domain: Domain) -> bool:
    """The name is a later item of a list whose first item is a place the model or the lists
    know ("in Vienna and Graz"): another place, whatever label the model gave it."""
    if token.i == 0 or token.doc[token.i - 1].lower_ not in (",", "and", "or"):
        return False  # "… of Armenia and his son-in-law Bohemond": described, not listed
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i == token.i or first.ent_type_ == "PERSON" or first.dep_ != "pobj":
        return False  # places are listed after "in", "of", "to"; "among them Sükhbaatar, Choibalsan" are men
    if first.head.lower_ == "of" and first.head.head.tag_ == "NNP":
        return False  # "Eusebius of Nicomedia and Theognis": the list is of bishops, not of sees
    return first.ent_type_ in ("GPE", "LOC") or fold(first.text) in domain.places


def coordinated_with_person(doc: Doc, token: Token) -> bool:
    """ "his sons Ali and Faisal": coordinated with a name the model took for a person's, the
    pair not after a preposition or an article ("from the Kahlenberg and the Leopoldsberg",
    "back to Suong and Prey Veng" are places)."""
    partners = [token.head] if token.dep_ == "conj" else []
    partners += [child for child in token.children if child.dep_ == "conj"]
    for partner in partners:
        if partner.ent_type_ != "PERSON" or partner.i == token.i:
            continue
        first = min(partner.i, token.i)
        while first > 0 and doc[first - 1].ent_iob_ == "I":
            first -= 1
        if first == 0 or doc[first - 1].tag_ not in ("IN", "DT", "TO"):
            return True
    return False


# Zipf frequency of an everyday English word ("labor", "leadership", "gifts"): a one-word name
# that common, with no title, is a word at the start of a sentence or a body's name.
_EVERYDAY = 4.3


def _describing(passage: ParsedPassage, candidate: Candidate) -> bool:
    """The mention is an adjective modifying a noun ("the old Javanese idea")."""
    doc = passage.doc
    if not 0 <= candidate.first_token < candidate.last_token <= len(doc):
        return False
    word = doc[candidate.last_token - 1]
    return word.dep_ == "amod" and word.tag_ == "JJ"


def used_as_person(
    passages: list[ParsedPassage],
    mentions: list[Candidate],
    domain: Domain,
    lower_case: set[str],
    has_role: bool,
) -> bool:
    """A one-word name with a title, a role, or a mention that acts, owns or rules; and not a
    word the article also writes in lower case."""
    if any(c.titles or c.labelled for c in mentions):
        return True  # a title, or a label that lists people ("Commanders and leaders: Yishan")
    word = mentions[0].text
    if word.lower() in lower_case:
        return False
    if all(_describing(passages[c.passage], c) for c in mentions):
        return False  # "the old Javanese idea": an adjective before a noun, no one named
    folded = fold(word)
    if folded not in domain.given_names | domain.surnames and frequency(word.lower()) >= _EVERYDAY:
        return False  # "Labor's Lionel Murphy", "Leadership passed to …": an everyday word
    return has_role or any(_acts(passages[c.passage], c, domain) for c in mentions)
