package org.pplc.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Derive against the shipped policies: the corrected regimens come out as DOMAIN.md says, and
 * every correct visit derived under Medicare passes adjudication under Medicare.
 */
class ShippedPoliciesDeriveTest {
    private static PolicySet shipped;

    @BeforeAll
    static void compile() {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c.diagnosticsText());
        shipped = c.policySet();
    }

    private static Claim read(String json) {
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.DERIVE)) {
            return assertInstanceOf(ClaimRecord.Valid.class, reader.next()).claim();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Claim example(String name) {
        try (InputStream in = Files.newInputStream(Path.of("policies/examples", name))) {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Derivation.Derived derive(Claim visit) {
        return assertInstanceOf(Derivation.Derived.class, new Deriver(shipped).derive(visit));
    }

    /** Administration lines only (drug lines depend on the doses recorded). */
    private static List<String> administrationCodes(Derivation.Derived d) {
        List<String> out = new ArrayList<>();
        for (ClaimLine l : d.claim().lines()) {
            if (!l.code().matches("\\d{5}")) continue;
            out.add(l.code() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers())) + " x" + l.units());
        }
        return out;
    }

    @Test
    void rchop() {
        Derivation.Derived d = derive(example("rchop.json"));
        assertEquals(List.of("96413 x1", "96415 x3", "96417 x1", "96411 x2", "96375 x2"), administrationCodes(d));
        ClaimLine drug = d.claim().lines().stream().filter(l -> l.code().equals("J9312")).findFirst().orElseThrow();
        assertEquals(68, drug.units());
        assertEquals(List.of("JZ"), drug.modifiers());
    }

    @Test
    void folfox() {
        assertEquals(List.of("96413 x1", "96415 x1", "96368 x1", "96411 x1", "96416 x1"),
                administrationCodes(derive(example("folfox.json"))));
    }

    @Test
    void folfirinox() {
        assertEquals(List.of("96413 x1", "96415 x1", "96417 x1", "96367 x1", "96366 x1", "96411 x1", "96416 x1"),
                administrationCodes(derive(example("folfirinox.json"))));
    }

    /** Correct visits of every shape derive handles; each must pass Medicare's own edits. */
    static Stream<String> correctVisits() throws IOException {
        List<String> visits = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("policies/examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                visits.add(Files.readString(p));
            }
        }
        String head = "{\"id\":\"%s\",\"payer\":\"medicare\",\"setting\":\"%s\",\"dateOfService\":\"2026-06-01\","
                + "\"administrations\":[%s]}";
        String at = "\"start\":\"2026-06-01T%s\",\"end\":\"2026-06-01T%s\"";
        visits.add(head.formatted("PRO-PRIMARY", "professional",
                "{\"drug\":\"normal saline\",\"hcpcs\":\"J7050\",\"category\":\"hydration\",\"method\":\"infusion\","
                        + at.formatted("09:00", "10:00") + ",\"site\":\"A\",\"primary\":true},"
                        + "{\"drug\":\"ondansetron\",\"hcpcs\":\"J2405\",\"category\":\"therapeutic\",\"method\":\"infusion\","
                        + at.formatted("10:00", "10:30") + ",\"site\":\"A\"}"));
        visits.add(head.formatted("TWO-SITES", "facility",
                "{\"drug\":\"rituximab\",\"hcpcs\":\"J9312\",\"category\":\"chemo\",\"method\":\"infusion\","
                        + at.formatted("09:00", "11:00") + ",\"site\":\"A\"},"
                        + "{\"drug\":\"normal saline\",\"hcpcs\":\"J7050\",\"category\":\"hydration\",\"method\":\"infusion\","
                        + at.formatted("09:00", "10:00") + ",\"site\":\"B\"}"));
        visits.add(head.formatted("REPEAT-PUSH", "facility",
                "{\"drug\":\"dexamethasone\",\"hcpcs\":\"J1100\",\"category\":\"therapeutic\",\"method\":\"push\","
                        + at.formatted("09:00", "09:05") + ",\"site\":\"A\"},"
                        + "{\"drug\":\"dexamethasone\",\"hcpcs\":\"J1100\",\"category\":\"therapeutic\",\"method\":\"push\","
                        + at.formatted("10:00", "10:05") + ",\"site\":\"A\"}"));
        visits.add(head.formatted("HYDRATION-AFTER-CHEMO", "professional",
                "{\"drug\":\"oxaliplatin\",\"hcpcs\":\"J9263\",\"category\":\"chemo\",\"method\":\"infusion\","
                        + at.formatted("09:00", "11:00") + ",\"site\":\"A\",\"dose\":{\"amount\":170,\"unit\":\"mg\"}},"
                        + "{\"drug\":\"normal saline\",\"hcpcs\":\"J7050\",\"category\":\"hydration\",\"method\":\"infusion\","
                        + at.formatted("11:00", "12:40") + ",\"site\":\"A\"}"));
        return visits.stream();
    }

    @ParameterizedTest
    @MethodSource("correctVisits")
    void aDerivedClaimPassesMedicare(String visit) {
        Derivation.Derived d = derive(read(visit));
        assertFalse(d.claim().lines().isEmpty(), d.toString());
        Result r = new Adjudicator(shipped).evaluate(d.claim());
        // the shipped Medicare MUE table is 2024Q3: a 2026 claim carries its out-of-date warning and nothing else
        assertEquals(Decision.WARN, r.decision(), d.claim().id() + " " + administrationCodes(d) + " -> " + r.findings());
        assertEquals(List.of(org.pplc.runtime.model.RuleKind.MUE_TABLE_OUT_OF_DATE),
                r.findings().stream().map(org.pplc.runtime.engine.Finding::rule).toList(), d.claim().id());
    }
}
