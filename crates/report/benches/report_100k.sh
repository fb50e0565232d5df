#!/usr/bin/env bash
# Time and peak memory of the whole `psym report` process (issue 14, performance): the bundled
# alliance example (1,000 × 12, two languages, every section; target under 1 s), and the same
# answers repeated to 100,000 respondents with fresh ids (target under 10 s and 500 MB).
# Prints one line per run; the figures are recorded in docs/benchmarks.md.
#
# Usage: crates/report/benches/report_100k.sh [PSYM_BINARY]   (default: target/release/psym)
# Needs GNU time (/usr/bin/time) and awk; writes its files to a temporary folder it removes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
psym="$(realpath "${1:-target/release/psym}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

awk -F, 'NR == 1 { print; next } { rows[NR] = $0 } END {
    for (k = 0; k < 100; k++)
        for (r = 2; r <= NR; r++) {
            line = rows[r]
            sub(/^"[^"]*"/, "\"B" k "-" r "\"", line)
            print line
        }
}' docs/examples/alliance_en_nb.csv > "$work/alliance_100k.csv"

run() {
    /usr/bin/time -f "$1: %e s, %M KB peak resident" "$psym" report \
        --instrument instruments/open-alliance-12.json "$2" --group lang --out "$work/report.html"
}
run "1,000 respondents" docs/examples/alliance_en_nb.csv
run "100,000 respondents" "$work/alliance_100k.csv"
