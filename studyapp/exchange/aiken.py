"""Moodle Aiken importer: one-answer multiple choice, every error refuses the file with its line."""

from __future__ import annotations

import re
from pathlib import Path

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.records import RecordInvalid, make_record, plain_to_html
from studyapp.exchange.text import content_kind, decode_text, read_bytes, split_lines

_OPTION = re.compile(r"^([A-Za-z])[.)][ \t]+(\S.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


class AikenImporter:
    """Aiken is strict and small, so a broken question refuses the whole file, as Moodle does."""

    name = "aiken"
    label = "Moodle Aiken"
    extensions = (".aiken", ".txt")

    def detect(self, path: Path, head: bytes) -> bool:
        """Text with ``A) option`` lines followed by an ``ANSWER: X`` line."""
        if content_kind(head) != "text":
            return False
        sample = head.decode("utf-8", "ignore")
        return bool(
            re.search(r"^[A-Za-z][.)][ \t]+\S", sample, re.M)
            and re.search(r"^ANSWER\s*:\s*[A-Za-z]\s*$", sample, re.M)
        )

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Read every question.

        Raises:
            InputError: at the first line that breaks the Aiken rules.
        """
        lines = split_lines(decode_text(path, read_bytes(path)))
        records: list[QuestionRecord] = []
        stem: list[str] = []
        stem_line = 0
        options: list[tuple[str, str]] = []

        def fail(line: int, reason: str) -> InputError:
            return InputError(str(path), reason, line=line)

        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line:
                continue
            answer = _ANSWER.match(line)
            option = _OPTION.match(line)
            if answer:
                if not stem:
                    raise fail(number, "'ANSWER:' without a question before it")
                letter = answer.group(1).strip().upper()
                if len(letter) != 1 or not letter.isalpha():
                    raise fail(
                        number, f"'ANSWER:' must give one option letter, not {answer.group(1)!r}"
                    )
                if len(options) < 2:
                    raise fail(
                        stem_line,
                        f"the question has {len(options)} option(s); Aiken needs at least 2",
                    )
                letters = [key for key, _ in options]
                if letter not in letters:
                    raise fail(
                        number,
                        f"'ANSWER: {letter}' names no option (options: {', '.join(letters)})",
                    )
                try:
                    records.append(_record(stem, options, letters.index(letter)))
                except RecordInvalid as error:
                    raise fail(stem_line, str(error)) from error
                stem, options = [], []
            elif option and stem:
                options.append((option.group(1).upper(), option.group(2)))
            elif option:
                raise fail(number, "an option line without a question before it")
            elif options:
                raise fail(
                    stem_line,
                    "the question is not finished with 'ANSWER: X' (or a line is not 'X) option')",
                )
            else:
                if not stem:
                    stem_line = number
                stem.append(line)
        if stem:
            raise fail(stem_line, "the question is not finished with 'ANSWER: X'")
        if not records:
            raise InputError(str(path), "no Aiken questions found")
        progress(len(lines), len(lines), f"{len(records)} questions read")
        return ParsedSet(path=str(path), format=self.name, records=tuple(records))


def _record(stem: list[str], options: list[tuple[str, str]], correct: int) -> QuestionRecord:
    choices = [plain_to_html(text) for _, text in options]
    return make_record(
        "choice",
        "<br>".join(plain_to_html(s) for s in stem),
        choices[correct],
        payload={"choices": choices, "correct": [correct]},
    )
