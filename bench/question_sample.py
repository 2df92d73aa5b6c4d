"""A seeded random sample of the default questions of some articles, for a blind read.

    python bench/question_sample.py --seed 7 --count 120 OUT.md ARTICLE...

Every kind the generator produced is represented; the rest of the sample is drawn at
random. With ``--more`` the "more" questions (ranked out of the study set) fill the sample
beyond the study set, mixed in, and the score is given per set as well. The Markdown file lists each question with its choices and stated answer and
the passage it came from, numbered, for a reader who has not seen the code; a JSON
file beside it keeps the same items for scoring (``--score VERDICTS.json`` prints the
acceptable rate per kind and per "about" from the reader's verdicts).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyapp.content.extraction import extract  # noqa: E402
from studyapp.content.loaders import load_article  # noqa: E402
from studyapp.questions import generate  # noqa: E402


def _items(paths: list[str], more: bool) -> list[dict]:
    items = []
    for path in paths:
        article = load_article(path)
        for record in generate(article, extract(article)):
            if record.extra and not more:
                continue
            source = record.source
            items.append(
                {
                    "article": path,
                    "set": "more" if record.extra else "study",
                    "kind": record.kind,
                    "about": record.about,
                    "prompt": record.prompt,
                    "answer": record.answer,
                    "payload": record.payload,
                    "passage": article.passages[source.passage] if source else "",
                }
            )
    return items


def _sample(items: list[dict], count: int, seed: int) -> list[dict]:
    """Every study-set question when they fit in ``count``, else one of each kind and the rest
    at random; "more" questions fill what is left."""
    study = [item for item in items if item["set"] == "study"]
    more = [item for item in items if item["set"] == "more"]
    chosen = _drawn(study, count, seed)
    chosen += _drawn(more, count - len(chosen), seed)
    random.Random(seed).shuffle(chosen)  # the reader cannot tell the two sets apart
    return chosen


def _drawn(items: list[dict], count: int, seed: int) -> list[dict]:
    if count <= 0 or not items:
        return []
    rng = random.Random(seed)
    by_kind = collections.defaultdict(list)
    for item in items:
        by_kind[item["kind"]].append(item)
    chosen = [rng.choice(group) for _, group in sorted(by_kind.items())]
    rest = [item for item in items if item not in chosen]
    rng.shuffle(rest)
    chosen += rest[: max(0, count - len(chosen))]
    rng.shuffle(chosen)
    return chosen


def _markdown(items: list[dict], first: int = 1) -> str:
    lines = ["# Questions to judge", ""]
    for number, item in enumerate(items, start=first):
        payload = item["payload"]
        lines.append(f"## {number}. ({item['kind']}) from `{Path(item['article']).name}`")
        lines.append("")
        lines.append(f"**Question:** {item['prompt']}")
        if item["kind"] == "choice":
            for index, choice in enumerate(payload["choices"]):
                lines.append(f"- {'ABCD'[index]}. {choice}")
        if item["kind"] == "order":
            lines.append("Items (shown shuffled to the learner): " + " | ".join(payload["items"]))
        if item["kind"] == "match":
            lines.append("Pairs (shown shuffled): " + " | ".join(f"{a} ↔ {b}" for a, b in payload["pairs"]))
        if item["kind"] == "cloze":
            lines.append("(The learner sees the sentence with the {{c1::…}} part blanked out.)")
        lines.append(f"**Stated answer:** {item['answer']}")
        lines.append(f"**Source passage:** {item['passage']}")
        lines.append("")
    return "\n".join(lines)


def _score(sample_path: Path, verdicts_path: Path) -> None:
    items = json.loads(sample_path.read_text())
    verdicts = {}
    for path in sorted(verdicts_path.parent.glob(verdicts_path.name)):  # a glob joins parts
        verdicts.update({v["number"]: v for v in json.loads(path.read_text())})
    for field in ("set", "kind", "about"):
        totals: collections.Counter[str] = collections.Counter()
        good: collections.Counter[str] = collections.Counter()
        for number, item in enumerate(items, start=1):
            totals[item.get(field, "study")] += 1
            good[item.get(field, "study")] += bool(verdicts[number]["acceptable"])
        print(f"by {field}:")
        for key in sorted(totals):
            print(f"  {key:14} {good[key]:3}/{totals[key]:<3} {good[key] / totals[key]:.0%}")
    accepted = sum(bool(v["acceptable"]) for v in verdicts.values())
    print(f"overall: {accepted}/{len(items)} = {accepted / len(items):.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("articles", nargs="*")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--score", type=Path, help="the reader's verdicts (JSON) for OUT's sample")
    parser.add_argument("--parts", type=int, default=1, help="split the Markdown for several readers")
    parser.add_argument("--more", action="store_true", help='fill the sample with "more" questions')
    args = parser.parse_args()
    sample_path = args.out.with_suffix(".json")
    if args.score:
        _score(sample_path, args.score)
        return
    items = _sample(_items(args.articles, args.more), args.count, args.seed)
    size = -(-len(items) // args.parts)
    for part in range(args.parts):
        chunk = items[part * size : (part + 1) * size]
        name = args.out if args.parts == 1 else args.out.with_name(f"{args.out.stem}-{part + 1}.md")
        name.write_text(_markdown(chunk, first=part * size + 1), encoding="utf-8")
    sample_path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(items)} questions from {len(args.articles)} articles -> {args.out}")
    print("kinds:", dict(collections.Counter(item["kind"] for item in items)))


if __name__ == "__main__":
    main()
