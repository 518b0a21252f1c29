#!/bin/bash
# Whole-process times of the CLI: median wall and CPU (user + sys) of N runs of each command, with the
# load average after them. Built (dist/, from `npm run build`) and from the sources (tsx) side by side.
# usage: bench/cli-start.sh [N]   (from the repository root, with a store in DYAD_HOME or .dyad)
N=${1:-5}
SEED=../shared/seed/welt-2025-china-russland.txt
run() {
  local label="$1"; shift
  local walls=() cpus=()
  for _ in $(seq "$N"); do
    /usr/bin/time -o /tmp/dyad-cli-time -f "%e %U %S" "$@" >/dev/null 2>&1
    walls+=("$(awk '{print $1}' /tmp/dyad-cli-time)")
    cpus+=("$(awk '{print $2 + $3}' /tmp/dyad-cli-time)")
  done
  local mid=$(((N + 1) / 2))
  echo "| $label | $(printf "%s\n" "${walls[@]}" | sort -n | sed -n "${mid}p") s | $(printf "%s\n" "${cpus[@]}" | sort -n | sed -n "${mid}p") s | $(cut -d' ' -f1 /proc/loadavg) |"
}
echo "| command | wall | CPU | load (1 min) |"
echo "|---|---|---|---|"
run "node -e 0" node -e 0
run "node: require DuckDB's package only" node -e "require('@duckdb/node-api')"
run "dyad --help (built)" node bin/dyad.js --help
run "dyad --help (tsx)" env DYAD_FROM_SOURCES=1 node bin/dyad.js --help
run "dyad value trade.export_share RUS CHN 2020 (built)" node bin/dyad.js value trade.export_share RUS CHN 2020
run "dyad value … (tsx)" env DYAD_FROM_SOURCES=1 node bin/dyad.js value trade.export_share RUS CHN 2020
run "dyad check seed (built)" node bin/dyad.js check "$SEED" --date 2025-05-08
run "dyad check seed (tsx)" env DYAD_FROM_SOURCES=1 node bin/dyad.js check "$SEED" --date 2025-05-08
