package org.pplc.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Claims for the robustness tests, made from a seed so every run sees the same ones: payers and
 * plans of the shipped policies, both settings, drug administration codes with units, modifiers,
 * drugs and authorizations, so that the batches hold passes, denials, reviews and errors.
 */
final class Claims {
    private static final String[] PAYERS = {"medicare", "uhc", "aetna", "cigna", "humana", "bcbs", "uhcc"};
    private static final String[] PLANS = {null, "commercial", "medicare-advantage"};
    private static final String[] CODES = {"96360", "96361", "96365", "96366", "96367", "96368", "96372", "96374",
            "96375", "96376", "96401", "96409", "96411", "96413", "96415", "96417", "96521", "96523", "J9312", "J1100",
            "J2405", "99999"};
    private static final String[] MODIFIERS = {"59", "XE", "XS", "XU", "JW", "JZ", "25", "JG"};
    private static final String[] DATES = {"2026-03-02", "2025-11-20", "2026-07-14", "2024-03-01"};

    private Claims() {
    }

    /** Claim number i: a valid claim (which may still end as an error result, e.g. an unknown payer). */
    static String claim(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        String payer = PAYERS[r.nextInt(PAYERS.length)];
        String plan = payer.equals("medicare") ? null : PLANS[r.nextInt(PLANS.length)];
        StringBuilder b = new StringBuilder(256).append("{\"id\":\"c").append(i).append("\",\"payer\":\"").append(payer).append('"');
        if (plan != null) b.append(",\"plan\":\"").append(plan).append('"');
        b.append(r.nextBoolean() ? ",\"setting\":\"facility\"" : ",\"placeOfService\":\"11\"");
        b.append(",\"dateOfService\":\"").append(DATES[r.nextInt(DATES.length)]).append("\",\"lines\":[");
        int lines = 1 + r.nextInt(5);
        for (int l = 0; l < lines; l++) {
            String code = CODES[r.nextInt(CODES.length)];
            b.append(l > 0 ? "," : "").append("{\"code\":\"").append(code).append("\",\"units\":").append(1 + r.nextInt(r.nextBoolean() ? 3 : 40));
            if (r.nextInt(4) == 0) b.append(",\"modifiers\":[\"").append(MODIFIERS[r.nextInt(MODIFIERS.length)]).append("\"]");
            if (code.startsWith("J") && r.nextBoolean()) b.append(",\"ndc\":\"0000").append(r.nextInt(10)).append("-0000-00\"");
            b.append('}');
        }
        b.append(']');
        if (r.nextInt(6) == 0) b.append(",\"authorizations\":[{\"id\":\"PA").append(i).append("\",\"units\":{\"96413\":")
                .append(1 + r.nextInt(3)).append("}}]");
        return b.append('}').toString();
    }

    /** A malformed record of one of several kinds; its id cannot always be read. */
    static String malformed(int i) {
        return switch (i % 5) {
            case 0 -> "{\"id\":\"c" + i + "\",\"payer\": medicare}";                       // not JSON
            case 1 -> "{\"id\":\"c" + i + "\",\"payer\":\"medicare\",\"setting\":\"facility\"";  // cut short
            case 2 -> "{\"id\":\"c" + i + "\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-02-30\","
                    + "\"lines\":[{\"code\":\"96413\"}]}";                                    // no such date
            case 3 -> "[\"c" + i + "\"]";                                                         // not an object
            default -> "\u0000\uFFFD garbage " + i;                                               // not text a claim holds
        };
    }

    /** n records as NDJSON; every hundredth (i % 100 == 42) is malformed. */
    static void writeBatch(Path file, long seed, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                w.write(isMalformed(i) ? malformed(i) : claim(seed, i));
                w.write('\n');
            }
        }
    }

    static boolean isMalformed(int i) {
        return i % 100 == 42;
    }
}
