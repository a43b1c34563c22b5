#!/usr/bin/env bash
# Builds the example billing product as a product team would: pplc's runtime and Maven plugin
# installed in the local Maven repository, then the product's own `mvn verify`, which compiles
# the policies into its jar and runs its tests. Fails when the product's runtime classpath holds
# anything of the compiler (ANTLR, Velocity, pplc-compiler).
set -euo pipefail
example="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$example/../.." && pwd)"

# the plugin, the runtime and what they need (parent pom, compiler); tests run in pplc's own build
mvn -q -f "$root/pom.xml" install -DskipTests -pl src/runtime,src/maven-plugin -am
mvn -q -f "$example/pom.xml" verify

deps="$example/target/runtime-dependencies.txt"
mvn -q -f "$example/pom.xml" dependency:list -DincludeScope=runtime -DoutputFile="$deps"
if grep -Ei 'antlr|velocity|pplc-compiler|pplc-docs' "$deps"; then
  echo "billing-product: the runtime classpath holds compiler libraries (above)" >&2
  exit 1
fi
grep -q 'org.pplc:pplc-runtime' "$deps" || { echo "billing-product: pplc-runtime missing from $deps" >&2; exit 1; }
echo "billing-product: built and tested; runtime classpath: $(grep -c ':.*:.*:' "$deps") artifacts, no ANTLR, no Velocity"
