"""Working out how a delimited text file is laid out: Anki header directives, separator, columns."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from studyapp.exchange.records import looks_like_html

SEPARATOR_NAMES = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "space": " ",
    "colon": ":",
}
CANDIDATES = ("\t", ";", ",", "|")  # in order of preference when equally plausible
SAMPLE_ROWS = 200

# Column names (from "#columns:" or a spreadsheet header row) and the role they play.
ROLE_NAMES = {
    "question": ("front", "question", "term", "prompt", "text", "q", "word", "expression", "recto"),
    "answer": ("back", "answer", "definition", "meaning", "a", "translation", "response", "verso"),
    "explanation": ("explanation", "extra", "back extra", "notes", "note", "comment", "hint"),
    "tags": ("tags", "tag"),
    "deck": ("deck",),
    "guid": ("guid", "note id", "id"),
    "notetype": ("notetype", "note type"),
    "studyapp": ("studyapp",),
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based) plays which role; the import dialog may change the guess.

    ``answer`` may name several columns: their non-empty values are joined with ``<br>``
    (Anki note types with more than two fields, Mnemosyne's 3- and 4-column vocabulary).
    """

    question: int = 0
    answer: tuple[int, ...] = (1,)
    explanation: int | None = None
    tags: int | None = None
    deck: int | None = None
    guid: int | None = None
    notetype: int | None = None
    studyapp: int | None = None  # StudyApp's own JSON column: kind, payload, difficulty, source

    def used(self) -> set[int]:
        """Every column this mapping reads."""
        single = (self.question, self.explanation, self.tags, self.deck, self.guid)
        extra = (self.notetype, self.studyapp)
        return {c for c in (*single, *extra) if c is not None} | set(self.answer)


@dataclass(frozen=True)
class CsvOptions:
    """Choices the user can force in the import dialog; None means "detect"."""

    delimiter: str | None = None
    encoding: str | None = None
    html: bool | None = None
    quoting: bool = True  # False reads quote characters literally (Mnemosyne/Quizlet style)
    row_separator: str | None = None  # Quizlet's custom row separator; implies quoting=False
    header: bool | None = None  # first data row holds column names


@dataclass(frozen=True)
class CsvLayout:
    """What detection found; shown by the dialog as the guess it can override."""

    delimiter: str
    html: bool
    quoting: bool
    columns: int
    mapping: ColumnMapping
    header: tuple[str, ...] = ()
    header_row: bool = False  # the first data row is the header and is skipped
    deck: str = ""
    notetype: str = ""
    tags: tuple[str, ...] = ()
    directives: dict[str, str] = field(default_factory=dict)
    directive_lines: int = 0  # lines of "#..." at the top, before the data


def parse_directives(lines: list[str]) -> tuple[dict[str, str], int]:
    """Read Anki's "#key:value" header lines (and "#" comments) at the top of the file."""
    directives: dict[str, str] = {}
    count = 0
    for line in lines:
        if not line.startswith("#"):
            break
        count += 1
        key, sep, value = line[1:].partition(":")
        if sep and key.strip().lower() in _KNOWN_DIRECTIVES:
            directives[key.strip().lower()] = value.strip()
    return directives, count


_KNOWN_DIRECTIVES = {
    "separator", "html", "tags", "columns", "notetype", "deck",
    "notetype column", "deck column", "tags column", "guid column", "if matches",
}  # fmt: skip


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their "\\n", as io.StringIO gives them, made only on demand.

    Detection reads a few hundred rows; wrapping a 5 MB body in a StringIO would copy it all.
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def split_rows(
    text: str, delimiter: str, quoting: bool, limit: int | None = None
) -> list[list[str]]:
    """Split a sample leniently (never raises) to compare candidate separators."""
    reader = csv.reader(
        _lines(text),
        delimiter=delimiter,
        quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE,
        skipinitialspace=delimiter != "\t",
        strict=False,
    )
    rows: list[list[str]] = []
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error:
        pass  # the strict read reports it with a line number
    return rows


