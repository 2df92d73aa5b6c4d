"""A person's role or description from the words around a mention."""

from __future__ import annotations

import re

from studyapp.content.extraction.domain import Domain, fold
from studyapp.content.language import STOPWORDS

# Nouns that say what a person is or does.
ROLE_NOUNS = frozenset(
    """leader leaders commander head chief official officer spokesman spokeswoman founder member
    fighter soldier cadre defector diplomat envoy representative delegate negotiator adviser advisor
    aide deputy secretary president minister premier chairman king queen prince princess monarch
    ruler dictator general colonel major captain lieutenant governor mayor ambassador judge
    prosecutor journalist historian analyst monk student teacher director editor guerrilla warlord
    strongman hero heroes revolutionary communist nationalist father son daughter wife husband
    brother sister widow chairwoman commissioner spokesperson activist survivor witness prisoner
    guard interrogator photographer author writer professor researcher lawyer militiaman militia
    policeman farmer villager refugee worker peasant trader businessman tycoon nun priest doctor
    nurse engineer reporter correspondent veteran victim defendant accused suspect convict inmate
    nephew niece cousin uncle aunt mother grandfather grandmother bodyguard mediator pilot
    sergeant rebel insurgent bandit""".split()  # noqa: SIM905
)  # fmt: skip
# Forms of address that say nothing about what a person does.
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "sir", "madame", "mme", "samdech", "lok", "oknha", "okhna",
     "comrade", "venerable", "ven", "h e", "hrh", "lok chumteav", "his excellency",
     "don", "dona", "dom", "monseigneur", "mgr", "monsignor", "m", "mme", "mlle", "herr", "frau",
     "senor", "senora", "signor", "signora", "luang", "phraya", "pasha", "bey", "efendi",
     "her excellency", "his majesty", "her majesty", "his royal highness", "her royal highness"]
)  # fmt: skip
_ABBREVIATED_RANKS = frozenset(
    {"lt", "col", "gen", "maj", "sgt", "capt", "adm", "cmdr", "cdr", "brig", "cpl", "pvt", "pte",
     "rev", "fr", "gov", "rep", "mgr", "prof"}
)  # fmt: skip
_RANKS_OF_BIRTH = frozenset({"prince", "princess", "king", "queen", "preah", "sdech"})
_MAX_WORDS = 14
# Role text runs to a comma, semicolon or sentence end; the dot of an abbreviation ("the U.S.
# commander") does not end it.
_ROLE_TEXT = r"(?:[^,;.()\"“”]|(?<=[A-Z])\.(?=[A-Za-z]|\s+[a-z]))"
_APPOSITION = re.compile(
    r"^\s*,\s*(?P<role>(?:(?:the|a|an|his|her|their|its|former|then|current|deputy)\b|[A-Z]|"
    r"(?=[a-z-]+\s+(?:of|to|for|in)\b))"
    + _ROLE_TEXT
    + r"*(?:\([^)]*\)"
    + _ROLE_TEXT
    + r"*)?)(?=\s*(?:[,;.)]|$))"
)
_PREDICATE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:,\s*)?(?:was elected(?: as)?|was appointed(?: as)?|was named(?: as)?|"
    r"was (?:selected|chosen|made|installed|instated|proclaimed|declared) (?:as )?|"
    r"served as|had become|became|remained|was|is|as|to be)\s+(?P<role>" + _ROLE_TEXT + r"{2,90})"
)
# Words of titles that say nothing on their own about what a person is ("First", "Vice").
_TITLE_MODIFIERS = {"first", "second", "deputy", "vice", "senior", "grand", "crown", "field",
                    "rear", "air", "wing", "group", "squadron", "under", "assistant", "special",
                    "co", "four-star", "staff", "his", "her", "majesty", "highness",
                    "excellency", "royal", "holiness", "in", "chief", "state"}  # fmt: skip
_PRE_APPOSITION = re.compile(r"^\s*(?P<role>[A-Z][^,;\"“”]{3,90}),\s*$")
_OFFICE_LOWER = ROLE_NOUNS | {
    "of", "the", "deputy", "assistant", "vice", "prime", "foreign", "defence", "defense",
    "interior", "finance", "state", "national", "security", "special", "executive", "party",
    "army", "military", "senior", "top", "general", "acting", "chief", "head", "spokesman",
}  # fmt: skip
_OFFICE_WORD = r"(?:[A-Z][\w’'.\-]*|" + "|".join(sorted(_OFFICE_LOWER, key=len, reverse=True)) + ")"
_OFFICE_BEFORE = re.compile(rf"(?:^|[\s(])(?P<role>(?:{_OFFICE_WORD}\s+){{1,7}})$")


_NOT_ROLE_WORDS = {"mr", "mrs", "ms", "dr", "lok", "of", "the", "in", "and", "a", "an", "to", "for"}


