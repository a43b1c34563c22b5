package org.pplc.bench;

import org.pplc.compiler.SourceFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic policy corpus, deterministic for a seed: the AMA core hierarchy (the real codes,
 * families and add-on relations), a drug table, a Medicare-like baseline with per-setting MUEs, and
 * N payers, each with a payer policy and two plan policies (commercial, Medicare Advantage) that
 * add MUEs, prior authorizations, audits, allowed modifiers and rule-text overrides.
 *
 * <p>Sizes: {@code rulesPerPayer} rule statements go to each payer (about one line each; the
 * plan policies get a few of them). A "rule" here is one rule statement of the language (one
 * {@code mue}, {@code audit}, {@code prior authorization}, {@code modifier}, {@code drug},
 * {@code code} or {@code rule} statement).
 */
public final class Corpus {
    /** The hierarchy codes: code, kind, family, method, role, unit, primaries (DOMAIN.md). */
    static final String[][] CODES = {
            {"96401", "initial", "chemo", "injection", "initial", "encounter", ""},
            {"96409", "initial", "chemo", "push", "initial", "encounter", ""},
            {"96411", "add-on", "chemo", "push", "sequential", "drug", "96409, 96413"},
            {"96413", "initial", "chemo", "infusion", "initial", "encounter", ""},
            {"96415", "add-on", "chemo", "infusion", "additional-hour", "hour", "96413"},
            {"96416", "initial", "chemo", "pump", "pump-start", "encounter", ""},
            {"96417", "add-on", "chemo", "infusion", "sequential", "drug", "96413"},
            {"96521", "initial", "chemo", "pump", "refill", "refill", ""},
            {"96360", "initial", "hydration", "infusion", "initial", "encounter", ""},
            {"96361", "add-on", "hydration", "infusion", "additional-hour", "hour", "96360, 96365, 96374, 96409, 96413"},
            {"96365", "initial", "therapeutic", "infusion", "initial", "encounter", ""},
            {"96366", "add-on", "therapeutic", "infusion", "additional-hour", "hour", "96360, 96365, 96367, 96413"},
            {"96367", "add-on", "therapeutic", "infusion", "sequential", "drug", "96360, 96365, 96374, 96409, 96413"},
            {"96368", "add-on", "therapeutic", "infusion", "concurrent", "drug", "96360, 96365, 96366, 96413, 96415, 96416"},
            {"96372", "initial", "therapeutic", "injection", "initial", "encounter", ""},
            {"96374", "initial", "therapeutic", "push", "initial", "encounter", ""},
            {"96375", "add-on", "therapeutic", "push", "sequential", "drug", "96360, 96365, 96374, 96409, 96413"},
            {"96376", "add-on", "therapeutic", "push", "repeat", "drug", "96365, 96374, 96409, 96413"},
    };

    /** Medicare MUE values (DOMAIN.md): code, practitioner cap/MAI, outpatient cap/MAI. */
    static final String[][] MUES = {
            {"96360", "1/3", "2/3"}, {"96361", "8/3", "24/3"}, {"96365", "1/3", "2/3"}, {"96366", "8/3", "24/3"},
            {"96367", "4/3", "4/3"}, {"96368", "1/2", "1/2"}, {"96374", "1/3", "1/3"}, {"96375", "6/3", "6/3"},
            {"96376", "0/3", "10/3"}, {"96401", "3/3", "4/3"}, {"96409", "1/3", "1/3"}, {"96411", "3/3", "3/3"},
            {"96413", "1/3", "1/3"}, {"96415", "8/3", "8/3"}, {"96416", "1/3", "1/3"}, {"96417", "3/3", "3/3"},
            {"96521", "2/3", "2/3"},
    };

    /** Named drugs the claim generator bills; the rest of the table is synthetic. */
    static final String[][] NAMED_DRUGS = {
            {"J9312", "rituximab", "chemo", "10", "mg", "single-dose"},
            {"J9070", "cyclophosphamide", "chemo", "100", "mg", ""},
            {"J9000", "doxorubicin", "chemo", "10", "mg", "single-dose"},
            {"J9370", "vincristine", "chemo", "1", "mg", "single-dose"},
            {"J9263", "oxaliplatin", "chemo", "0.5", "mg", "single-dose"},
            {"J9190", "fluorouracil", "chemo", "500", "mg", ""},
            {"J0640", "leucovorin", "therapeutic", "50", "mg", ""},
            {"J2405", "ondansetron", "therapeutic", "1", "mg", ""},
            {"J1100", "dexamethasone", "therapeutic", "1", "mg", ""},
            {"J1200", "diphenhydramine", "therapeutic", "50", "mg", ""},
    };

