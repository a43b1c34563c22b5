#!/usr/bin/env bash
# Times `pplc import mue` on a generated 15,000-row CMS MUE table (deterministic: same rows every run).
# Usage: scripts/bench-import.sh [ROWS]   (needs the jar: mvn -q -DskipTests package -pl src/cli -am)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-15000}"
jar="$root/src/cli/target/pplc.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/MCR_MUE_PractitionerServices_Eff_07-01-2024.csv"

# A copyright-style preamble, the CMS header, then CPT-shaped codes, J-codes and PLA codes.
awk -v n="$rows" 'BEGIN {
  printf "\xef\xbb\xbfGenerated test table in the CMS MUE layout; values are arbitrary.\n";
  print "Preamble line two, with a comma, and a \"quote\".";
  print "";
  print "\"HCPCS/CPT Code\",\"Practitioner Services MUE Values\",\"MUE Adjudication Indicator\",\"MUE Rationale\"";
  split("1 Line Edit|2 Date of Service Edit: Policy|3 Date of Service Edit: Clinical", ind, "|");
  for (i = 0; i < n; i++) {
    if (i % 10 == 7) code = sprintf("J%04d", int(i / 10));
    else if (i % 10 == 9) code = sprintf("%04dU", int(i / 10));
    else code = sprintf("%05d", 10000 + i);
    printf "%s,%d,\"%s\",\"Clinical: Data, row %d\"\n", code, (i * 7) % 50, ind[(i % 3) + 1], i;
  }
}' > "$csv"

cmd="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar $jar import mue $csv --setting practitioner --all --out $work/out.ppl"
echo "rows: $rows  file: $(wc -c < "$csv") bytes  sha256: $(sha256sum "$csv" | cut -c1-16)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 "$cmd"
else
  for i in 1 2 3 4 5; do /usr/bin/time -f "%e s  %M KB" $cmd; done
fi
echo "imported: $(grep -c '^  mue ' "$work/out.ppl") rules"
