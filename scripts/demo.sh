#!/usr/bin/env bash
# The main job on the bundled sample bulletins, with the embedded store (no server): installs kg into .venv,
# loads samples/ into the default store (~/.local/share/kg/store, or $KG_STORE) and asks who visited the hall.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip "setuptools>=77" wheel
.venv/bin/pip install --quiet .

.venv/bin/kg load samples/
echo
echo "Who from the Department of Commerce (商务厅) visited the service hall:"
.venv/bin/kg who-visited --dept 商务厅
echo
echo "Who from the Drug Administration (省药监局) did:"
.venv/bin/kg who-visited --dept 省药监局
