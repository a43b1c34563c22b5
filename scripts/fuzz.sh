#!/usr/bin/env bash
# Fuzzes each Jazzer target for a while (default 60 s each; CI runs a bounded 20 s pass).
# Usage: scripts/fuzz.sh [SECONDS] [Class#method ...]
#
# Each input must finish within a second (@Timeout on the target: libFuzzer's -timeout here, JUnit's
# in `mvn verify`). A finding (exception, timeout, out of memory) is written next to the regression
# corpus, fuzz/src/test/resources/org/pplc/fuzz/<Class>Inputs/<method>/crash-..., and the script
# exits 1 at the end: fix the product, then commit the file so `mvn verify` replays it for good.
# The generated working corpus stays in fuzz/.cifuzz-corpus/ (not committed) and grows across runs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(
    PolicyCompilerFuzzTest#anyText
    PolicyCompilerFuzzTest#besideShippedPolicies
    PolicyCompilerFuzzTest#anyBytesInADirectory
    CmsImportFuzzTest#mueTable
    CmsImportFuzzTest#addOnCodeEdits
    ClaimReaderFuzzTest#anyBatch
    ClaimReaderFuzzTest#ndjsonLines
    ClaimReaderFuzzTest#brokenFirstRecord
    ClaimReaderFuzzTest#cutArray
    DocsFuzzTest#authorTitle
    PolicyTreeFuzzTest#linkedTree
  )
fi

# Build the modules the fuzz module needs once; each target then runs from the reactor without
# recompiling them (maven.main.skip) and without their tests (-Dtest selects one fuzz target).
mvn -B -ntp -q test-compile -pl fuzz -am || exit 2

failed=()
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s"
  log="fuzz/target/fuzz-${t//#/-}.log"
  mkdir -p fuzz/target
  # JUnit's own timeout is off while fuzzing: the @Timeout becomes libFuzzer's per-input -timeout instead.
  if JAZZER_FUZZ=1 mvn -B -ntp test -pl fuzz -am \
      -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dmaven.main.skip=true \
      -Djazzer.max_duration="${seconds}s" \
      -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1; then
    grep -a -E '^Done [0-9]+ runs' "$log" | tail -1
  else
    echo "!! $t: finding or failure (log: $log)"
    grep -a -E 'ERROR: libFuzzer|== Java Exception|Test unit written|FuzzTestFindingException|Caused by' "$log" | head -8
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: ${#targets[@]} passed, 0 failed"
