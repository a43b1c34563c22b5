package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.bundle.Bundle;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pplc.runtime.engine.Fixture.claim;
import static org.pplc.runtime.engine.Fixture.lines;

class ReloadingAdjudicatorTest {
    /** uhc and medicare. */
    static final byte[] BOTH = Bundles.toBytes(Fixture.set());
    /** medicare alone: a uhc claim is an error under it. */
    static final byte[] MEDICARE_ONLY = Bundles.toBytes(new PolicySet(
            List.of(new Payer("medicare", "Medicare Part B", List.of(), new SourceRef(Fixture.MEDICARE, 1, 1))),
            List.of(Fixture.medicare().build("medicare", "medicare", null, "core", Fixture.MEDICARE_FROM, null))));
    /** A value changed after the checksum was taken. */
    static final byte[] DAMAGED = replace(BOTH, "UnitedHealthcare", "UnitedHealthcarX");
    /** A format version this runtime does not know. */
    static final byte[] NEWER = replace(BOTH, "\"version\" : " + Bundles.VERSION, "\"version\" : 99");

    static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    static Bundle load(byte[] bytes, String name) {
        return Bundles.load(new ByteArrayInputStream(bytes), name);
    }

    static final List<Claim> CLAIMS = List.of(
            claim("uhc", "commercial", Setting.FACILITY, lines("96413", "96415x3", "96417x3")),
            claim("uhc", null, Setting.PROFESSIONAL, lines("96415")),
            claim("medicare", null, Setting.FACILITY, lines("96413", "96415x9")),
            claim("medicare", null, Setting.PROFESSIONAL, lines("96409", "J9312x68:JZ")));

    @Test
    void aBundleIsKnownByItsChecksumAndItsPoliciesVersions() {
        Bundle both = load(BOTH, "both.json");
        assertEquals(64, both.identity().sha256().length());
        assertEquals(Bundles.VERSION, both.identity().format());
        assertEquals(List.of("medicare", "uhc", "uhc-commercial"),
                both.identity().policies().stream().map(Bundle.PolicyVersion::policy).toList());
        assertEquals(Fixture.UHC_COMMERCIAL_FROM, both.identity().policies().get(2).effectiveFrom());
        // the same bytes give the same identity; other policies another
        assertEquals(both.identity().sha256(), load(BOTH, "again.json").identity().sha256());
        assertNotEquals(both.identity().sha256(), load(MEDICARE_ONLY, "m.json").identity().sha256());
    }

    @Test
    void aDamagedOrNewerBundleKeepsTheOldOneAndSaysWhy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("policies.bundle.json");
        Files.write(file, BOTH);
        ReloadingAdjudicator engine = ReloadingAdjudicator.load(file);
        String first = engine.bundle().sha256();

        Files.write(file, DAMAGED);
        ReloadingAdjudicator.Reload.Kept damaged = assertInstanceOf(ReloadingAdjudicator.Reload.Kept.class, engine.reload(file));
        assertTrue(damaged.reason().startsWith(file + ": the bundle is damaged: its contents do not match its checksum"),
                damaged.reason());
        assertEquals(first, damaged.inForce().sha256());

        Files.write(file, NEWER);
        ReloadingAdjudicator.Reload.Kept newer = assertInstanceOf(ReloadingAdjudicator.Reload.Kept.class, engine.reload(file));
        assertTrue(newer.reason().contains("bundle format version 99 is newer than this runtime supports"), newer.reason());

        Files.delete(file);
        assertTrue(((ReloadingAdjudicator.Reload.Kept) engine.reload(file)).reason().endsWith("no such file; still serving "
                + engine.bundle()));
        assertEquals(first, engine.bundle().sha256());
        assertEquals("uhc-commercial", engine.evaluate(CLAIMS.get(0)).result().policy());

        Files.write(file, MEDICARE_ONLY);
        ReloadingAdjudicator.Reload.Swapped swapped = assertInstanceOf(ReloadingAdjudicator.Reload.Swapped.class, engine.reload(file));
        assertEquals(first, swapped.previous().sha256());
        ReloadingAdjudicator.Decided d = engine.evaluate(CLAIMS.get(0));
        assertEquals(Decision.ERROR, d.result().decision());
        assertEquals(swapped.inForce(), d.bundle());
    }

    /**
     * Threads evaluate while another swaps good and bad bundles in: every result is the one its
     * bundle's own adjudicator gives (never a mix), and nothing throws.
     */
    @Test
    void underLoadEveryResultComesFromExactlyOneBundle() throws Exception {
        Bundle both = load(BOTH, "both.json");
        Bundle medicare = load(MEDICARE_ONLY, "medicare.json");
        Map<String, List<Result>> expected = new HashMap<>();
        for (Bundle b : List.of(both, medicare)) {
            Adjudicator alone = new Adjudicator(b.policySet());
            expected.put(b.identity().sha256(), CLAIMS.stream().map(alone::evaluate).toList());
        }
        // the two bundles disagree on the uhc claims, so a mixed answer would show
        assertNotEquals(expected.get(both.identity().sha256()).get(0), expected.get(medicare.identity().sha256()).get(0));

        ReloadingAdjudicator engine = new ReloadingAdjudicator(both);
        AtomicBoolean swapping = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> evaluators = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                evaluators.add(pool.submit(() -> {
                    int n = 0;
                    while (swapping.get() || n < 1000) {
                        int i = n++ % CLAIMS.size();
                        ReloadingAdjudicator.Decided d = engine.evaluate(CLAIMS.get(i));
                        seen.add(d.bundle().sha256());
                        List<Result> of = expected.get(d.bundle().sha256());
                        if (of == null) throw new AssertionError("a result from an unknown bundle " + d.bundle());
                        if (!of.get(i).equals(d.result())) throw new AssertionError("claim " + i + " under " + d.bundle()
                                + " gave " + d.result() + ", its bundle gives " + of.get(i));
                    }
                    return n;
                }));
            }
            Future<int[]> swapper = pool.submit(() -> {
                int[] counts = new int[2]; // swapped, kept
                for (int round = 0; round < 200; round++) {
                    byte[] next = switch (round % 4) {
                        case 0 -> MEDICARE_ONLY;
                        case 1 -> DAMAGED;
                        case 2 -> BOTH;
                        default -> NEWER;
                    };
                    String name = "round-" + round;
                    ReloadingAdjudicator.Reload r = engine.reload(() -> load(next, name));
                    counts[r instanceof ReloadingAdjudicator.Reload.Swapped ? 0 : 1]++;
                }
                swapping.set(false);
                return counts;
            });
            int[] counts = swapper.get(120, TimeUnit.SECONDS);
            assertEquals(100, counts[0]);
            assertEquals(100, counts[1]);
            for (Future<Integer> f : evaluators) assertTrue(f.get(120, TimeUnit.SECONDS) >= 1000);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(both.identity().sha256(), medicare.identity().sha256()), seen);
    }
}
