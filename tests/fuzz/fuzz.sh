#!/usr/bin/env bash
# Fuzzes the targets of tests/fuzz/targets with libFuzzer, AddressSanitizer
# and UBSan (the "fuzz" preset, Debian's clang), each for MINUTES minutes:
#
#   tests/fuzz/fuzz.sh [MINUTES] [TARGET...]     (default 1 minute, every target)
#
# New inputs that reach new code are kept in build-fuzz/corpus/TARGET; a
# finding is written to build-fuzz/findings/TARGET/ and makes this script
# fail. A finding is then copied into tests/fuzz/corpus/TARGET/ (the test
# command replays it from then on) and gets a unit test of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-1}
shift || true
if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang is needed (as root: apt-get install clang)" >&2
  exit 1
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/targets/fuzz_*.cpp; do
    t=$(basename "$f" .cpp)
    targets+=("${t#fuzz_}")
  done
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"
found=0
printf '%-16s %12s %10s %8s\n' target executions corpus findings
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t
  findings=build-fuzz/findings/$t
  mkdir -p "$work" "$findings"
  log=build-fuzz/fuzz_$t.log
  status=0
  build-fuzz/tests/fuzz/fuzz_"$t" -max_total_time=$((minutes * 60)) -print_final_stats=1 \
    -artifact_prefix="$findings/" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1 ||
    status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  count=$(find "$findings" -type f | wc -l)
  printf '%-16s %12s %10s %8s\n' "$t" "${execs:-?}" "$(find "$work" -type f | wc -l)" "$count"
  if [ "$status" -ne 0 ] || [ "$count" -ne 0 ]; then
    found=1
    grep -E "ERROR|SUMMARY|property violated" "$log" | head -5 >&2 || true
  fi
done
exit $found
