"""The JSON shape of ``studyapp extract FILE --json`` (see DESIGN.md)."""

from __future__ import annotations

from typing import Any

from studyapp.core.extraction import Extraction


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """The extraction as ``{"persons", "events", "figures"}`` lists.

    Events are those whose date the article states with a year; dates inferred
    from context (``inferred``) are left out, as in the gold files.
    """
    return {
        "persons": [
            {
                "name": p.name,
                "aliases": list(p.aliases),
                "role": p.role,
                "mentions": len(p.mentions),
            }
            for p in extraction.persons
        ],
        "events": [
            {"date": e.date, "precision": e.precision, "sentence": e.sentence}
            for e in extraction.events
            if not e.inferred
        ],
        "figures": [
            {"value": _number(f.value), "unit": f.unit, "sentence": f.sentence}
            for f in extraction.figures
        ],
    }
