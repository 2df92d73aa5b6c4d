"""Extraction output scored against gold files: people one to one with alias checks, events, figures."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONTENT_TESTS = Path(__file__).resolve().parent
GOLD_DIR = CONTENT_TESTS / "gold"
SHARED_ARTICLES = CONTENT_TESTS.parents[2] / "shared" / "articles"
DEV_ARTICLES = CONTENT_TESTS.parent / "questions" / "articles"

# Gold file stem -> article file, by set. Bundled gold is scored on the bundled (cleaned) texts.
BUNDLED = {"kprp_part2": "kprp_part2", "kr_defectors": "kr_defectors"}
OWN = {
    "own_untac_1993": CONTENT_TESTS / "articles" / "untac_1993.txt",
    "own_duch_verdict": CONTENT_TESTS / "articles" / "duch_verdict.txt",
    "own_coup_1997": CONTENT_TESTS / "articles" / "coup_1997.md",
}
SHARED = {
    f"shared_{stem}": SHARED_ARTICLES / f"{stem}.txt"
    for stem in (
        "apollo_11_1969",
        "meiji_restoration",
        "partition_of_india_1947",
        "tet_offensive_1968",
        "thailand_politics_1932_1962",
    )
}


# Development articles written for people extraction (people-only gold, tests/content/gold).
DEV2_ARTICLES = CONTENT_TESTS / "articles" / "dev2"
DEV2 = {f"dev2_{path.stem}": path for path in sorted(DEV2_ARTICLES.glob("*.txt"))}


def dev_articles() -> dict[str, Path]:
    """Development articles with a gold file beside them (tests/questions/articles/gold)."""
    if not (DEV_ARTICLES / "gold").is_dir():
        return {}
    found = {}
    for gold in sorted((DEV_ARTICLES / "gold").glob("*.json")):
        article = next(iter(sorted(DEV_ARTICLES.glob(f"{gold.stem}.*"))), None)
        if article is not None:
            found[gold.stem] = article
    return found


def load_gold(key: str, folder: Path = GOLD_DIR) -> dict[str, Any]:
    """A gold file by stem."""
    return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))


def collapse(text: str) -> str:
    """Whitespace collapsed, case folded: how names are compared."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def squeeze(text: str) -> str:
    """Whitespace removed, case folded: how a gold span is found in a predicted sentence, whose
    text cleaning may have rejoined a word hyphenated at a line break ("Aguasca-\n lientes")."""
    return re.sub(r"\s+", "", text).casefold()


@dataclass(frozen=True)
class Score:
    """Precision and recall of one kind of item."""

    matched_gold: int
    gold: int
    matched_predicted: int
    predicted: int

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.matched_gold, self.gold, self.matched_predicted, self.predicted)

    def __str__(self) -> str:
        return (
            f"R {self.recall:.3f} ({self.matched_gold:3}/{self.gold:3})  "
            f"P {self.precision:.3f} ({self.matched_predicted:3}/{self.predicted:3})"
        )


