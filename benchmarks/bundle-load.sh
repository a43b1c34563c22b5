#!/usr/bin/env bash
# Bundle load time: compiles the shipped policies, then times loading their bundle (what a billing
# product does at start-up) against compiling them from source. Usage: benchmarks/bundle-load.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl src/maven-plugin -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bundle-load.classpath
cp="src/maven-plugin/target/test-classes:src/maven-plugin/target/classes:$(cat src/maven-plugin/target/bundle-load.classpath)"
exec java -cp "$cp" org.pplc.maven.BundleLoadBenchmark "${1:-policies}" 30 100
