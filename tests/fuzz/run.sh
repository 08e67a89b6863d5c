#!/bin/bash
# Runs every fuzz target for SECONDS (default 30) from the seeds and the saved regression
# inputs, two at a time, and fails if any finds a crash, a hang, a leak or a sanitizer report.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS]   (BUILD_DIR configured with -DJAZZ_FUZZ=ON)
set -uo pipefail
build=${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/fuzz/make_fuzz_seeds" "$work/seeds" || exit 1

fuzz() {
  local t=$1
  local inputs=("$work/seeds/$t")
  [ -d "$here/regressions/$t" ] && inputs+=("$here/regressions/$t")
  mkdir -p "$work/corpus/$t"
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$work/$t-" -print_final_stats=1 "$work/corpus/$t" "${inputs[@]}" \
       >"$work/$t.log" 2>&1; then
    echo "fuzz_$t: clean, $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$work/$t.log")"
  else
    echo "fuzz_$t: FAILED"
    tail -40 "$work/$t.log"
    for a in "$work/$t"-*; do
      [ -f "$a" ] && echo "input: $(basename "$a") ($(wc -c <"$a") bytes), base64: $(base64 -w0 "$a" | head -c 2000)"
    done
    return 1
  fi
}

status=0
targets=(midi chords value model session textcorpus ireal musicxml midiinput)
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  fuzz "${targets[i]}" & a=$!
  b=
  if ((i + 1 < ${#targets[@]})); then fuzz "${targets[i + 1]}" & b=$!; fi
  wait $a || status=1
  if [ -n "$b" ]; then wait $b || status=1; fi
done
exit $status