def guess_delimiter(text: str, quoting: bool) -> str | None:
    """The separator that splits most rows into the same number (≥ 2) of fields."""
    best, best_score = None, 0.0
    for candidate in CANDIDATES:
        rows = split_rows(text, candidate, quoting, SAMPLE_ROWS)
        if not rows:
            continue
        counts = Counter(len(r) for r in rows)
        multi = sum(n for k, n in counts.items() if k >= 2) / len(rows)
        consistency = counts.most_common(1)[0][1] / len(rows)
        score = multi * (0.5 + 0.5 * consistency)
        if score > best_score + 1e-9:
            best, best_score = candidate, score
    return best


def looks_like_table(text: str) -> bool:
    """True when text reads as rows of fields rather than prose.

    Used for ``.txt`` files, which may be articles: Anki header directives, or a
    separator that splits at least 70% of the sampled rows, into fields mostly shorter
    than a paragraph (and, for commas, into the same few fields).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    directives, skip = parse_directives(lines)
    if directives:
        return True
    body = "\n".join(lines[skip:])
    delimiter = guess_delimiter(body, quoting=True)
    if delimiter is None:
        return False
    rows = split_rows(body, delimiter, True, SAMPLE_ROWS)
    split = sum(1 for r in rows if len(r) >= 2)
    cells = sorted(len(c) for r in rows for c in r)
    if split < 0.7 * len(rows) or cells[len(cells) // 2] >= 200:
        return False
    if delimiter != ",":
        return True
    # Prose has commas too: a comma table must split most rows alike, into a few columns.
    width, share = Counter(len(r) for r in rows).most_common(1)[0]
    return width <= 5 and share >= 0.7 * len(rows)


def role_of(name: str) -> str | None:
    """The role a column name plays, or None for an unknown name."""
    key = name.strip().lower()
    for role, names in ROLE_NAMES.items():
        if key in names:
            return role
    return None


def mapping_from_names(names: list[str]) -> ColumnMapping | None:
    """A mapping from column names, or None when they name no question column."""
    roles: dict[str, int] = {}
    extra: list[int] = []
    for index, name in enumerate(names):
        role = role_of(name)
        if role is None or role in roles:
            extra.append(index)  # unknown names and second answers join the answer
        else:
            roles[role] = index
    if "question" not in roles:
        return None
    answer = [roles["answer"]] if "answer" in roles else []
    answer += [i for i in extra if i not in answer and i != roles["question"]]
    return ColumnMapping(
        question=roles["question"],
        answer=tuple(answer),
        explanation=roles.get("explanation"),
        tags=roles.get("tags"),
        deck=roles.get("deck"),
        guid=roles.get("guid"),
        notetype=roles.get("notetype"),
        studyapp=roles.get("studyapp"),
    )


def guess_mapping(
    rows: list[list[str]], directives: dict[str, str], names: list[str]
) -> ColumnMapping:
    """Guess the mapping from directives, column names, then the shape of the rows."""
    columns = max((len(r) for r in rows), default=2)
    special: dict[str, int] = {}
    for role in ("tags", "deck", "guid", "notetype"):
        value = directives.get(f"{role} column", "")
        if value.isdigit() and int(value) >= 1:
            special[role] = int(value) - 1
    if names:
        named = mapping_from_names(names)
        if named is not None:
            return replace(named, **special) if special else named
    fields = [c for c in range(max(columns, 2)) if c not in special.values()]
    fields = fields or [max(special.values()) + 1]  # every column has a special role
    question, answer = fields[0], fields[1:] or [fields[0] + 1]
    mapping = ColumnMapping(question=question, answer=tuple(answer), **special)
    counts = Counter(len(r) for r in rows)
    if not special and columns == 3 and len(counts) == 1:
        third = [r[2] for r in rows if r[2].strip()]
        # Like Anki: a third column after a two-field note is its tags, when it reads like tags.
        if third and all(len(v) <= 100 and not looks_like_html(v) for v in third):
            mapping = ColumnMapping(question=0, answer=(1,), tags=2)
    return mapping
