"""Helpers for the tests of stores, loading, queries and exports (not tests themselves)."""
from pathlib import Path

import pyoxigraph
from click.testing import CliRunner

from kg import loading
from kg.cli import main
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def kg(*args, env=None):
    """Run the kg command in-process, with KG_STORE unset unless `env` sets it (None unsets a variable)."""
    return CliRunner().invoke(main, [str(a) for a in args], env={"KG_STORE": None, **(env or {})},
                              catch_exceptions=False)


def load_samples(path) -> loading.Summary:
    """A fresh embedded store at `path` holding the sample bulletins."""
    with OxigraphStore(path) as store:
        return loading.load([SAMPLES], store)


def default_graph(store: OxigraphStore) -> set:
    """The triples of the store's default graph (what queries read), as a set of pyoxigraph triples."""
    quads = store.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    return {(q.subject, q.predicate, q.object) for q in quads}


def named_graphs_union(store: OxigraphStore) -> set:
    """The union of the store's named graphs (the files' graphs and the ontology)."""
    union = set()
    for name in store.store.named_graphs():
        union |= {(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, name)}
    return union


def write_bulletin(folder, name, text) -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path
