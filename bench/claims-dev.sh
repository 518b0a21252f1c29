#!/bin/sh
# The claim checker on the development set, exactly as ../shared/claims-dev/README.md runs it: score.py
# starts `node bin/dyad.js check FILE --date DATE --json` once per article against the store in DYAD_HOME
# (build it with `npx dyad setup`). Prints verdicts, the share of unfounded verdicts and the recall.
# bench/claims-dev.ts gives the same figures in one process (faster while developing).
set -e
cd "$(dirname "$0")/.."
DEV="${DYAD_SOURCES:-../shared/data}/../claims-dev"
uptime
python3 "$DEV/score.py" "$@"
