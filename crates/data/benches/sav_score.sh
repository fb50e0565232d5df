#!/usr/bin/env bash
# Whole-process time and peak memory of `psym score` on a 100,000-case × 40-variable SPSS file
# (and the peak memory on 1,000,000 cases, to show that it does not grow with the file)
# (issue 16): the file is written by R's haven (bytecode compression, as SPSS and haven write
# by default; seven-point items with value labels, user-missing 9, 2 % system-missing), and
# scored with a 40-item instrument of four scales. Prints one line per measurement; the
# figures are recorded in docs/benchmarks.md. Also times haven::read_sav on the same file.
#
# Usage: crates/data/benches/sav_score.sh [PSYM_BINARY]   (default: target/release/psym)
# Needs R with haven (Debian's r-cran-haven), GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/../../.."
psym="$(realpath "${1:-target/release/psym}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/make.R" <<'R'
library(haven)
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
n <- as.integer(args[2])
set.seed(16)
d <- data.frame(id = sprintf("R%06d", seq_len(n)), stringsAsFactors = FALSE)
anchors <- c(Never = 1, Rarely = 2, Occasionally = 3, Sometimes = 4, Often = 5, "Very often" = 6, Always = 7,
             "Not answered" = 9)
for (k in 1:40) {
  x <- sample(1:7, n, replace = TRUE)
  x[runif(n) < 0.02] <- NA
  x[runif(n) < 0.01] <- 9
  d[[sprintf("q%d", k)]] <- labelled_spss(x, labels = anchors, na_values = 9, label = sprintf("Question %d", k))
}
write_sav(d, file.path(dir, args[3]))
t <- system.time(read_sav(file.path(dir, args[3])))[["elapsed"]]
cat(sprintf("haven::read_sav alone, %d x 41: %.2f s\n", n, t))
R
Rscript "$work/make.R" "$work" 100000 big.sav

python3 - "$work/big.json" <<'PY'
import json, sys
items = [{"id": f"q{k}", "text": {"en": f"Question {k}"}} for k in range(1, 41)]
scales = [{"id": f"s{s}", "items": [f"q{k}" for k in range(10 * s - 9, 10 * s + 1)], "method": "mean",
           "min_answered": 0.5} for s in range(1, 5)]
json.dump({"id": "bench40", "version": "1.0.0", "source_language": "en", "languages": ["en"],
           "name": {"en": "bench"}, "response_scale": {"min": 1, "max": 7}, "items": items,
           "scales": scales}, open(sys.argv[1], "w"))
PY

echo "file: $(du -k "$work/big.sav" | cut -f1) KB"
for run in 1 2 3 4 5; do
    /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$psym" score --instrument "$work/big.json" \
        "$work/big.sav" > "$work/scores.csv"
    read -r seconds user sys kb < "$work/time"
    echo "psym score, 100,000 x 41 .sav -> CSV, run $run: ${seconds} s elapsed (${user} s user, ${sys} s system), peak ${kb} KB"
done
echo "rows out: $(( $(wc -l < "$work/scores.csv") - 1 ))"

# the same on 1,000,000 cases: memory stays where it was
Rscript "$work/make.R" "$work" 1000000 huge.sav
/usr/bin/time -o "$work/time" -f "%e %U %S %M" "$psym" score --instrument "$work/big.json" \
    "$work/huge.sav" > /dev/null
read -r seconds user sys kb < "$work/time"
echo "psym score, 1,000,000 x 41 .sav -> CSV: ${seconds} s elapsed (${user} s user), peak ${kb} KB"
