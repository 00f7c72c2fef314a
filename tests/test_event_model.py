"""The event-type model: its features, its training and packing, and the shipped model's provenance."""
import json
import random
import subprocess
import sys
from pathlib import Path

from kg import gazetteer
from kg.extraction import Extractor, event_model
from kg.extraction.event_model import EventTypeModel, features, train
from kg.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent


def facts(text, mentions=(), persons=(), places=(), event="service", section="二、窗口工作动态"):
    return {"text": text, "event_type": event, "section": section, "subsection": None,
            "mentions": [{"surface": s} for s in mentions], "persons": [{"name": n} for n in persons],
            "places": list(places), "documents": []}


def test_features_read_bodies_persons_places_and_digits_as_placeholders():
    found = features(facts("8月8日，省林草局窗口赴德阳市为张明开展培训。", mentions=["省林草局"], persons=["张明"],
                           places=["德阳市"]), has_figures=False)
    assert {"0月0", "，机窗", "赴地为", "为人开"} <= set(found)
    assert not any(name in f for f in found for name in ("林草", "德阳", "张明", "8"))
    assert {"\trule service", "\tpersons 1", "\tdocuments 0", "\tfigures False", "\tsection 窗口"} <= set(found)


def test_features_read_only_the_opening():
    found = features(facts("本周，窗口开展政策宣讲。" + "办理" * 100 + "座谈会"), has_figures=False)
    assert "座谈会" not in found and "宣讲" in found


def test_training_learns_types_from_the_words_that_tell_them():
    examples = [(features(facts(f"{day}日，窗口组织召开{topic}{noun}。"), False), kind)
                for day in range(1, 29) for topic in ("业务", "安全", "政策")
                for noun, kind in (("座谈会", "meeting"), ("培训班", "training"), ("宣讲会", "publicity"))]
    model = train(examples, min_count=2)
    assert model.predict(features(facts("9日，窗口组织召开消防培训班。"), False)) == "training"
    assert model.predict(features(facts("9日，窗口组织召开消防座谈会。"), False)) == "meeting"
    assert model.predict(["never seen"]) is None


def test_packed_weights_add_up_like_the_plain_sums():
    rng = random.Random(3)
    types = ["a", "b", "c", "d"]
    weights = {f"f{i}": [rng.randint(-9000, 9000) for _ in types] for i in range(300)}
    model = EventTypeModel(types, weights)
    for _ in range(200):
        found = rng.sample(sorted(weights), rng.randint(1, 250)) + ["unknown"]
        totals = [sum(weights[f][i] for f in found if f in weights) for i in range(len(types))]
        assert model.predict(found) == types[totals.index(max(totals))]


def test_a_model_survives_its_json():
    model = train([(["x", "y"], "meeting"), (["x", "z"], "training")] * 10, min_count=1)
    again = EventTypeModel.from_json(model.to_json({"trained_on": []}))
    assert again.to_json({"trained_on": []}) == model.to_json({"trained_on": []})
    assert [again.predict(f) for f in (["y"], ["z"])] == ["meeting", "training"]


def test_the_shipped_model_was_trained_on_every_held_out_set():
    about = json.loads((ROOT / "kg" / "extraction" / "event_types.json").read_text(encoding="utf-8"))["about"]
    sets = sorted(p.parent.name for p in (ROOT / "tests" / "data").glob("heldout*/gold.json"))
    assert sorted(about["trained_on"]) == sets, "a held-out set was added or removed: run scripts/train_event_types.py"


def test_the_shipped_model_is_what_the_training_script_makes(tmp_path):
    out = tmp_path / "event_types.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_event_types.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (ROOT / "kg" / "extraction" / "event_types.json").read_bytes()


def test_the_model_changes_only_the_reported_event_type():
    gaz = gazetteer.load()
    rules, learned = Extractor(gaz), Extractor(gaz, event_model.load())
    changed = 0
    for path in sorted((ROOT / "tests" / "data" / "heldout150").glob("*.txt")):
        report = parse_file(str(path))
        a, b = rules.extract(report), learned.extract(report)
        changed += sum(x["event_type"] != y["event_type"] for x, y in zip(a["items"], b["items"]))
        for x in a["items"] + b["items"]:
            x.pop("event_type")
        assert a == b
    assert changed > 0
