#!/usr/bin/env bash
# Bundle load time: how long a billing product takes to load the shipped policies' bundle (what
# it does at start-up, without ANTLR) against compiling them from source.
# Usage: benchmarks/bundle-load.sh [POLICY_DIR]   (default: policies)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-policies}"
mvn -q -pl src/maven-plugin -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bundle-load.classpath
cp="src/maven-plugin/target/test-classes:src/maven-plugin/target/classes:$(cat src/maven-plugin/target/bundle-load.classpath)"
bench() { java -cp "$cp" org.pplc.maven.BundleLoadBenchmark "$@"; }

bundle="src/maven-plugin/target/bundle-load.json"
bench write "$dir" "$bundle"
# median and minimum of column $1 of "wall cpu" lines
stats() { awk -v c="$1" '{print $c}' | sort -n | awk '{a[NR]=$1} END {printf "median %6.1f ms, min %6.1f ms", a[int((NR+1)/2)], a[1]}'; }
# fresh JVMs, load and compile taking turns so that a busy machine slows both alike
loads=(); compiles=()
for i in 1 2 3 4 5 6 7; do
  loads+=("$(bench cold-load "$bundle")")
  compiles+=("$(bench cold-compile "$dir")")
done
echo "bundle load,         fresh JVM, 7 runs: wall $(printf '%s\n' "${loads[@]}" | stats 1);  CPU $(printf '%s\n' "${loads[@]}" | stats 2)"
echo "compile from source, fresh JVM, 7 runs: wall $(printf '%s\n' "${compiles[@]}" | stats 1);  CPU $(printf '%s\n' "${compiles[@]}" | stats 2)"
bench warm "$dir" 200