    static final String[] RULE_TEXTS = {
            "rule addon-requires-primary { action deny carc 107 rarc N122 message \"{code} is an add-on of {primaries}, which is not on this claim\" fix \"Add the {primary} line\" appeal none }",
            "rule mue-exceeded { action deny carc 151 rarc N362 message \"{code}: {units} units over the {setting} MUE of {cap} ({indicator})\" fix \"Bill at most {cap} units of {code}\" appeal none }",
            "rule single-initial-code { action deny carc 4 rarc none message \"{code} is a second initial code after {initials}\" fix \"Add {modifiers} when a separate IV site was used\" appeal none }",
            "rule setting-not-allowed { action deny carc 96 rarc N95 message \"{code} is not billed in the {setting} setting\" fix \"Remove {code}; it is for {allowed} claims\" appeal none }",
            "rule authorization-missing { action deny carc 197 rarc none message \"{code} needs a prior authorization\" fix \"Obtain an authorization for {code}\" appeal none }",
            "rule authorization-exceeded { action deny carc 198 rarc N640 message \"{code}: {units} units over the {approved} approved\" fix \"Bill {approved} units or amend {authorization}\" appeal none }",
            "rule audit-threshold { action review carc 151 rarc none message \"{code}: {units} units above the audit threshold of {threshold}\" fix \"Attach the infusion record\" appeal none }",
            "rule drug-modifier-required { action deny carc 4 rarc none message \"{drug} ({code}) is single-dose and needs {modifiers}\" fix \"Add {modifiers}\" appeal none }",
            "rule modifier-not-allowed { action deny carc 4 rarc none message \"modifier {modifier} is not allowed on {code}\" fix \"Use one of {allowed}\" appeal none }",
            "rule sequential-same-drug { action deny carc 16 rarc M80 message \"{code} billed for {drugs}, one drug\" fix \"Use {hourCode} for the added time\" appeal none }",
            "rule chemo-addon-for-premedication { action deny carc 11 rarc none message \"{code} billed for {drugs}, which are not chemotherapy\" fix \"Use {therapeuticCodes}\" appeal none }",
    };

    public static final String[] PLANS = {"commercial", "medicare-advantage"};

    private final List<SourceFile> files;
    private final int lines;
    private final int rules;
    private final int payers;
    private final int drugs;

    private Corpus(List<SourceFile> files, int lines, int rules, int payers, int drugs) {
        this.files = List.copyOf(files);
        this.lines = lines;
        this.rules = rules;
        this.payers = payers;
        this.drugs = drugs;
    }

    public List<SourceFile> files() { return files; }

    /** Lines of policy text (newlines), comments and blank lines included. */
    public int lines() { return lines; }

    /** Rule statements in the corpus. */
    public int rules() { return rules; }

    public int payers() { return payers; }

    public int drugs() { return drugs; }

    public static String payerId(int i) {
        return String.format("p%05d", i);
    }

    /** Drug code of the synthetic table; the named drugs keep their real codes. */
    static String drugCode(int i) {
        if (i < NAMED_DRUGS.length) return NAMED_DRUGS[i][0];
        int n = i - NAMED_DRUGS.length;
        // Q-, S- and C- prefixes keep clear of the named J-codes; 3 x 10,000 codes available
        char prefix = "QSC".charAt(n / 10_000);
        return prefix + String.format("%04d", n % 10_000);
    }

    /** A corpus of about {@code targetLines} lines spread over {@code payers} payers. */
    public static Corpus ofLines(int payers, int targetLines, long seed) {
        int base = 160 + 2 * drugsFor(0); // core + baseline lines before the payers, roughly
        int perPayer = Math.max(6, (targetLines - base) / Math.max(1, payers) - 24);
        Corpus c = generate(payers, perPayer, seed);
        return c;
    }

    private static int drugsFor(int rulesPerPayer) {
        return Math.max(200, rulesPerPayer + 50);
    }

