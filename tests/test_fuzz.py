"""Any text gives a report or a clear error, never a crash, and never a runaway regular expression:
random Unicode, and the sample bulletins cut, spliced, duplicated and sprinkled with noise."""
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.errors import InputError
from kg.extraction import extract_report
from kg.parsing import parse_text

SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))]
# Far above the ~10 ms a real bulletin takes: only catastrophic backtracking can reach it.
SECONDS_PER_REPORT = 5


@contextmanager
def time_limit(seconds):
    def alarm(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def parse_and_extract(text):
    with time_limit(SECONDS_PER_REPORT):
        try:
            report = parse_text(text, "fuzz.txt")
        except InputError as e:
            assert str(e).startswith("fuzz.txt: ")
            return None
        return extract_report(report)


@st.composite
def mutated_bulletins(draw):
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["cut", "insert", "duplicate", "delete"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        if action == "cut":
            text = text[:i]
        elif action == "insert":
            text = text[:i] + draw(st.text(max_size=30)) + text[i:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(1, 20)) + text[j:]
        else:
            text = text[:i] + text[j:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_bulletins())
def test_extract_survives_mutated_bulletins(text):
    parse_and_extract(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_extract_survives_random_unicode(text):
    parse_and_extract(text)


@pytest.mark.parametrize("pathological", [
    "一、标题\n\n" + "省" * 20000,                                 # one huge line of a repeated character
    "2024年第1期\n\n一、标题\n\n" + "副厅长" * 5000,                # titles without a name
    "2024年第1期\n\n一、标题\n\n" + ("“" * 3000) + "行动",          # unbalanced quotes
    "2024年第1期\n\n一、标题\n\n" + "3月3日—" * 3000,               # a range that never ends
    "2024年第1期\n\n一、标题\n\n" + "成都市" * 4000 + "局",         # a place repeated before a body word
])
def test_extract_stays_fast_on_pathological_text(pathological):
    parse_and_extract(pathological)


# --- whole files: any bytes under any bulletin suffix (issue 7) --------------------------------------------------

SAMPLE_BYTES = [p.read_bytes() for p in sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))]


@st.composite
def file_bytes(draw):
    """Random bytes, a sample bulletin's bytes cut, flipped or spliced (so also cut inside a character, or in
    another encoding), or bytes behind a PDF or zip signature."""
    kind = draw(st.sampled_from(["random", "sample", "pdf", "zip", "gb18030"]))
    if kind == "random":
        return draw(st.binary(max_size=4096))
    if kind in ("pdf", "zip"):
        return (b"%PDF-1.4\n" if kind == "pdf" else b"PK\x03\x04") + draw(st.binary(max_size=2048))
    data = draw(st.sampled_from(SAMPLE_BYTES))
    if kind == "gb18030":
        data = data.decode("utf-8").encode("gb18030")
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "flip", "insert"]))
        if action == "cut":
            data = data[:i]
        elif action == "flip" and i < len(data):
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
        else:
            data = data[:i] + draw(st.binary(max_size=16)) + data[i:]
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=file_bytes(), suffix=st.sampled_from([".txt", ".pdf", ".docx", ".TXT"]))
def test_any_file_gives_a_report_or_one_clear_error(data, suffix):
    import tempfile
    from kg.pipeline import run
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        with time_limit(SECONDS_PER_REPORT):
            [result] = run([str(path)])
        if not result.ok:
            assert str(result.error).startswith(f"{path}: ") and "\n" not in str(result.error)
        else:
            assert result.report.items is not None and result.facts is not None
