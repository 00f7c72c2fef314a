#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs kg with its test dependencies into .venv,
# lets the suite build and start a real Neo4j (Maven Central jars, see tests/neo4j_fixture.py)
# and Chromium for the browser test, then runs pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip "setuptools>=77" wheel
.venv/bin/pip install --quiet -e '.[test]'

# The browser test drives Debian's Chromium, and charts and screenshots need a CJK font; install them when we
# can (root with apt). Without them the browser test skips (fails in CI) and charts fall back to ASCII labels.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    missing=""
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    fc-list :lang=zh 2>/dev/null | grep -q . || missing="$missing fonts-noto-cjk"
    if [ -n "$missing" ]; then
        (apt-get update -qq && apt-get install -y -qq $missing >/dev/null) || echo "note: could not install$missing" >&2
    fi
fi

# In CI a missing Neo4j or browser is a failure, not a skip.
if [ "${CI:-}" = "true" ]; then
    export KG_TEST_NEO4J_REQUIRED=1
fi
exec .venv/bin/python -m pytest "$@"
