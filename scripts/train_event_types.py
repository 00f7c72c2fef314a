"""Train the event-type model (kg/extraction/event_model.py) on the gold of the held-out sets.

    .venv/bin/python scripts/train_event_types.py            # writes kg/extraction/event_types.json
    .venv/bin/python scripts/train_event_types.py --folds 5  # first: how the model does on sets it was not trained on

Every bulletin of tests/data/heldout*/ is parsed and extracted with the rules alone; each extracted item is matched
to its gold item as the scorer matches them (the first 12 characters, whitespace and ** dropped), and the pair
(features, gold type) is one example. The seeds' gold (tests/data/gold_seeds.json) is never trained on: it is
reported as a check. With --folds K the sets are split into K groups; each group is scored by a model trained on
the others, beside the rules' score of the same items. Same gold -> the same model, byte for byte.
"""
import argparse
import json
import re
from pathlib import Path

from kg import gazetteer
from kg.extraction import Extractor, event_model
from kg.extraction.statistics import holds_figures
from kg.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MODEL = ROOT / "kg" / "extraction" / "event_types.json"
SQUASH = re.compile(r"\s+|\*")


def key(text):
    return SQUASH.sub("", text or "")[:12]


def examples(extractor, gold_path, folder):
    """(features, gold type) of every item of the bulletins of one gold file that matches a gold item."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out = []
    for report in gold["reports"]:
        wanted = {key(item["text_start"]): item["event_type"] for item in report["items"]}
        facts = extractor.extract(parse_file(str(folder / report["file"])))
        for item in facts["items"]:
            gold_type = wanted.get(key(item["text"]))
            if gold_type:
                out.append((event_model.features(item, holds_figures(item["text"])), gold_type,
                            item["event_type"]))
    return out


def accuracy(model, rows):
    right = sum((model.predict(found) if model else rule) == gold for found, gold, rule in rows)
    return right / len(rows) if rows else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=0, help="report K-fold accuracy before writing the model")
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    extractor = Extractor(gazetteer.load())  # no model: the rules' types are a feature
    sets = sorted((p.parent for p in DATA.glob("heldout*/gold.json")), key=lambda p: int(p.name[7:] or 1))
    rows = {folder.name: examples(extractor, folder / "gold.json", folder) for folder in sets}
    seeds = examples(extractor, DATA / "gold_seeds.json", ROOT / "samples")
    total = sum(len(r) for r in rows.values())
    print(f"{total} items of {len(sets)} held-out sets; {len(seeds)} items of the seeds")
    for k in range(args.folds):
        held = [name for i, name in enumerate(rows) if i % args.folds == k]
        test = [row for name in held for row in rows[name]]
        model = event_model.train([(f, g) for name in rows if name not in held for f, g, _ in rows[name]])
        print(f"fold {k + 1}/{args.folds}: {len(held)} sets, {len(test)} items: rules {accuracy(None, test):.3f},"
              f" model {accuracy(model, test):.3f}")
    model = event_model.train([(f, g) for r in rows.values() for f, g, _ in r])
    print(f"seeds (never trained on): rules {accuracy(None, seeds):.3f}, model {accuracy(model, seeds):.3f}")
    about = {"trained_on": [s.name for s in sets], "items": total,
             "made_by": "scripts/train_event_types.py (see kg/extraction/event_model.py)"}
    args.out.write_text(model.to_json(about), encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} features, {args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
