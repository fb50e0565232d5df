#!/usr/bin/env bash
# Whole-process time and peak memory of `psym score` on a 65,535-row × 41-column Excel 97–2003
# workbook (issue 16): xlwt writes at most 65,535 rows after the header in a sheet (BIFF8's
# 65,536 rows), so this is the largest single-sheet `.xls`. An id and 40 seven-point items
# (2 % blank), written by xlwt 1.3.0 (numbers as RK and MULRK records, ids in the shared-string
# table over CONTINUE records), scored with a 40-item instrument of four scales; the same
# table as `.xlsx` (openpyxl) for comparison. Prints one line per measurement; the figures are
# recorded in docs/benchmarks.md.
#
# Usage: crates/data/benches/xls_score.sh [PSYM_BINARY]   (default: target/release/psym)
# Needs python3 with xlwt and openpyxl, and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../../.."
psym="$(realpath "${1:-target/release/psym}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, random, sys
import openpyxl, xlwt
work = sys.argv[1]
random.seed(16)
header = ["id"] + [f"q{k}" for k in range(1, 41)]
rows = [[f"R{r:06d}"] + [None if random.random() < 0.02 else random.randint(1, 7) for _ in range(40)]
        for r in range(1, 65536)]
book = xlwt.Workbook()
sheet = book.add_sheet("data")
for c, h in enumerate(header):
    sheet.write(0, c, h)
for r, row in enumerate(rows, 1):
    for c, v in enumerate(row):
        if v is not None:
            sheet.write(r, c, v)
book.save(os.path.join(work, "big.xls"))
xbook = openpyxl.Workbook(write_only=True)
xsheet = xbook.create_sheet("data")
xsheet.append(header)
for row in rows:
    xsheet.append(row)
xbook.save(os.path.join(work, "big.xlsx"))
items = [{"id": f"q{k}", "text": {"en": f"Question {k}"}} for k in range(1, 41)]
scales = [{"id": f"s{s}", "items": [f"q{k}" for k in range(10 * s - 9, 10 * s + 1)], "method": "mean",
           "min_answered": 0.5} for s in range(1, 5)]
json.dump({"id": "bench40", "version": "1.0.0", "source_language": "en", "languages": ["en"],
           "name": {"en": "bench"}, "response_scale": {"min": 1, "max": 7}, "items": items,
           "scales": scales}, open(os.path.join(work, "big.json"), "w"))
PY

for ext in xls xlsx; do
    echo "file: big.$ext, $(du -k "$work/big.$ext" | cut -f1) KB"
    for run in 1 2 3 4 5; do
        /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$psym" score --instrument "$work/big.json" \
            "$work/big.$ext" > "$work/scores.$ext.csv"
        read -r seconds user sys kb < "$work/time"
        echo "psym score, 65,535 x 41 .$ext -> CSV, run $run: ${seconds} s elapsed (${user} s user, ${sys} s system), peak ${kb} KB"
    done
    echo "rows out: $(( $(wc -l < "$work/scores.$ext.csv") - 1 ))"
done
cmp "$work/scores.xls.csv" "$work/scores.xlsx.csv" && echo "the .xls and .xlsx scores are the same bytes"
