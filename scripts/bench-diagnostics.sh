#!/usr/bin/env bash
# Times `pplc check` printing N diagnostics (default 100,000), as text and as JSON.
# Usage: scripts/bench-diagnostics.sh [N]
# The policy file is generated: N one-line policies, each holding a word that is not a statement
# (one syntax error each, with its source line and caret). docs/BENCHMARKS.md has the figures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-100000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
{
  for ((i = 0; i < n; i++)); do echo "policy t$i { bogus }"; done
} > "$dir/errors.ppl"
"$root/pplc" check --policies "$dir" > /dev/null 2>&1 || true # builds the jar when needed; warms the file cache
TIMEFORMAT='%R s'
echo "== $n diagnostics as text"
time ("$root/pplc" check --policies "$dir" 2> "$dir/text.out" > /dev/null || true)
echo "   $(grep -c ': error: ' "$dir/text.out") errors printed"
echo "== $n diagnostics as JSON"
time ("$root/pplc" check --policies "$dir" --format json > "$dir/json.out" 2> /dev/null || true)
echo "   $(head -c 40 "$dir/json.out")"