    /** N payers of {@code rulesPerPayer} rule statements each. */
    public static Corpus generate(int payers, int rulesPerPayer, long seed) {
        Random random = new Random(seed);
        int drugs = drugsFor(rulesPerPayer);
        List<SourceFile> files = new ArrayList<>();
        int[] counts = new int[2]; // lines, rules
        files.add(file("core/hierarchy.ppl", core(counts), counts));
        files.add(file("core/drugs.ppl", drugTable(drugs, random, counts), counts));
        files.add(file("medicare/baseline.ppl", medicare(drugs, counts), counts));
        files.add(file("payers.ppl", payerList(payers), counts));
        for (int i = 0; i < payers; i++) {
            files.add(file("payers/" + payerId(i) + ".ppl", payer(i, rulesPerPayer, drugs, random, counts), counts));
        }
        return new Corpus(files, counts[0], counts[1], payers, drugs);
    }

    private static SourceFile file(String path, String text, int[] counts) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        counts[0] += n;
        return new SourceFile("policies/" + path, text);
    }

    private static String core(int[] counts) {
        StringBuilder b = new StringBuilder(8192);
        b.append("# Synthetic core hierarchy: the real drug-administration codes and their relations.\n");
        b.append("policy core {\n");
        b.append("  title \"Core hierarchy\"\n  applies to all payers\n  effective 2024-01-01\n");
        b.append("  family chemo rank 1 \"Chemotherapy and highly complex drugs\"\n");
        b.append("  family therapeutic rank 2 \"Therapeutic, prophylactic, diagnostic\"\n");
        b.append("  family hydration rank 3 \"Hydration\"\n");
        counts[1] += 3;
        b.append("  timing {\n    push up to 15 minutes\n    additional hour after 30 minutes\n    hydration after 30 minutes\n  }\n");
        b.append("  initial code in facility follows hierarchy\n  initial code in professional follows primary reason\n");
        counts[1] += 3;
        for (String[] c : CODES) {
            b.append("  code ").append(c[0]).append(" \"").append(c[2]).append(' ').append(c[3]).append(", ")
                    .append(c[4]).append("\" {\n");
            b.append("    ").append(c[1].equals("initial") ? "initial" : "add-on of " + c[6]).append('\n');
            b.append("    family ").append(c[2]).append(" method ").append(c[3]).append(" role ").append(c[4])
                    .append(" unit per ").append(c[5]).append('\n');
            if (c[0].equals("96376")) b.append("    facility only\n");
            b.append("  }\n");
            counts[1]++;
        }
        for (String r : RULE_TEXTS) {
            b.append("  ").append(r).append('\n');
            counts[1]++;
        }
        b.append("}\n");
        return b.toString();
    }

    private static String drugTable(int drugs, Random random, int[] counts) {
        StringBuilder b = new StringBuilder(drugs * 64);
        b.append("policy drug-table {\n  title \"Drug table\"\n  applies to all payers\n  extends core\n  effective 2024-01-01\n");
        String[] families = {"chemo", "therapeutic", "hydration"};
        String[] units = {"mg", "mcg", "ml"};
        for (int i = 0; i < drugs; i++) {
            if (i < NAMED_DRUGS.length) {
                String[] d = NAMED_DRUGS[i];
                b.append("  drug ").append(d[0]).append(" \"").append(d[1]).append("\" ").append(d[2]).append(", ")
                        .append(d[3]).append(' ').append(d[4]).append(" per unit").append(d[5].isEmpty() ? "" : ", single-dose").append('\n');
            } else {
                b.append("  drug ").append(drugCode(i)).append(" \"drug ").append(i).append("\" ")
                        .append(families[random.nextInt(families.length)]).append(", ").append(1 + random.nextInt(100))
                        .append(' ').append(units[random.nextInt(units.length)]).append(" per unit")
                        .append(random.nextBoolean() ? ", single-dose" : "").append('\n');
            }
            counts[1]++;
        }
        b.append("}\n");
        return b.toString();
    }

    private static String medicare(int drugs, int[] counts) {
        StringBuilder b = new StringBuilder(4096);
        b.append("policy medicare-b {\n  title \"Medicare Part B baseline\"\n  applies to payer medicare\n  extends drug-table\n  effective 2024-07-01\n");
        b.append("  from \"CMS MUE table, 2024-07-01\" {\n");
        for (String[] m : MUES) {
            b.append("    mue ").append(m[0]).append(" practitioner ").append(cap(m[1])).append(", outpatient ")
                    .append(cap(m[2])).append('\n');
            counts[1]++;
        }
        b.append("  }\n");
        b.append("  modifier JW or JZ required on single-dose drug lines\n");
        b.append("  modifier 59, XU, XS allows second initial code\n");
        counts[1] += 2;
        b.append("}\n");
        return b.toString();
    }

    private static String cap(String valueMai) {
        String[] v = valueMai.split("/");
        return v[0] + switch (v[1]) {
            case "1" -> " per line";
            case "2" -> " per day (policy)";
            default -> " per day (clinical)";
        };
    }

    private static String payerList(int payers) {
        StringBuilder b = new StringBuilder(payers * 96);
        b.append("payer medicare \"Medicare Part B\"\n");
        for (int i = 0; i < payers; i++) {
            b.append("payer ").append(payerId(i)).append(" \"Payer ").append(i).append("\" {\n");
            b.append("  plan commercial \"Commercial\"\n  plan medicare-advantage \"Medicare Advantage\"\n}\n");
        }
        return b.toString();
    }

    /**
     * One payer file: the payer policy over the Medicare baseline (most of the rules) and its two
     * plan policies. Every payer uses distinct drugs for its rules so each statement sets one key.
     */
    private static String payer(int i, int rules, int drugs, Random random, int[] counts) {
        String id = payerId(i);
        StringBuilder b = new StringBuilder(rules * 48 + 1024);
        b.append("# ").append(id).append(": follows the Medicare baseline with its own caps and reviews.\n");
        b.append("policy ").append(id).append(" {\n  title \"Payer ").append(i).append("\"\n  applies to payer ").append(id)
                .append("\n  extends medicare-b\n  effective 2025-01-01\n");
        // plan rules: a few of the statements; the rest is the payer's
        int planRules = Math.min(6, rules / 4);
        int payerRules = rules - planRules;
        // a shuffled window over the drug table: distinct drugs for this payer
        int offset = random.nextInt(drugs);
        int d = 0;
        b.append("  from \"Payer ").append(i).append(" medical policy bulletin\" {\n");
        b.append("    override mue 96417 outpatient ").append(3 + random.nextInt(2)).append(" per day (clinical)\n");
        b.append("    audit 96417 above 3 units\n");
        b.append("    override rule mue-exceeded { carc 151 rarc none }\n");
        int written = 3;
        while (written < payerRules) {
            String drug = drugCode((offset + d++) % drugs);
            if (drug.startsWith("J")) continue; // the named drugs keep the baseline's rules
            switch (written % 4) {
                case 0 -> b.append("    mue ").append(drug).append(" practitioner ").append(10 + random.nextInt(90))
                        .append(" per day (clinical), outpatient ").append(10 + random.nextInt(190)).append(" per day (clinical)\n");
                case 1 -> b.append("    audit ").append(drug).append(" above ").append(5 + random.nextInt(50)).append(" units\n");
                case 2 -> b.append("    prior authorization required for ").append(drug).append('\n');
                default -> b.append("    modifier JW, JZ, 59 allowed on ").append(drug).append('\n');
            }
            written++;
        }
        b.append("  }\n}\n");
        counts[1] += written;
        // commercial plan: authorizations for the chemotherapy administration codes
        b.append("policy ").append(id).append("-commercial {\n  applies to payer ").append(id)
                .append(" plan commercial\n  extends ").append(id).append("\n  effective 2025-01-01\n");
        String[] authCodes = {"96413", "96415", "96417", "96409", "96411", "96416"};
        int pr = 0;
        for (; pr < Math.min(planRules, authCodes.length); pr++) {
            b.append("  prior authorization ").append(pr == 2 ? "limits units of " : "required for ").append(authCodes[pr]).append('\n');
        }
        counts[1] += pr;
        b.append("}\n");
        b.append("policy ").append(id).append("-medicare-advantage {\n  applies to payer ").append(id)
                .append(" plan medicare-advantage\n  extends ").append(id).append("\n  effective 2025-01-01\n}\n");
        return b.toString();
    }

    /** Writes the corpus below {@code root} (for the command-line runs). */
    public void writeTo(Path root) {
        try {
            for (SourceFile f : files) {
                Path p = root.resolve(f.path().substring("policies/".length()));
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
