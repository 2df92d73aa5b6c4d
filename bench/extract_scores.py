"""Extraction precision and recall per article and per set (bundled, own, shared, dev, dev2) against
gold (dev2 has people only).

Run: python bench/extract_scores.py [-v] [--only NAME]
People are scored one to one with their alias sets; events and figures one to one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "content"))

from gold_scoring import (  # noqa: E402
    BUNDLED,
    DEV2,
    OWN,
    SHARED,
    dev_articles,
    load_gold,
    score_all,
    totals,
)

from studyapp.content.bundled import bundled_articles  # noqa: E402
from studyapp.content.extraction import extract, extraction_to_json  # noqa: E402
from studyapp.content.loaders import load_article  # noqa: E402

KINDS = ("persons", "aliases", "events", "figures")


def _sets() -> dict[str, dict[str, tuple[object, Path]]]:
    """Set name -> gold stem -> (article, gold folder)."""
    bundled = {article.key: article for article in bundled_articles()}
    gold_dir = ROOT / "tests" / "content" / "gold"
    sets = {
        "bundled": {key: (bundled[name], gold_dir) for key, name in BUNDLED.items()},
        "own": {key: (path, gold_dir) for key, path in OWN.items()},
        "shared": {key: (path, gold_dir) for key, path in SHARED.items() if path.is_file()},
        "dev": {key: (path, path.parent / "gold") for key, path in dev_articles().items()},
        "dev2": {key: (path, gold_dir) for key, path in DEV2.items()},
    }
    return {name: items for name, items in sets.items() if items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    parser.add_argument("--only", help="score only articles whose gold stem contains this")
    parser.add_argument("--set", help="score only this set (bundled, own, shared, dev, dev2)")
    args = parser.parse_args()
    started = time.perf_counter()
    overall = {}
    for set_name, items in _sets().items():
        if args.set and set_name != args.set:
            continue
        reports = {}
        for key, (source, gold_dir) in items.items():
            if args.only and args.only not in key:
                continue
            article = load_article(source) if isinstance(source, Path) else source
            predicted = extraction_to_json(extract(article))
            reports[key] = score_all(predicted, load_gold(key, gold_dir))
            persons = reports[key]["persons"]
            print(f"{set_name:7} {key:36} persons {persons.score}  aliases {persons.aliases}")
            for kind in ("events", "figures")[: len(reports[key]) - 1]:
                print(f"{'':44} {kind:7} {reports[key][kind].score}")
            if args.verbose:
                for kind, report in reports[key].items():
                    for item in report.missed:
                        print(f"{'':8}{kind} missed: {item}")
                    for item in report.wrong:
                        print(f"{'':8}{kind} wrong:  {item}")
                for item in persons.alias_errors:
                    print(f"{'':8}aliases: {item}")
        if not reports:
            continue
        summed = totals(reports)
        overall[set_name] = summed
        for kind in KINDS:
            if kind in summed:
                print(f"{set_name:7} {'ALL':36} {kind:8} {summed[kind]}")
        print()
    print("summary")
    for set_name, summed in overall.items():
        print(
            f"  {set_name:8}"
            + "  ".join(
                f"{kind} R {summed[kind].recall:.2f} P {summed[kind].precision:.2f}"
                for kind in KINDS
                if kind in summed
            )
        )
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