@dataclass
class Report:
    """One kind's score with the items that went wrong, for reading."""

    score: Score
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _matching(predicted: list[Any], gold: list[Any], agree: Callable[[Any, Any], int]) -> dict:
    """Maximum one-to-one matching (gold index -> predicted index) over pairs that agree;
    pairs that agree more strongly (a larger ``agree`` value) are tried first."""
    options = []
    for item in gold:
        weighted = [(agree(p, item), i) for i, p in enumerate(predicted)]
        options.append([i for w, i in sorted(weighted, key=lambda x: -x[0]) if w > 0])
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for i in options[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return {g: i for i, g in owner.items()}


def person_names(person: dict[str, Any]) -> set[str]:
    """Every name of a person (name and aliases), collapsed."""
    return {collapse(person["name"]), *(collapse(a) for a in person.get("aliases", []))}


@dataclass
class PersonReport(Report):
    """People scored one to one, with the alias sets of matched pairs compared."""

    aliases: Score = field(default_factory=lambda: Score(0, 0, 0, 0))
    alias_errors: list[str] = field(default_factory=list)


def score_persons(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> PersonReport:
    """One to one: a predicted person that merges two gold people matches one of them; a gold
    person split over two predicted ones is matched once and the other is a false positive.

    Aliases of matched pairs: every name the prediction gives must be one of the gold person's
    names (alias precision) and every gold name should be found (alias recall).
    """
    gold_names = [person_names(g) for g in gold]
    predicted_names = [person_names(p) for p in predicted]
    pairs = _matching(
        predicted_names, gold_names, lambda p, g: len(p & g) * 2 + (collapse(next(iter(p))) in g)
    )
    report = PersonReport(Score(len(pairs), len(gold), len(pairs), len(predicted)))
    report.missed = [gold[g]["name"] for g in range(len(gold)) if g not in pairs]
    used = set(pairs.values())
    report.wrong = [
        " | ".join([p["name"], *p.get("aliases", [])])
        for i, p in enumerate(predicted)
        if i not in used
    ]
    right = found = given = wanted = 0
    for g, i in pairs.items():
        extra = predicted_names[i] - gold_names[g]
        given += len(predicted_names[i])
        right += len(predicted_names[i]) - len(extra)
        wanted += len(gold_names[g])
        found += len(predicted_names[i] & gold_names[g])
        missing = gold_names[g] - predicted_names[i]
        if extra or missing:
            report.alias_errors.append(
                f"{gold[g]['name']}: extra {sorted(extra)} missing {sorted(missing)}"
            )
    report.aliases = Score(found, wanted, right, given)
    return report


def score_events(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Report:
    """An event matches when its sentence holds the span and its date agrees to the gold's precision."""

    def agree(p: dict[str, Any], g: dict[str, Any]) -> int:
        same_date = p["date"] == g["date"] and p["precision"] == g["precision"]
        inside = squeeze(g["text_span"]) in squeeze(p["sentence"])
        return (1 + same_date) if inside and p["date"][: len(g["date"])] == g["date"] else 0

    pairs = _matching(predicted, gold, agree)
    used = set(pairs.values())
    return Report(
        Score(len(pairs), len(gold), len(pairs), len(predicted)),
        [f"{g['date']} {g['text_span'][:70]!r}" for i, g in enumerate(gold) if i not in pairs],
        [f"{p['date']} {p['sentence'][:70]!r}" for i, p in enumerate(predicted) if i not in used],
    )


def score_figures(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Report:
    """A figure matches when its sentence holds the span and its value is equal."""

    def agree(p: dict[str, Any], g: dict[str, Any]) -> int:
        return int(
            squeeze(g["text_span"]) in squeeze(p["sentence"])
            and float(p["value"]) == float(g["value"])
        )

    pairs = _matching(predicted, gold, agree)
    used = set(pairs.values())
    return Report(
        Score(len(pairs), len(gold), len(pairs), len(predicted)),
        [f"{g['value']} {g['text_span'][:70]!r}" for i, g in enumerate(gold) if i not in pairs],
        [
            f"{p['value']} {p.get('unit', '')} {p['sentence'][:60]!r}"
            for i, p in enumerate(predicted)
            if i not in used
        ],
    )


def score_all(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, Report]:
    """Reports for persons, person aliases, events and figures (the kinds the gold annotates:
    the dev2 gold has people only)."""
    reports: dict[str, Report] = {"persons": score_persons(predicted["persons"], gold["persons"])}
    if "events" in gold:
        reports["events"] = score_events(predicted["events"], gold["events"])
    if "figures" in gold:
        reports["figures"] = score_figures(predicted["figures"], gold["figures"])
    return reports


def totals(reports: dict[str, dict[str, Report]]) -> dict[str, Score]:
    """Scores summed over articles, by kind (with "aliases" for the person alias sets)."""
    summed: dict[str, Score] = {}
    for by_kind in reports.values():
        for kind, report in by_kind.items():
            summed[kind] = summed[kind] + report.score if kind in summed else report.score
            if isinstance(report, PersonReport):
                alias = report.aliases
                summed["aliases"] = summed["aliases"] + alias if "aliases" in summed else alias
    return summed
