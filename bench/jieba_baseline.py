"""What a general Chinese tagger gets on the same gold: jieba's posseg person tags (nr) against kg's persons.

Writes a prediction file whose items carry jieba's person names, scores it with the dev scorer, and prints
the persons line for both, side by side with extraction throughput in reports per second in the same run.

    python -m bench.jieba_baseline [--gold ../shared/gold/seeds.json] [--scorer ../shared/tools/score.py] samples/*.txt
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.extraction import extract_report
from kg.parsing import parse_report
from kg.reading import read_source


def jieba_persons(text):
    import jieba.posseg
    out = []
    for word, flag in jieba.posseg.cut(text):
        if flag == "nr" and word not in out:
            out.append(word)
    return out


def score(scorer, gold, predictions):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(predictions, f, ensure_ascii=False)
    result = subprocess.run([sys.executable, scorer, "--gold", gold, "--pred", f.name],
                            capture_output=True, text=True, check=True)
    Path(f.name).unlink()
    return next(line for line in result.stdout.splitlines() if line.startswith("persons "))


def throughput(function, texts, repeat):
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            function(text)
    return repeat * len(texts) / (time.perf_counter() - start)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--gold", default="../shared/gold/seeds.json")
    ap.add_argument("--scorer", default="../shared/tools/score.py")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args(argv)
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()

    sources = [read_source(f) for f in args.files]
    ours, theirs = [], []
    for source in sources:
        facts = extract_report(parse_report(source))
        ours.append(facts)
        theirs.append({"file": facts["file"], "items": [
            {"text": item["text"], "persons": [{"name": n} for n in jieba_persons(item["text"])]}
            for item in facts["items"]]})
    print(f"kg extract     {score(args.scorer, args.gold, ours)}")
    print(f"jieba posseg   {score(args.scorer, args.gold, theirs)}")

    texts = [s.text for s in sources]
    kg_rate = throughput(lambda t: extract_report(parse_report(type(sources[0])("x.txt", t, ""))), texts, args.repeat)
    jieba_rate = throughput(lambda t: list(__import__("jieba.posseg").posseg.cut(t)), texts, max(1, args.repeat // 4))
    print(f"throughput     kg parse+extract {kg_rate:.0f} reports/s; jieba posseg {jieba_rate:.1f} reports/s; "
          f"ratio {kg_rate / jieba_rate:.1f}x")


if __name__ == "__main__":
    main()
