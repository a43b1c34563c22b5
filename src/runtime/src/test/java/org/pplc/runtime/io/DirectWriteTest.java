package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.RuleKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Results written straight as bytes must be the generator's bytes, for every text, in any mix. */
class DirectWriteTest {
    private static Finding finding(int line, String code, Action action, List<String> rarc, RuleKind rule,
                                   String message, String fix, String appeal, String citation) {
        return new Finding(line, code, action, "16", rarc, rule, message, fix, appeal,
                "policies/core/hierarchy.ppl:98:3", "core", citation);
    }

    private static Result result(String id, String plan, List<Finding> findings) {
        Decision d = findings.isEmpty() ? Decision.PASS : Decision.of(findings.get(0).action());
        return new Result(id, "p00002", plan, "p00002-commercial", d, findings, null, null);
    }

    private static byte[] write(boolean direct, Consumer<JsonOutput> writes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOutput out = new JsonOutput(bytes, 5, direct)) {
            writes.accept(out);
        }
        return bytes.toByteArray();
    }

    private static void assertSameBytes(Consumer<JsonOutput> writes) {
        byte[] generator = write(false, writes);
        byte[] direct = write(true, writes);
        assertEquals(new String(generator, StandardCharsets.UTF_8), new String(direct, StandardCharsets.UTF_8));
        assertArrayEquals(generator, direct);
    }

    /** Texts that need no escape, and texts the generator escapes or encodes (left to it). */
    private static final List<String> TEXTS = List.of(
            "96375 billed for ondansetron, one drug", "", " ", "~ {x} [y] <z> 'q' / : ; ,",
            "say \"no\"", "back\\slash", "new\nline", "tab\tcr\r", "bell\u0007", "unit\u001f", "del\u007f",
            "caf\u00e9", "\u00a0nbsp", "\u20ac 5", "emoji \ud83d\udc8a", "\u2028 separator",
            "lone \ud800 high", "lone \udc00 low", "end \ud83d");

    @Test
    void everyKindOfTextGivesTheGeneratorsBytes() {
        List<Result> results = new ArrayList<>();
        results.add(result("C1", "commercial", List.of()));
        results.add(result(null, null, List.of()));
        for (String t : TEXTS) {
            results.add(result(t, t, List.of(
                    finding(3, "96417", Action.DENY, List.of("N640"), RuleKind.AUTHORIZATION_EXCEEDED, t, "Bill 1 units", null, null),
                    finding(5, t, Action.REVIEW, List.of(), RuleKind.MUE_EXCEEDED, "m", t, t, "CMS MUE table " + t),
                    finding(8, "J9000", Action.WARN, List.of("M80", t), RuleKind.DRUG_MODIFIER_REQUIRED, "x", "y", "z", null))));
        }
        for (Result r : results) assertSameBytes(out -> out.write(r));
        assertSameBytes(out -> results.forEach(out::write));
    }

    @Test
    void directAndGeneratorRecordsInterleaveInOrder() {
        Result plain = result("C1", "commercial", List.of(
                finding(1, "96413", Action.DENY, List.of("M80"), RuleKind.MUE_EXCEEDED, "over", "fix", "appeal", "cite")));
        Result escaped = result("C\"2", null, List.of());
        assertSameBytes(out -> {
            out.write(plain);
            out.writeError(new ClaimRecord.Invalid(6, "C3", "lines: missing"));
            out.write(plain);
            out.write(Result.error("C4", "uhcc", null, "unknown payer 'uhcc'"));
            out.write(escaped);
            out.write(plain);
            out.write(plain);
        });
        // error records count from the first index given
        String text = new String(write(true, out -> {
            out.write(plain);
            out.write(Result.error("C4", "uhcc", null, "unknown payer"));
        }), StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"C4\",\"index\":6,\"decision\":\"error\",\"error\":\"unknown payer\"}", text.split("\n")[1]);
    }

    @Test
    void manyPolicyTextsSharingCacheSlotsGiveTheGeneratorsBytes() {
        // more distinct policy ids, sources and citations than the quoted-value cache has slots, in
        // an order that revisits them, and texts the cache must never keep (escapes, non-ASCII)
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 12_000; i++) {
                String k = Integer.toString(i * 7919 % 12_000);
                Finding f = new Finding(1, "J" + k, Action.DENY, "CO-" + k, List.of("N" + k, "M80"), RuleKind.MUE_EXCEEDED,
                        "m", "f", null, "policies/p" + k + ".ppl:1:1", "layer-" + k, i % 5 == 0 ? "cite \"" + k + "\"" : "cite " + k);
                results.add(new Result("C" + i, "p" + k, "commercial", i % 7 == 0 ? "p\u00e9" + k : "p" + k + "-commercial",
                        Decision.DENY, List.of(f), null, null));
            }
        }
        assertSameBytes(out -> results.forEach(out::write));
    }
}