def _has_role_noun(text: str, domain: Domain, within: int = 7) -> bool:
    """True when one of the first ``within`` words names an office, rank or occupation, and the
    text is no clause ("killed on the first day", "acting on the orders of ...")."""
    words = fold(re.sub(r"\([^)]*\)", " ", text)).replace("'s", "").split()
    if not words or _is_clause(words[0]):
        return False
    first = set(words[:within])
    titles = domain.title_words - _NOT_ROLE_WORDS - _TITLE_MODIFIERS
    return bool(first & (ROLE_NOUNS | domain.person_nouns) or first & titles)


def _is_clause(word: str) -> bool:
    """A verb form or pronoun opening the text: a clause, not a description."""
    return word in ("he", "she", "they", "it", "who") or (
        word.endswith(("ed", "ing")) and word not in ROLE_NOUNS
    )


def _cut(role: str, other_names: list[str]) -> str:
    """End a role before another person's name ("President and Samdech Hun Sen as ..."); drop
    citation marks ("a CUP member.[4]")."""
    role = re.sub(r"\[[^\]]*\]", "", role)
    # "President of the Republic on 24 May 1873": the date says when, not what.
    role = re.split(r"\s+(?:on|in|from|since|until|by)\s+(?=\d|[A-Z][a-z]+\s+\d)", role)[0]
    for name in other_names:
        position = role.find(name)
        if position > 0:
            role = role[:position]
    role = re.split(
        r"\s+(?:and|but|who|which|while|when|after|before|because)\s+(?=[A-Z]|who|which)", role
    )[0]
    role = re.sub(r"\s+(?:and|or|but|with|of|in|the)\s*$", "", role.strip(" ,;:-"))
    return role.strip(" ,;:-")


def _names_another(role: str, other_names: list[str]) -> bool:
    """Another person's name, or its first word, inside the role: ", Captain Robert J. O'Brien"
    lists the next person, it does not describe this one."""
    words = set(role.split())
    return any(name in role or name.split()[0] in words for name in other_names)


def _noun_phrase(text: str) -> str:
    """The noun phrase that ends ``text``: "In February 2002 the foreign minister" -> "the
    foreign minister", "Madero and his vice-president" -> "his vice-president"."""
    text = re.split(r"\s+and\s+", text.strip())[-1]
    if re.match(r"(?:In|On|At|After|Before|By|During|From|Since|Until|When)\b", text):
        determiners = list(re.finditer(r"\b(?:the|a|an|his|her|their|its)\s", text))
        text = text[determiners[-1].start() :] if determiners else ""
    return text.strip()


def _short(role: str) -> bool:
    return 0 < len(role.split()) <= _MAX_WORDS


def role_after(
    after: str, domain: Domain, other_names: list[str], appositions_only: bool = False
) -> str:
    """Role from an apposition or predicate after the name (", the former commander of ...")."""
    for pattern in (_APPOSITION,) if appositions_only else (_APPOSITION, _PREDICATE):
        match = pattern.match(after)
        if match:
            if pattern is _APPOSITION and _names_another(match.group("role"), other_names):
                continue  # ", Prime Minister Ranariddh requested ..." starts a new clause
            role = _cut(match.group("role"), other_names)
            if _short(role) and _has_role_noun(role, domain):
                return role
    return ""


def role_before(before: str, after: str, domain: Domain) -> str:
    """Role written before the name: an office ("Vietnamese Deputy Foreign Minister") or a
    sentence-initial apposition ("Secretary of the Communist Party of Vietnam, Le Duc Anh,")."""
    if after.lstrip().startswith(","):
        match = _PRE_APPOSITION.match(before)
        role = _noun_phrase(match.group("role")) if match else ""
        if role and _has_role_noun(role, domain) and _short(role):
            return role
    match = _OFFICE_BEFORE.search(before)
    if not match:
        return ""
    words = match.group("role").split()
    while words and (
        words[0].lower() in ("of", "the", "and")
        or words[0][:1].islower()
        and fold(words[0]) not in _OFFICE_LOWER | domain.title_words
    ):
        words = words[1:]
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]  # "But First Prime Minister"
    while len(words) > 1 and (
        fold(words[-1]) in HONORIFICS | _RANKS_OF_BIRTH or words[-1].endswith(".")
    ):
        words = words[:-1]  # "First Prime Minister Prince": the office, not the honorific
    role = " ".join(words)
    if not words or fold(words[-1]) not in ROLE_NOUNS | domain.title_words:
        return ""
    if fold(role) in HONORIFICS or (
        len(words) == 1
        and (role.endswith(".") or role.isupper() or fold(role) in _ABBREVIATED_RANKS)
    ):
        return ""  # a bare honorific ("Mr.", "Samdech") or abbreviation ("Gen.", "Lt") is a title
    return role if _short(role) else ""
