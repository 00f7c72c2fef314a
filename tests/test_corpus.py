"""The corpus generator: the same seed writes the same bytes, and every bulletin parses back to its known facts."""
import json
import re
import sys
from pathlib import Path

import pytest

# bench/ sits at the repository root next to kg/ and is not installed with it; make it importable from any cwd.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import MONTHLY, WEEKLY, generate, main  # noqa: E402
from kg.parsing import parse_text  # noqa: E402

COUNT, SEED = 30, 11
HEADER = ("series", "issue_no", "total_issue_no", "published", "copies_printed")
# A leaf item numbered like a subsection heading: （一） / (二).
CN_LEAF = re.compile(r"^[（(][一二三四五六七八九十]+[）)]$")


@pytest.fixture(scope="module")
def corpus():
    return generate(COUNT, SEED)


@pytest.fixture(scope="module")
def parsed(corpus):
    return {name: parse_text(text, name) for name, text in corpus.texts.items()}


def _reports(corpus):
    return corpus.truth["reports"]


def _item_mismatches(report, parsed_report):
    """(file, what) for every way the parsed items differ from the known ones."""
    items, known = parsed_report.items, report["items"]
    if len(items) != len(known):
        return [(report["file"], f"{len(items)} items parsed, {len(known)} known")]
    out = []
    for item, truth in zip(items, known):
        got = (item.marker, item.section, item.subsection)
        want = (truth["marker"], truth["section"], truth["subsection"])
        if got != want or not item.text.startswith(truth["text_start"]):
            out.append((report["file"], f"{got} {item.text[:25]!r} != {want} {truth['text_start']!r}"))
    return out


def test_generate_same_seed_writes_the_same_bytes(tmp_path):
    generate(12, 5, tmp_path / "a")
    generate(12, 5, tmp_path / "b")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"bulletin_{i:05d}.txt" for i in range(1, 13)] + ["truth.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_generate_in_memory_matches_the_files_written(tmp_path, corpus):
    generate(COUNT, SEED, tmp_path)
    for name, text in corpus.texts.items():
        assert (tmp_path / name).read_bytes() == text.encode("utf-8")
    assert json.loads((tmp_path / "truth.json").read_text(encoding="utf-8")) == corpus.truth


def test_generate_other_seed_writes_other_text(corpus):
    other = generate(COUNT, SEED + 1)
    same = [name for name, text in corpus.texts.items() if other.texts[name] == text]
    assert same == []


def test_generate_covers_both_series_and_the_years(corpus):
    reports = _reports(corpus)
    assert {r["series"] for r in reports} >= {WEEKLY, MONTHLY}
    assert {r["period"]["start"][:4] for r in reports} == {"2021", "2022", "2023", "2024", "2025"}
    weekly = sorted((r for r in reports if r["total_issue_no"]), key=lambda r: r["published"])
    assert all(a["total_issue_no"] < b["total_issue_no"] for a, b in zip(weekly, weekly[1:]))


def test_generate_same_official_keeps_one_organization():
    organizations = {}
    for report in generate(120, 3).truth["reports"]:
        for item in report["items"]:
            for person in item["persons"]:
                organizations.setdefault(person["name"], set()).add(person["organization"])
    assert organizations and all(len(orgs) == 1 for orgs in organizations.values())


def test_generated_bulletins_parse_with_the_known_header(corpus, parsed):
    wrong = []
    for report in _reports(corpus):
        got = parsed[report["file"]].to_dict()
        for key in HEADER + ("period", "distribution", "inspection"):
            if got[key] != report[key]:
                wrong.append((report["file"], key, got[key], report[key]))
    assert wrong == []


def test_generated_bulletins_parse_into_the_known_items(corpus, parsed):
    """Layouts whose leaf items use 1. / （1） markers: item count, markers, sections and text_start all agree."""
    wrong = []
    for report in _reports(corpus):
        if any(CN_LEAF.match(item["marker"] or "") for item in report["items"]):
            continue
        wrong += _item_mismatches(report, parsed[report["file"]])
    assert wrong == []


def test_generated_bulletins_with_numbered_leaf_items_parse_into_the_known_items(corpus, parsed):
    """Monthly and 2024 layouts, whose leaf items are numbered （一） like subsection headings."""
    wrong = []
    for report in _reports(corpus):
        if any(CN_LEAF.match(item["marker"] or "") for item in report["items"]):
            wrong += _item_mismatches(report, parsed[report["file"]])
    assert wrong == []


def test_truth_strings_are_in_the_clean_item_text(corpus, parsed):
    """Names, programs, documents, places, dates and figures in the truth are written in their item (gold rule)."""
    missing = []
    for report in _reports(corpus):
        items = parsed[report["file"]].items
        if _item_mismatches(report, parsed[report["file"]]):
            continue
        for item, truth in zip(items, report["items"]):
            strings = (truth["programs"] + truth["rejected_quotes"] + truth["documents"] + truth["places"]
                       + [p["name"] for p in truth["persons"]] + ([truth["date"]["surface"]] if truth["date"] else []))
            missing += [(report["file"], s) for s in strings if s not in item.text and s != "增值化改革"]
        for stat in report["statistics"]:
            if stat["surface"] not in items[stat["item"]].text:
                missing.append((report["file"], stat["surface"]))
    assert missing == []


def test_truth_has_the_gold_shape(corpus):
    truth = corpus.truth
    assert set(truth) == {"generator", "departments", "reports"}
    report = _reports(corpus)[0]
    assert {"file", "series", "issue_no", "total_issue_no", "published", "period", "publisher", "copies_printed",
            "distribution", "sections", "items", "visits", "statistics", "inspection", "notes"} <= set(report)
    for report in _reports(corpus):
        for item in report["items"]:
            assert len(item["text_start"]) <= 25
            assert set(item["organizations"]) <= set(truth["departments"])


def test_main_writes_bulletins_and_truth(tmp_path, capsys):
    assert main(["--count", "3", "--seed", "1", "--out", str(tmp_path / "out")]) == 0
    truth = json.loads((tmp_path / "out" / "truth.json").read_text(encoding="utf-8"))
    assert [r["file"] for r in truth["reports"]] == ["bulletin_00001.txt", "bulletin_00002.txt", "bulletin_00003.txt"]
    assert "wrote 3 bulletins" in capsys.readouterr().err
