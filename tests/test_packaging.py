"""A plain (non-editable) install carries everything kg needs: the extraction package, the ontology, the
gazetteers, the canned queries and the loaders inside the kg namespace, with no top-level `loaders` module."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("kg-*.whl"))


def test_wheel_ships_code_and_data_inside_the_kg_namespace(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("kg/extraction/__init__.py", "kg/loaders/triples.py", "kg/ontology/kg.ttl",
                     "kg/ontology/shapes.ttl", "kg/ontology/gazetteer/organizations.json",
                     "kg/queries/who-visited.rq", "kg/queries/who-visited.cypher"):
        assert required in names
    assert not any(n.startswith(("loaders/", "ontology/", "queries/")) for n in names)


def test_wheel_runs_kg_extract_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    sample = ROOT / "samples" / "000_080c0ab74c611cee.txt"
    result = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "extract", str(sample),
                             "--format", "jsonl"], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "梁勇" in result.stdout
