"""A small JSON Schema checker for the keywords StudyApp's own schema uses (no extra dependency).

Supported: ``type``, ``const``, ``enum``, ``required``, ``properties``,
``additionalProperties: false``, ``items``, ``minLength``, ``pattern``, ``minimum``,
``maximum``, ``oneOf`` and local ``$ref`` (``#/$defs/…``). Anything else in the schema is
refused at load time, so the schema file cannot silently claim more than is checked.
"""

from __future__ import annotations

import re
from typing import Any

SUPPORTED = {
    "$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum",
    "required", "properties", "additionalProperties", "items", "minLength", "pattern",
    "minimum", "maximum", "oneOf", "contentEncoding",
}  # fmt: skip
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


class SchemaViolation(ValueError):
    """The document does not match; ``where`` is a path such as ``questions[3].kind``."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where or 'document'}: {reason}")
        self.where = where
        self.reason = reason


def check_schema_keywords(schema: Any) -> None:
    """Raise ValueError when the schema uses a keyword this checker does not enforce."""
    if isinstance(schema, dict):
        unknown = set(schema) - SUPPORTED
        if unknown:
            raise ValueError(f"unsupported JSON Schema keywords: {sorted(unknown)}")
        for key, value in schema.items():
            if key == "properties" or key == "$defs":
                for sub in value.values():
                    check_schema_keywords(sub)
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                check_schema_keywords(value)
            elif key == "oneOf":
                for sub in value:
                    check_schema_keywords(sub)


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    if name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES[name])


def validate(
    document: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, where: str = ""
) -> None:
    """Check ``document`` against ``schema``.

    Raises:
        SchemaViolation: at the first mismatch, naming where it is.
    """
    root = root or schema
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        validate(document, target, root, where)
        return
    if "const" in schema and (
        document != schema["const"] or type(document) is not type(schema["const"])
    ):
        raise SchemaViolation(where, f"must be {schema['const']!r}")
    if "enum" in schema and not any(
        document == e and type(document) is type(e) for e in schema["enum"]
    ):
        raise SchemaViolation(where, f"must be one of {schema['enum']!r}, not {document!r}")
    if "type" in schema and not _is_type(document, schema["type"]):
        raise SchemaViolation(where, f"must be of type {schema['type']}")
    if "oneOf" in schema:
        matches = 0
        for option in schema["oneOf"]:
            try:
                validate(document, option, root, where)
                matches += 1
            except SchemaViolation:
                pass
        if matches != 1:
            raise SchemaViolation(where, "does not match exactly one allowed shape")
    if isinstance(document, str):
        if len(document) < schema.get("minLength", 0):
            raise SchemaViolation(where, "must not be empty")
        if "pattern" in schema and not re.search(schema["pattern"], document):
            raise SchemaViolation(where, f"does not match the pattern {schema['pattern']}")
    if isinstance(document, (int, float)) and not isinstance(document, bool):
        if "minimum" in schema and document < schema["minimum"]:
            raise SchemaViolation(where, f"must be at least {schema['minimum']}")
        if "maximum" in schema and document > schema["maximum"]:
            raise SchemaViolation(where, f"must be at most {schema['maximum']}")
    if isinstance(document, dict):
        for key in schema.get("required", ()):
            if key not in document:
                raise SchemaViolation(where, f"the field {key!r} is missing")
        properties = schema.get("properties", {})
        for key, value in document.items():
            if key in properties:
                validate(value, properties[key], root, f"{where}.{key}" if where else key)
            elif schema.get("additionalProperties") is False:
                raise SchemaViolation(where, f"unknown field {key!r}")
    if isinstance(document, list) and "items" in schema:
        for index, item in enumerate(document):
            validate(item, schema["items"], root, f"{where}[{index}]")
