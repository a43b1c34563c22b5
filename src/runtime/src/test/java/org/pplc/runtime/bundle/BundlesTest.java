package org.pplc.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicyDifference;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundlesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void loadingBuildsTheSameRuleObjectsAndWritesTheSameBytes() {
        PolicySet original = SamplePolicies.build();
        byte[] first = Bundles.toBytes(original);
        PolicySet loaded = Bundles.read(new ByteArrayInputStream(first), "sample");
        assertEquals(Optional.empty(), PolicyDifference.between(original, loaded));
        assertArrayEquals(first, Bundles.toBytes(loaded), "a loaded set must write the bundle it came from");
    }

    @Test
    void loadedSetKeepsSourcePositionsAndNullsAndModifierKinds() {
        PolicySet loaded = roundTrip(SamplePolicies.build());
        Policy uhc = loaded.policy("uhc-2026");
        Code addOn = uhc.codes().get("96415");
        assertEquals("policies/core/hierarchy.ppl:9:3", addOn.provenance().source().toString());
        assertEquals("UHC bulletin 2026-04", uhc.authorizations().get("J9312").provenance().citation());
        assertNull(loaded.policy("core").meta());
        assertNull(loaded.policy("core").effectiveThrough());
        assertEquals("0.25", uhc.drugs().get("J1100").unitAmount().toPlainString());
        assertEquals(java.util.List.of("JW", "JZ"), uhc.drugLineModifiers().modifiers());
        assertEquals(java.util.List.of("59", "XU", "XS"), uhc.secondInitialModifiers().modifiers());
        assertEquals(java.util.List.of("25", "59"), uhc.rulesFor("96413").allowedModifiers().modifiers());
    }

    @Test
    void loadedSetSelectsPoliciesLikeTheOriginal() {
        PolicySet loaded = roundTrip(SamplePolicies.build());
        Selection plan = loaded.select("uhc", "medicare-advantage", LocalDate.of(2026, 8, 1));
        assertEquals("uhc-ma-2026", assertInstanceOf(Selection.Found.class, plan).policy().id());
        Selection early = loaded.select("uhc", "medicare-advantage", LocalDate.of(2026, 2, 1));
        assertEquals("uhc-2026", assertInstanceOf(Selection.Found.class, early).policy().id());
        assertInstanceOf(Selection.NotFound.class, loaded.select("uhc", null, LocalDate.of(2027, 1, 2)));
    }

    @Test
    void bytesDoNotDependOnTheDefaultLocale() {
        PolicySet set = SamplePolicies.build();
        Locale saved = Locale.getDefault();
        byte[] english;
        byte[] other;
        try {
            Locale.setDefault(Locale.US);
            english = Bundles.toBytes(set);
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            other = Bundles.toBytes(set);
        } finally {
            Locale.setDefault(saved);
        }
        assertArrayEquals(english, other);
    }

    @Test
    void headerNamesFormatVersionAndChecksum() throws Exception {
        JsonNode doc = JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        assertEquals("pplc-bundle", doc.get("format").asText());
        assertEquals(3, doc.get("version").intValue());
        assertTrue(doc.get("sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals("allowed", doc.at("/body/facts/modifierRules/2/kind").asText());
        assertEquals("policies/core/hierarchy.ppl", doc.at("/body/facts/codes/0/provenance/source/file").asText());
        assertEquals(3, doc.at("/body/facts/mues/0/indicator").intValue());
    }

    @Test
    void newerFormatVersionIsRefusedWithAnUpgradeHint() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        doc.put("version", 4);
        assertEquals("policies.bundle.json: bundle format version 4 is newer than this runtime supports (3);"
                + " upgrade pplc-runtime", refusal(doc));
    }

    /** Version 2 only added a value; a bundle written as version 1 still loads (the checksum covers the body only). */
    @Test
    void versionOneBundleStillLoads() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        doc.put("version", 1);
        PolicySet read = Bundles.read(JSON.writeValueAsBytes(doc), "v1.bundle.json");
        assertEquals(SamplePolicies.build().policies().size(), read.policies().size());
    }

    /** Version 3 added an MUE's tableQuarter; a version 2 bundle has none and still loads, its MUEs without a quarter. */
    @Test
    void versionTwoBundleWithoutTableQuartersStillLoads() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        assertEquals("2024Q3", doc.at("/body/facts/mues/0/tableQuarter").asText());
        doc.put("version", 2);
        for (JsonNode mue : doc.at("/body/facts/mues")) ((ObjectNode) mue).remove("tableQuarter");
        PolicySet read = Bundles.read(resealed(doc), "v2.bundle.json");
        for (org.pplc.runtime.policy.Policy p : read.policies().values()) {
            for (org.pplc.runtime.model.Mue m : p.mues()) assertEquals(null, m.tableQuarter(), m.toString());
        }
        assertEquals("2024Q3", roundTrip(SamplePolicies.build()).policies().values().stream().flatMap(p -> p.mues().stream())
                .filter(m -> m.tableQuarter() != null).findFirst().orElseThrow().tableQuarter().toString());
    }

    @Test
    void aTableQuarterThatIsNotOneIsDamage() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/facts/mues/0")).put("tableQuarter", "2024Q7");
        assertEquals("policies.bundle.json: the bundle is damaged: field 'facts.mues[0].tableQuarter' is '2024Q7',"
                + " expected a quarter like 2024Q3", refusal(resealed(doc)));
    }

    @Test
    void editedContentFailsTheChecksum() throws Exception {
        String text = new String(Bundles.toBytes(SamplePolicies.build()), StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"cap\" : 8", "\"cap\" : 80");
        assertTrue(!edited.equals(text), "the sample has an MUE cap of 8 to edit");
        String message = refusal(edited.getBytes(StandardCharsets.UTF_8));
        assertTrue(message.startsWith("policies.bundle.json: the bundle is damaged: its contents do not match its checksum"),
                message);
    }

    @Test
    void reindentingKeepsTheChecksumValid() throws Exception {
        JsonNode doc = JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        byte[] compact = JSON.writeValueAsBytes(doc);
        assertEquals(Optional.empty(), PolicyDifference.between(SamplePolicies.build(), Bundles.read(new ByteArrayInputStream(compact), "compact")));
    }

    @Test
    void truncatedFileIsNotValidJson() {
        byte[] bytes = Bundles.toBytes(SamplePolicies.build());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        String message = refusal(cut);
        assertTrue(message.matches("policies\\.bundle\\.json: the bundle is damaged: not valid JSON at line \\d+, column \\d+: .+"),
                message);
        assertTrue(!message.contains("\n") && !message.contains("at com.fasterxml"), message);
    }

    @Test
    void trailingTextAfterTheDocumentIsDamage() {
        byte[] bytes = Bundles.toBytes(SamplePolicies.build());
        byte[] twice = new byte[bytes.length * 2];
        System.arraycopy(bytes, 0, twice, 0, bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        String message = refusal(twice);
        assertTrue(message.startsWith("policies.bundle.json: the bundle is damaged: not valid JSON at line "), message);
    }

    @Test
    void missingFieldIsNamedWithItsPath() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/facts/codes/1/provenance/source")).remove("line");
        assertEquals("policies.bundle.json: the bundle is damaged: missing field 'line' in"
                + " 'facts.codes[1].provenance.source'", refusal(resealed(doc)));
    }

    @Test
    void wrongTypeAndUnknownValuesAreNamed() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/facts/families/0")).put("rank", "first");
        assertEquals("policies.bundle.json: the bundle is damaged: field 'facts.families[0].rank' should be"
                + " a whole number but is the string 'first'", refusal(resealed(doc)));

        doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/facts/codes/0")).put("method", "drip");
        assertEquals("policies.bundle.json: the bundle is damaged: field 'facts.codes[0].method' is 'drip',"
                + " expected one of push, infusion, pump, injection", refusal(resealed(doc)));

        doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/facts/modifierRules/0")).put("kind", "any");
        assertEquals("policies.bundle.json: the bundle is damaged: field 'facts.modifierRules[0].kind' is 'any',"
                + " expected one of drug-line, second-initial, allowed", refusal(resealed(doc)));
    }

    /** Issue 18: a bundle's dates are YYYY-MM-DD with four year digits, as everywhere else (IsoDates). */
    @Test
    void aDateWithAFiveDigitYearIsDamage() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((ObjectNode) doc.at("/body/policies/0")).put("effectiveFrom", "+10000-01-01");
        assertEquals("policies.bundle.json: the bundle is damaged: field 'policies[0].effectiveFrom' should be"
                + " a date (YYYY-MM-DD) but is '+10000-01-01'", refusal(resealed(doc)));
    }

    @Test
    void policiesReferToFactsThatExistOnce() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/body/policies/1/codes")).set(1, 99);
        assertEquals("policies.bundle.json: the bundle is damaged: field 'policies[1].codes[1]' refers to fact 99,"
                + " but facts.codes has 3", refusal(resealed(doc)));

        doc = (ObjectNode) JSON.readTree(Bundles.toBytes(SamplePolicies.build()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.at("/body/policies/1/codes")).set(1, 0);
        assertEquals("policies.bundle.json: the bundle is damaged: field 'policies[1].codes' lists 96413 twice",
                refusal(resealed(doc)));
    }

    @Test
    void eachDistinctFactIsWrittenAndBuiltOnce() throws Exception {
        PolicySet set = SamplePolicies.build();
        JsonNode doc = JSON.readTree(Bundles.toBytes(set));
        assertEquals(3, doc.at("/body/facts/codes").size(), "three codes shared by three policies");
        assertEquals(JSON.readTree("[0,1,2]"), doc.at("/body/policies/2/codes"));
        PolicySet loaded = roundTrip(set);
        assertTrue(loaded.policy("core").codes().get("96413") == loaded.policy("uhc-ma-2026").codes().get("96413"),
                "policies share one Code object, as the compiler's do");
    }

    @Test
    void aMapKeyThatIsNotItsFactsIdCannotBeWritten() {
        PolicySet set = SamplePolicies.build();
        Policy core = set.policy("core");
        java.util.Map<String, Code> misfiled = new java.util.LinkedHashMap<>(core.codes());
        misfiled.put("96417", core.codes().get("96413"));
        Policy broken = new Policy("core", null, null, null, core.effectiveFrom(), null, core.layers(), null,
                core.source(), core.families(), misfiled, core.drugs(), core.mues(), core.authorizations(),
                core.audits(), core.modifierRules(), core.rules(), core.timeRules(), core.initialCodeRules());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bundles.toBytes(new PolicySet(java.util.List.of(), java.util.List.of(broken))));
        assertTrue(e.getMessage().startsWith("policy core: codes holds Code[code=96413"), e.getMessage());
        assertTrue(e.getMessage().endsWith("under the key 96417"), e.getMessage());
    }

    @Test
    void somethingElseIsNotABundle() {
        assertEquals("policies.bundle.json: not a pplc bundle (it has no \"format\": \"pplc-bundle\" header)",
                refusal("{\"claims\": []}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("policies.bundle.json: the bundle is damaged: the file is empty", refusal(new byte[0]));
    }

    @Test
    void missingFileAndResourceAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("none.json");
        BundleException e = assertThrows(BundleException.class, () -> Bundles.read(file));
        assertEquals(file + ": no such file", e.getMessage());
        BundleException r = assertThrows(BundleException.class, () -> Bundles.readResource("pplc/absent.json"));
        assertTrue(r.getMessage().startsWith("pplc/absent.json: no such resource on the classpath"), r.getMessage());

        Path written = dir.resolve("out/pplc/policies.bundle.json");
        Bundles.write(SamplePolicies.build(), written);
        assertArrayEquals(Bundles.toBytes(SamplePolicies.build()), Files.readAllBytes(written));
        assertEquals(Optional.empty(), PolicyDifference.between(SamplePolicies.build(), Bundles.read(written)));
    }

    private static PolicySet roundTrip(PolicySet set) {
        return Bundles.read(new ByteArrayInputStream(Bundles.toBytes(set)), "sample");
    }

    /** Recomputes the checksum after an edit, so the test reaches the field checks behind it. */
    private static byte[] resealed(ObjectNode doc) throws Exception {
        doc.put("sha256", Bundles.checksum(JSON.convertValue(doc.get("body"), java.util.Map.class)));
        return JSON.writeValueAsBytes(doc);
    }

    private static String refusal(ObjectNode doc) throws Exception {
        return refusal(JSON.writeValueAsBytes(doc));
    }

    private static String refusal(byte[] bytes) {
        return assertThrows(BundleException.class,
                () -> Bundles.read(new ByteArrayInputStream(bytes), "policies.bundle.json")).getMessage();
    }
}
