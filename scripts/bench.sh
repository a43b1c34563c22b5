#!/usr/bin/env bash
# pplc performance run, one command: builds with -Pbench, runs the JMH benchmarks (compile,
# adjudicate vs hand-written Java, 6 vs 1,000 payers, Drools peer), the rule-set memory probe,
# NDJSON throughput of `pplc adjudicate`, the 10-million-claim streaming-memory check and the cold
# `./pplc check` timing. Results go to target/bench/ (raw) and the console.
#
# JMH settings, short for a shared 2-core machine: -wi 3 -i 5 -f 1 -w 1s -r 1s (JMH_OPTS to change).
# Sizes: NDJSON_CLAIMS (1,000,000), STREAM_CLAIMS (10,000,000). ONLY=jmh|cpu|memory|ndjson|stream|cold runs one part.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/target/bench"
mkdir -p "$out"
JMH_OPTS="${JMH_OPTS:--wi 3 -i 5 -f 1 -w 1s -r 1s}"
NDJSON_CLAIMS="${NDJSON_CLAIMS:-1000000}"
STREAM_CLAIMS="${STREAM_CLAIMS:-10000000}"
ONLY="${ONLY:-all}"
bench_jar="$root/benchmarks/target/pplc-benchmarks.jar"
cli_jar="$root/src/cli/target/pplc.jar"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
want() { [[ "$ONLY" == all || "$ONLY" == "$1" ]]; }

echo "== build (mvn -Pbench -DskipTests package)"
mvn -q -B -Pbench -DskipTests package
echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
# the host's speed today (a compute loop and memory latency, nothing of pplc's): the shared VM's
# figures change from day to day with its neighbours, and this says by how much
java -Xmx1g -XX:+UseTransparentHugePages -cp "$bench_jar" org.pplc.bench.HostProbe 10 | tee "$out/host.txt"

if want jmh; then
  echo "== JMH: $JMH_OPTS"
  # shellcheck disable=SC2086
  java -jar "$bench_jar" 'CompileBench|AdjudicateBench|DroolsBench' $JMH_OPTS -rf json -rff "$out/jmh.json" \
    | tee "$out/jmh.txt" | grep -E '^(Benchmark|[A-Za-z]+Bench\.)|^corpus|^pplc text' || true
fi

if want cpu; then
  echo "== compile, warm, by the compiling thread's CPU time: 10,000 and 100,000 lines (3 runs)"
  # the serial collector: what ./pplc check and build run with (one core, one thread compiling)
  { java -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$bench_jar" org.pplc.bench.CompileCpu 10000 30 15
    for run in 1 2 3; do java -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$bench_jar" org.pplc.bench.CompileCpu 100000 20 10; done
    echo "-- by stage, 100,000 lines"
    java -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$bench_jar" org.pplc.bench.CompileStages 100000 15 10; } | tee "$out/compile-cpu.txt"
fi

if want memory; then
  echo "== rule-set memory: 1,000 payers x 1,000 rules"
  java -Xmx12g -XX:+UseSerialGC -cp "$bench_jar" org.pplc.bench.RuleMemory 1000 1000 | tee "$out/memory.txt"
fi

if want ndjson || want stream; then
  java -cp "$bench_jar" org.pplc.bench.Claims "$tmp/claims.ndjson" "$([[ $ONLY == stream ]] && echo 1 || echo "$NDJSON_CLAIMS")" 6 "$tmp/policies"
fi

if want ndjson; then
  echo "== NDJSON throughput: pplc adjudicate $NDJSON_CLAIMS claims --out"
  start=$(date +%s%N)
  java -jar "$cli_jar" adjudicate "$tmp/claims.ndjson" --policies "$tmp/policies" --out "$tmp/results.ndjson"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  echo "java -jar (JVM defaults): $NDJSON_CLAIMS claims in $ms ms: $(( NDJSON_CLAIMS * 1000 / ms )) claims/s (JVM start and policy compile included)" | tee "$out/ndjson.txt"
  test "$(wc -l < "$tmp/results.ndjson")" -eq "$NDJSON_CLAIMS"
  # the product's entry point, with the JVM flags it chooses for adjudicate (a first run records its class archive)
  ./pplc adjudicate "$tmp/claims.ndjson" --policies "$tmp/policies" --out "$tmp/results2.ndjson" > /dev/null
  # run 1 writes a new file, run 2 replaces it: on ext4 the rename onto an existing file waits for
  # the new file's data to reach the disk (auto_da_alloc), seconds for ~735 MB (docs/BENCHMARKS.md)
  for run in 1 2; do
    how="output replaced"
    if [[ $run == 1 ]]; then rm -f "$tmp/results2.ndjson"; sync; how="output new"; fi
    start=$(date +%s%N)
    ./pplc adjudicate "$tmp/claims.ndjson" --policies "$tmp/policies" --out "$tmp/results2.ndjson"
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "./pplc adjudicate, run $run ($how): $NDJSON_CLAIMS claims in $ms ms: $(( NDJSON_CLAIMS * 1000 / ms )) claims/s" | tee -a "$out/ndjson.txt"
  done
  cmp "$tmp/results.ndjson" "$tmp/results2.ndjson"
fi

if want stream; then
  echo "== streaming memory: $STREAM_CLAIMS claims through standard input, -Xmx256m, GC log"
  start=$(date +%s%N)
  java -cp "$bench_jar" org.pplc.bench.Claims - "$STREAM_CLAIMS" 6 \
    | java -Xmx256m -Xlog:gc:file="$out/stream-gc.log" -jar "$cli_jar" adjudicate - --policies "$tmp/policies" \
    | wc -l > "$tmp/count"
  end=$(date +%s%N)
  echo "results written: $(cat "$tmp/count") in $(( (end - start) / 1000000 )) ms" | tee "$out/stream.txt"
  # heap after each collection, in MB: first and last tenth of the run, and the maximum
  grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$out/stream-gc.log" | sed -E 's/.*->([0-9]+)M\(([0-9]+)M\)/\1 \2/' > "$tmp/after"
  awk '{a[NR]=$1; if ($1>max) max=$1; if ($2>cap) cap=$2} END {n=NR; t=int(n/10); if (t<1) t=1;
       for (i=1;i<=t;i++) {f+=a[i]; l+=a[n-t+i]}
       printf "GCs: %d; heap after GC: first tenth avg %.0f MB, last tenth avg %.0f MB, max %d MB; heap size max %d MB\n", n, f/t, l/t, max, cap}' \
    "$tmp/after" | tee -a "$out/stream.txt"
fi

if want cold; then
  echo "== cold ./pplc check on the shipped policies"
  ./pplc check >/dev/null 2>&1 || true # build the jar if stale, outside the timing
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 10 --export-markdown "$out/cold.md" './pplc check' | tee "$out/cold.txt"
  else
    for i in 1 2 3 4 5; do /usr/bin/time -f '%e s' ./pplc check >/dev/null; done 2>&1 | tee "$out/cold.txt"
  fi
fi
