#!/usr/bin/env bash
# Builds the example billing product as a product team would: pplc's runtime and Maven plugin
# installed in the local Maven repository, then the product's own `mvn verify`, which compiles
# the policies into its jar and runs its tests. Fails when the product's runtime classpath holds
# anything of the compiler (ANTLR, Velocity, pplc-compiler), and checks that a policy error fails
# the product's build with the compiler's diagnostic.
set -euo pipefail
example="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$example/../.." && pwd)"

# the plugin, the runtime and what they need (parent pom, compiler, docs); their tests run in pplc's
# own build. PPLC_INSTALLED=1 skips this when the caller has just run `mvn install` of the reactor.
if [[ "${PPLC_INSTALLED:-}" != 1 ]]; then
  mvn -q -f "$root/pom.xml" install -DskipTests -pl src/runtime,src/maven-plugin -am
fi
mvn -q -f "$example/pom.xml" verify
test -s "$example/target/classes/pplc/policies.bundle.json" \
  || { echo "billing-product: no bundle in target/classes/pplc" >&2; exit 1; }
jar tf "$example/target/billing-product-1.0.0-SNAPSHOT.jar" | grep -qx 'pplc/policies.bundle.json' \
  || { echo "billing-product: the jar holds no pplc/policies.bundle.json" >&2; exit 1; }
test -s "$example/target/site/pplc/html/index.html" \
  || { echo "billing-product: the docs goal wrote no target/site/pplc/html/index.html" >&2; exit 1; }

deps="$example/target/runtime-dependencies.txt"
mvn -q -f "$example/pom.xml" dependency:list -DincludeScope=runtime -DoutputFile="$deps"
if grep -Ei 'antlr|velocity|pplc-compiler|pplc-docs' "$deps"; then
  echo "billing-product: the runtime classpath holds compiler libraries (above)" >&2
  exit 1
fi
grep -q 'org.pplc:pplc-runtime' "$deps" || { echo "billing-product: pplc-runtime missing from $deps" >&2; exit 1; }
# a policy error must fail the product's build, with the compiler's diagnostic
broken="$(mktemp -d)"
trap 'rm -rf "$broken"' EXIT
cp -r "$root/policies" "$broken/policies"
cat > "$broken/policies/payers/zz-broken.ppl" <<'PPL'
payer example "Example Health"

policy broken-example {
  applies to payer example
  extends medicare-part-b
  effective 2027-01-01
  mue 96418 practitioner 1 per line
}
PPL
if log="$(mvn -B -f "$example/pom.xml" generate-resources -Dbilling.policies="$broken/policies" \
    -Dpplc.outputFile="$broken/out.json" 2>&1)"; then
  echo "billing-product: the build passed with a policy error" >&2; exit 1
fi
grep -q 'policies/payers/zz-broken.ppl:7:7: error: unknown code 96418' <<<"$log" \
  || { echo "$log" | tail -30 >&2; echo "billing-product: the failed build did not show the diagnostic" >&2; exit 1; }
grep -q 'pplc: 1 policy error in' <<<"$log" \
  || { echo "$log" | tail -30 >&2; echo "billing-product: the failed build did not count the error" >&2; exit 1; }

echo "billing-product: built and tested; runtime classpath: $(grep -c ':.*:.*:' "$deps") artifacts, no ANTLR, no Velocity"
