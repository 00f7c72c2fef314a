#!/usr/bin/env bash
# The main job on the bundled sample bulletins, with the embedded store (no server):
# installs kg into .venv, loads samples/ into the default store and asks who visited the hall.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet .

.venv/bin/kg extract samples/ --format table
