#!/usr/bin/env bash
# Time and peak memory of `psym careless` on 1,000,000 respondents × 36 items (issue 15,
# point 1: under 5 s, constant memory), and on 100,000 rows for the memory comparison.
# Prints one line per run; the figures are recorded in docs/benchmarks.md.
#
# Usage: crates/careless/benches/careless_1m.sh [PSYM_BINARY]   (default: target/release/psym)
# Needs GNU time (/usr/bin/time) and awk; writes its files to a temporary folder it removes.
set -euo pipefail
cd "$(dirname "$0")/../../.."
psym="$(realpath "${1:-target/release/psym}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 36 items on 1–7 in six scales of six, every fifth item reverse-keyed
awk 'BEGIN {
    printf "{\"id\": \"bench36\", \"version\": \"1\", \"source_language\": \"en\", \"languages\": [\"en\"],"
    printf " \"name\": {\"en\": \"bench\"}, \"response_scale\": {\"min\": 1, \"max\": 7}, \"items\": ["
    for (i = 1; i <= 36; i++) printf "%s{\"id\": \"q%d\", \"reverse\": %s}", (i > 1 ? "," : ""), i, (i % 5 == 0 ? "true" : "false")
    printf "], \"scales\": ["
    for (s = 0; s < 6; s++) {
        printf "%s{\"id\": \"s%d\", \"items\": [", (s > 0 ? "," : ""), s
        for (k = 1; k <= 6; k++) printf "%s\"q%d\"", (k > 1 ? "," : ""), s * 6 + k
        printf "]}"
    }
    print "]}"
}' > "$work/bench36.json"

# answers: a person level plus a scale level plus noise, rounded into 1–7; 2 % blanks
rows() {
    awk -v n="$1" 'BEGIN {
        srand(15)
        printf "id"; for (i = 1; i <= 36; i++) printf ",q%d", i; print ""
        for (r = 1; r <= n; r++) {
            printf "r%d", r
            p = 4 + 1.2 * (rand() + rand() - 1)
            for (i = 1; i <= 36; i++) {
                if (i % 6 == 1) s = rand() - 0.5
                x = int(p + s + 2 * (rand() - 0.5) + 0.5)
                x = x < 1 ? 1 : (x > 7 ? 7 : x)
                if (i % 5 == 0) x = 8 - x
                if (rand() < 0.02) printf ","; else printf ",%d", x
            }
            print ""
        }
    }' > "$2"
}

for n in 100000 1000000; do
    rows "$n" "$work/big36.csv"
    for format in csv json; do
        # exit status 1 (respondents flagged) is expected
        /usr/bin/time -o "$work/time" -f "%e %M" "$psym" careless --instrument "$work/bench36.json" \
            "$work/big36.csv" --format "$format" --out "$work/out.$format" 2> /dev/null || true
        read -r seconds kb < <(tail -n 1 "$work/time")
        echo "careless, $n rows × 36 items, $format: ${seconds} s, peak ${kb} KB"
    done
done
