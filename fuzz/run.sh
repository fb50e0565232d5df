#!/usr/bin/env bash
# Runs one fuzz target on one core at the lowest priority (see docs/fuzzing.md):
#   fuzz/run.sh TARGET [SECONDS]             stop at the first crash (default: 600 s)
#   KEEP_GOING=1 fuzz/run.sh TARGET SECONDS  record crashes and go on (libFuzzer's fork mode)
# The corpus grows in fuzz/corpus/TARGET (not committed), seeded from fuzz/seeds/TARGET;
# crashes are written to fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
case $target in
  read_responses | workfile_csv | workfile_redcap) dict=csv ;;
  load_instrument) dict=instrument ;;
  read_sav) dict=sav ;;
  read_xls) dict=xls ;;
  model_syntax) dict=model_syntax ;;
  workfile_xliff | workfile_xlsx | workfile_xlsform) dict=xml ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p "fuzz/corpus/$target"
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
       -dict="$root/fuzz/dicts/$dict.dict" -print_final_stats=1)
if [[ ${KEEP_GOING:-0} == 1 ]]; then
  flags+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
fi
exec nice -n 19 cargo +nightly fuzz run "$target" "$root/fuzz/corpus/$target" "$root/fuzz/seeds/$target" -- "${flags[@]}"
