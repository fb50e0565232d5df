#!/usr/bin/env bash
# Peak memory of `psym score` when every row has problems, and the time to match a header of
# 100,000 distinct columns (issue 10, point 5). Prints one line per measurement; the figures
# are recorded in docs/benchmarks.md.
#
# Usage: crates/score/benches/score_memory.sh [PSYM_BINARY]   (default: target/release/psym)
# Needs GNU time (/usr/bin/time) and awk; writes its files to a temporary folder it removes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
psym="$(realpath "${1:-target/release/psym}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
instrument="$PWD/instruments/open-alliance-12.json"

# rows whose every answer problem is the same: i1 out of range, i2 not a number
bad_rows() {
    awk -v n="$1" 'BEGIN {
        print "id,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10,i11,i12"
        for (r = 1; r <= n; r++) printf "r%d,8,x,3,4,5,6,7,1,2,3,4,5\n", r
    }' > "$2"
}

for rows in 100000 1000000; do
    bad_rows "$rows" "$work/bad.csv"
    for format in csv json; do
        # exit status 1 (rows with problems) is expected
        /usr/bin/time -o "$work/time" -f "%M" "$psym" score --instrument "$instrument" \
            "$work/bad.csv" --format "$format" > /dev/null 2> /dev/null || true
        kb=$(tail -n 1 "$work/time")
        echo "score, $rows rows with 2 problems each, $format: peak ${kb} KB"
    done
done

# a header of 100,000 distinct columns (the 12 items among them, in upper case, near the end)
awk 'BEGIN {
    printf "id"
    for (k = 1; k <= 100000; k++) printf ",c%d", k
    for (i = 1; i <= 12; i++) printf ",I%d", i
    printf "\nr1"
    for (k = 1; k <= 100000; k++) printf ",0"
    for (i = 1; i <= 12; i++) printf ",4"
    printf "\n"
}' > "$work/wide.csv"
start=$(date +%s%N)
"$psym" score --instrument "$instrument" "$work/wide.csv" > /dev/null
end=$(date +%s%N)
echo "score, header of 100,012 columns: $(( (end - start) / 1000000 )) ms"
