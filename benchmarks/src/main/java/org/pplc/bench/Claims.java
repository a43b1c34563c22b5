package org.pplc.bench;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.model.Setting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic claims of 10 lines (an R-CHOP visit: administration codes and drug lines) for the
 * generated corpus, deterministic for a seed. Random claims vary the payer, plan, setting, units
 * and modifiers so that passes, denials and reviews all occur.
 */
public final class Claims {
    static final LocalDate DATE = LocalDate.of(2026, 3, 2);

    private Claims() {
    }

    /**
     * The benchmark's claim: R-CHOP in the facility setting for payer 0's commercial plan, with its
     * prior authorization; doxorubicin (single-dose) lacks JW/JZ, so exactly one line is denied.
     */
    public static Claim rchop(String payer) {
        List<ClaimLine> lines = List.of(
                new ClaimLine(1, "96413", 1, List.of()),
                new ClaimLine(2, "96415", 3, List.of()),
                new ClaimLine(3, "96417", 1, List.of()),
                new ClaimLine(4, "96411", 2, List.of()),
                new ClaimLine(5, "96375", 1, List.of()),
                new ClaimLine(6, "J9312", 68, List.of("JZ")),
                new ClaimLine(7, "J9070", 8, List.of()),
                new ClaimLine(8, "J9000", 10, List.of()),
                new ClaimLine(9, "J9370", 2, List.of("JZ")),
                new ClaimLine(10, "J2405", 8, List.of()));
        Map<String, Integer> approved = new LinkedHashMap<>();
        approved.put("96413", 1);
        approved.put("96415", 3);
        approved.put("96417", 1);
        approved.put("96411", 2);
        return new Claim("RCHOP-0001", payer, "commercial", Setting.FACILITY, "22", DATE, lines,
                List.of(new PriorAuthorization("PA-7781", approved)), List.of());
    }

    /** A varied claim of 10 lines for one of the payers. */
    public static Claim random(Random r, int index, int payers) {
        String payer = Corpus.payerId(r.nextInt(payers));
        String plan = Corpus.PLANS[r.nextInt(Corpus.PLANS.length)];
        boolean facility = r.nextInt(3) > 0;
        List<ClaimLine> lines = new ArrayList<>(10);
        String[] admin = {"96413", "96415", "96417", "96411", "96375"};
        int[] units = {1, 1 + r.nextInt(4), 1 + r.nextInt(2), 1 + r.nextInt(3), 1 + r.nextInt(3)};
        boolean noPrimary = r.nextInt(20) == 0; // an add-on without its primary now and then
        int n = 0;
        for (int i = 0; i < admin.length; i++) {
            String code = noPrimary && i == 0 ? "96365" : admin[i];
            lines.add(new ClaimLine(++n, code, units[i], List.of()));
        }
        String[] drugs = {"J9312", "J9070", "J9000", "J9370", "J2405"};
        int[] drugUnits = {68, 8, 10, 2, 8};
        for (int i = 0; i < drugs.length; i++) {
            boolean singleDose = i == 0 || i == 2 || i == 3;
            List<String> mods = singleDose && r.nextInt(10) > 0 ? List.of(r.nextBoolean() ? "JZ" : "JW") : List.of();
            lines.add(new ClaimLine(++n, drugs[i], drugUnits[i] + r.nextInt(5), mods));
        }
        List<PriorAuthorization> auths = new ArrayList<>();
        if (r.nextInt(8) > 0) {
            Map<String, Integer> approved = new LinkedHashMap<>();
            approved.put("96413", 1);
            approved.put("96415", 3);
            approved.put("96417", 1);
            approved.put("96411", 2);
            auths.add(new PriorAuthorization("PA-" + index, approved));
        }
        return new Claim(String.format("C%08d", index), payer, plan, facility ? Setting.FACILITY : Setting.PROFESSIONAL,
                facility ? "22" : "11", DATE, lines, auths, List.of());
    }

    /** The claim as one NDJSON line, in CONTRACT.md's schema. */
    public static String json(Claim c) {
        StringBuilder b = new StringBuilder(640);
        b.append("{\"id\":\"").append(c.id()).append("\",\"payer\":\"").append(c.payer()).append('"');
        if (c.plan() != null) b.append(",\"plan\":\"").append(c.plan()).append('"');
        b.append(",\"setting\":\"").append(c.setting().id()).append("\",\"placeOfService\":\"").append(c.placeOfService())
                .append("\",\"dateOfService\":\"").append(c.dateOfService()).append("\",\"lines\":[");
        for (int i = 0; i < c.lines().size(); i++) {
            ClaimLine l = c.lines().get(i);
            if (i > 0) b.append(',');
            b.append("{\"line\":").append(l.line()).append(",\"code\":\"").append(l.code()).append("\",\"units\":").append(l.units());
            if (!l.modifiers().isEmpty()) b.append(",\"modifiers\":[\"").append(String.join("\",\"", l.modifiers())).append("\"]");
            b.append('}');
        }
        b.append(']');
        if (!c.authorizations().isEmpty()) {
            b.append(",\"authorizations\":[");
            for (int i = 0; i < c.authorizations().size(); i++) {
                PriorAuthorization a = c.authorizations().get(i);
                if (i > 0) b.append(',');
                b.append("{\"id\":\"").append(a.id()).append("\",\"units\":{");
                int k = 0;
                for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(a.units()).entrySet()) {
                    if (k++ > 0) b.append(',');
                    b.append('"').append(e.getKey()).append("\":").append(e.getValue());
                }
                b.append("}}");
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    /**
     * Writes NDJSON claims, and optionally the corpus they are for.
     * Usage: {@code Claims OUT.ndjson|- COUNT PAYERS [POLICY_DIR]} ({@code -}: standard output).
     */
    public static void main(String[] args) throws IOException {
        boolean stdout = "-".equals(args[0]);
        long count = Long.parseLong(args[1]);
        int payers = Integer.parseInt(args[2]);
        Random r = new Random(42);
        try (BufferedWriter w = stdout
                ? new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                w.write(json(random(r, (int) i, payers)));
                w.write('\n');
            }
        }
        if (args.length > 3) {
            Path dir = Path.of(args[3]);
            Corpus c = Corpus.generate(payers, 100, 42);
            c.writeTo(dir);
            System.err.println("corpus: " + c.lines() + " lines, " + c.rules() + " rules in " + dir);
        }
        System.err.println("claims: " + count + " to " + args[0]);
    }
}
