"""An item's event type as learned from annotated bulletins.

The rules in events.py read an item's first activity from cue words; annotators also weigh what the activity is for
(a 培训 of applicants is service, a list of matters is policy), which no short list of cues captures. This model is an
averaged perceptron (one weight per feature and type, summed; the type with the highest sum wins) over:

- the pairs and triples of characters of the item's opening (digits read as 0, whitespace dropped, and each body,
  person and place found in it read as one placeholder character: 机, 人, 地),
- the pairs of characters of its section and subsection titles,
- the type the rules give, and whether the item names persons, documents or figures.

It is trained by `scripts/train_event_types.py` on the gold annotations of tests/data/heldout*/ (never on the seeds,
which stay a check of it) and shipped as kg/extraction/event_types.json. The rules' type still steers everything
else in an item (roles, actors, statistics); the model only decides the type that is reported.
"""
import json
import random
import re
from functools import lru_cache
from importlib import resources

OPENING = 60  # the characters of an item that speak to its type: what it opens with
WHITESPACE = re.compile(r"\s+")
DIGIT = re.compile(r"\d")


def features(facts, has_figures):
    """The features of one extracted item (the dict of Extractor.item_facts, its type still the rules'). The
    opening's character n-grams are their own names; the other features start with a tab, which no opening holds."""
    opening = facts["text"][:2 * OPENING]
    # which body, person or place did it says little of what was done: each is read as one placeholder character
    names = [(m["surface"], "机") for m in facts["mentions"]] + [(p["name"], "人") for p in facts["persons"]] \
        + [(place, "地") for place in facts["places"]]
    for name, placeholder in sorted((n for n in names if n[0]), key=lambda n: -len(n[0])):
        opening = opening.replace(name, placeholder)
    opening = DIGIT.sub("0", WHITESPACE.sub("", opening))[:OPENING]
    found = [opening[i:i + n] for n in (2, 3) for i in range(len(opening) - n + 1)]
    found += ("\tbias", "\trule " + facts["event_type"], f"\tpersons {min(len(facts['persons']), 3)}",
              f"\tdocuments {min(len(facts['documents']), 2)}", f"\tfigures {has_figures}")
    found += _title_features(facts.get("section") or "", facts.get("subsection") or "")
    return found


@lru_cache(maxsize=256)
def _title_features(section, subsection):
    """The pairs of characters of the section and subsection titles (the items of a section share them)."""
    found = []
    for key, title in (("section", WHITESPACE.sub("", section)), ("subsection", WHITESPACE.sub("", subsection))):
        found += [f"\t{key} {title[i:i + 2]}" for i in range(len(title) - 1)]
    return tuple(found)


# Each feature's weights, one per type, are whole hundredths; the model packs them into one integer, FIELD bits per
# type, each raised by OFFSET so that no field is negative. Adding the packed integers of an item's features adds
# every type's weights at once (one Python int sum instead of a sum per type), and the item's total per type is its
# field less OFFSET times the number of features added (48 bits hold the sum of millions of features).
SCALE = 100
FIELD = 48
OFFSET = 1 << 24
MASK = (1 << FIELD) - 1


class EventTypeModel:
    """Weights by feature (whole hundredths), one per type in `types`."""

    def __init__(self, types, weights):
        self.types = list(types)
        self.weights = weights
        self.packed = {f: sum((x + OFFSET) << (FIELD * i) for i, x in enumerate(w)) for f, w in weights.items()}

    def predict(self, found):
        """The type whose weights over the features `found` add up highest (the first on a tie), or None when no
        feature is known."""
        hits = [p for p in map(self.packed.get, found) if p is not None]
        if not hits:
            return None
        total, base = sum(hits), len(hits) * OFFSET
        scores = [((total >> (FIELD * i)) & MASK) - base for i in range(len(self.types))]
        return self.types[scores.index(max(scores))]

    def to_json(self, about):
        """The model as JSON, with `about` (how it was trained) kept beside the weights."""
        return json.dumps({"about": about, "types": self.types, "weights": dict(sorted(self.weights.items()))},
                          ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        return cls(data["types"], data["weights"])


def load():
    """The shipped model, or None when there is none (the rules' types are then reported)."""
    path = resources.files("kg.extraction").joinpath("event_types.json")
    return EventTypeModel.from_json(path.read_text(encoding="utf-8")) if path.is_file() else None


def train(examples, epochs=10, seed=0, min_count=10):
    """An averaged perceptron from `examples`, (features, gold type) pairs; features seen in fewer than `min_count`
    examples are left out. Averaging keeps, beside each weight, the sum of the update times (`stamps`), so that the
    average over all steps is weight - stamps / steps without a pass over every weight at every step."""
    counts = {}
    for found, _ in examples:
        for f in set(found):
            counts[f] = counts.get(f, 0) + 1
    kept = [([f for f in found if counts[f] >= min_count], gold) for found, gold in examples]
    types = sorted({gold for _, gold in examples})
    index = {t: i for i, t in enumerate(types)}
    weights, stamps = {}, {}
    order = list(range(len(kept)))
    rng = random.Random(seed)
    step = 1
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            found, gold = kept[k]
            vectors = [w for w in map(weights.get, found) if w is not None]
            totals = [sum(column) for column in zip(*vectors)] if vectors else [0.0] * len(types)
            guess = totals.index(max(totals))
            if guess != index[gold]:
                for f in found:
                    w = weights.setdefault(f, [0.0] * len(types))
                    s = stamps.setdefault(f, [0.0] * len(types))
                    w[index[gold]] += 1
                    s[index[gold]] += step
                    w[guess] -= 1
                    s[guess] -= step
            step += 1
    averaged = {f: [round((w - s / step) * SCALE) for w, s in zip(weights[f], stamps[f])] for f in weights}
    return EventTypeModel(types, {f: w for f, w in averaged.items() if any(w)})
