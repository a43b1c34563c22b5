package org.pplc.runtime.claim;

import org.pplc.runtime.claim.InvalidClaimException.Problem;
import org.pplc.runtime.engine.Texts;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The claim schema of CONTRACT.md, in one place: the rules a claim's values must keep and the
 * words that say a value breaks one. The records of this package check themselves with it when
 * they are built (a {@link Claim} cannot hold units of 0 or a repeated line number), and the JSON
 * reader words its errors with the same texts, so a claim built in Java and one read from JSON are
 * refused for the same reasons in the same words. What only JSON can get wrong (a number where
 * text belongs, a bad date's text) the reader words itself.
 *
 * <p>Each check adds to a list it creates on the first problem and returns it (null when there is
 * none), so a valid claim costs no allocation.
 */
public final class ClaimSchema {
    /** Service lines on one claim: the 837I institutional claim's ceiling. */
    public static final int MAX_LINES = 999;
    /** Modifiers on one line: the X12 837 service line has four modifier positions. */
    public static final int MAX_MODIFIERS = 4;

    /** A required value that is absent. */
    public static final String MISSING = "missing";
    /** A required text that is blank. */
    public static final String EMPTY = "empty";
    /** A claim with neither setting nor a place of service that tells it. */
    public static final String SETTING_MISSING = "missing (give setting, or placeOfService 11, 19 or 22)";
    /** A claim without lines (adjudicate needs at least one). */
    public static final String NO_LINES = "empty (a claim needs at least one line)";
    /** A derive record without administrations. */
    public static final String NO_ADMINISTRATIONS = "empty (derive needs at least one administration)";
    /** An administration that names no drug. */
    public static final String NEEDS_DRUG = "needs drug or hcpcs";
    /** An administration without a method: the methods a record may give. */
    public static final String METHOD_MISSING = "missing (" + Texts.or(Method.recordIds()) + ")";
    /** An authorization without its approved units. */
    public static final String AUTHORIZED_UNITS = "must be an object of approved units by code, e.g. {\"96413\": 1}";

    private ClaimSchema() {
    }

    /** A whole number below its floor: {@code must be at least 1, got 0}. */
    public static String atLeast(int min, long got) {
        return "must be at least " + min + ", got " + got;
    }

    /** A place of service that does not say whether the facility or the practitioner bills. */
    public static String placeOfServiceUntold(String placeOfService) {
        return placeOfService + " does not tell the setting (11 is professional; 19 and 22 are facility); give setting";
    }

    public static String tooManyLines(int count) {
        return "a claim may have at most " + MAX_LINES + " lines, got " + count;
    }

    /** Each modifier is checked against the line's rules: a thousand of them would be a thousand findings. */
    public static String tooManyModifiers(int count) {
        return "a line carries at most " + MAX_MODIFIERS + " modifiers, got " + count;
    }

    /** @param described the value as the message shows it ({@code "\"\""}, {@code null}, {@code 42}) */
    public static String notAModifier(String described) {
        return "must be a modifier such as \"JZ\", got " + described;
    }

    /** A line number given twice: findings name lines by number, so two lines may not share one. */
    public static String repeatedLineNumber(int number, int firstIndex) {
        return number + " is already the number of lines[" + firstIndex + "]";
    }

    public static String endBeforeStart(LocalDateTime end, LocalDateTime start) {
        return end + " is before start " + start;
    }

    /** The setting a claim without one takes from its place of service, or null when the place does not tell. */
    public static Setting settingOf(Setting setting, String placeOfService) {
        return setting != null ? setting : Setting.fromPlaceOfService(placeOfService);
    }

    // ---- checks ----

    static List<Problem> add(List<Problem> problems, String at, String field, String message) {
        if (problems == null) problems = new ArrayList<>(2);
        problems.add(new Problem(path(at, field), message));
        return problems;
    }

    /** {@code lines[2]} and {@code units} make {@code lines[2].units}; an empty part is left out. */
    static String path(String at, String field) {
        if (at.isEmpty()) return field;
        if (field.isEmpty()) return at;
        return at + "." + field;
    }

    static List<Problem> requiredText(List<Problem> p, String at, String field, String value) {
        if (value == null) return add(p, at, field, MISSING);
        if (value.isBlank()) return add(p, at, field, EMPTY);
        return p;
    }

    /** A claim's own fields: payer, date of service, and a setting given or told by the place of service. */
    static List<Problem> claimFields(List<Problem> p, String payer, Setting setting, String placeOfService,
                                     LocalDate dateOfService) {
        p = requiredText(p, "", "payer", payer);
        if (dateOfService == null) p = add(p, "", "dateOfService", MISSING);
        if (setting == null) {
            p = placeOfService == null ? add(p, "", "setting", SETTING_MISSING)
                    : add(p, "", "placeOfService", placeOfServiceUntold(placeOfService));
        }
        return p;
    }

    /** How a claim's parts fit together; each part checked itself when built. */
    static List<Problem> claimParts(List<Problem> p, List<ClaimLine> lines, List<PriorAuthorization> authorizations,
                                    List<Administration> administrations) {
        if (lines == null) {
            p = add(p, "", "lines", MISSING);
        } else {
            if (lines.size() > MAX_LINES) p = add(p, "", "lines", tooManyLines(lines.size()));
            // a visit for derive may come without lines; a claim with neither has nothing to decide
            if (lines.isEmpty() && (administrations == null || administrations.isEmpty())) p = add(p, "", "lines", NO_LINES);
            boolean whole = true;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) == null) {
                    p = add(p, "lines[" + i + "]", "", MISSING);
                    whole = false;
                }
            }
            if (whole) p = repeatedLineNumbers(p, lines);
        }
        p = noneMissing(p, "authorizations", authorizations);
        return noneMissing(p, "administrations", administrations);
    }

    private static List<Problem> noneMissing(List<Problem> p, String field, List<?> items) {
        if (items == null) return p;
        for (int i = 0; i < items.size(); i++) if (items.get(i) == null) p = add(p, field + "[" + i + "]", "", MISSING);
        return p;
    }

    /**
     * Every line whose number an earlier line has, named by its position. A few lines are compared
     * pair by pair (no allocation); a long claim is sorted once.
     */
    public static List<Problem> repeatedLineNumbers(List<Problem> p, List<ClaimLine> lines) {
        int n = lines.size();
        if (n <= 32) {
            for (int i = 1; i < n; i++) {
                int number = lines.get(i).line();
                for (int j = 0; j < i; j++) {
                    if (lines.get(j).line() == number) {
                        p = add(p, "lines[" + i + "]", "line", repeatedLineNumber(number, j));
                        break;
                    }
                }
            }
            return p;
        }
        long[] keyed = new long[n]; // number, then position: sorted, a repeat follows its first
        for (int i = 0; i < n; i++) keyed[i] = ((long) lines.get(i).line() << 32) | i;
        Arrays.sort(keyed);
        List<int[]> repeats = null;
        for (int k = 1, first = 0; k < n; k++) {
            if ((int) (keyed[k] >>> 32) != (int) (keyed[first] >>> 32)) {
                first = k;
                continue;
            }
            if (repeats == null) repeats = new ArrayList<>();
            repeats.add(new int[] {(int) keyed[k], (int) keyed[first]});
        }
        if (repeats == null) return p;
        repeats.sort((a, b) -> Integer.compare(a[0], b[0])); // in line order, as the short path gives them
        for (int[] r : repeats) p = add(p, "lines[" + r[0] + "]", "line", repeatedLineNumber(lines.get(r[0]).line(), r[1]));
        return p;
    }

    static List<Problem> line(List<Problem> p, String at, int number, String code, int units, List<String> modifiers) {
        if (number < 1) p = add(p, at, "line", atLeast(1, number));
        p = requiredText(p, at, "code", code);
        if (units < 1) p = add(p, at, "units", atLeast(1, units));
        if (modifiers != null) {
            if (modifiers.size() > MAX_MODIFIERS) p = add(p, at, "modifiers", tooManyModifiers(modifiers.size()));
            for (int i = 0; i < modifiers.size(); i++) {
                String m = modifiers.get(i);
                if (m == null || m.isBlank()) {
                    p = add(p, at, "modifiers[" + i + "]", notAModifier(m == null ? "null" : "\"" + m + "\""));
                }
            }
        }
        return p;
    }

    static List<Problem> authorization(List<Problem> p, String at, Map<String, Integer> units) {
        if (units == null) return add(p, at, "units", AUTHORIZED_UNITS);
        for (Map.Entry<String, Integer> u : units.entrySet()) {
            String code = u.getKey();
            if (code == null || code.isBlank()) {
                p = add(p, at, "units", "a code of the approved units is " + (code == null ? MISSING : EMPTY));
            } else if (u.getValue() == null) {
                p = add(p, at, "units." + code, MISSING);
            } else if (u.getValue() < 0) {
                p = add(p, at, "units." + code, atLeast(0, u.getValue()));
            }
        }
        return p;
    }

    static List<Problem> administration(List<Problem> p, String at, String drug, String hcpcs, Method method,
                                        LocalDateTime start, LocalDateTime end) {
        if (drug == null && hcpcs == null) p = add(p, at, "", NEEDS_DRUG);
        if (method == null) p = add(p, at, "method", METHOD_MISSING);
        if (start == null) p = add(p, at, "start", MISSING);
        if (end == null && !endOptional(method)) p = add(p, at, "end", MISSING);
        if (start != null && end != null && end.isBefore(start)) p = add(p, at, "end", endBeforeStart(end, start));
        return p;
    }

    /**
     * A pump started at the visit runs on after the patient leaves, and a refill's code does not
     * depend on its length: both may come without an end (derive notes what it cannot check).
     */
    public static boolean endOptional(Method method) {
        return method == Method.PUMP || method == Method.REFILL;
    }

    static List<Problem> dose(List<Problem> p, String at, BigDecimal amount, String unit, BigDecimal discarded) {
        if (amount == null) p = add(p, at, "amount", "must be a number, got nothing");
        else if (amount.signum() <= 0) p = add(p, at, "amount", "must be above 0, got " + amount);
        p = requiredText(p, at, "unit", unit);
        if (discarded != null && discarded.signum() < 0) {
            p = add(p, at, "discarded", "must be a number of 0 or more, got " + discarded);
        }
        return p;
    }

    /** Throws the problems found, if any. */
    static void refuse(List<Problem> problems) {
        if (problems != null) throw new InvalidClaimException(problems);
    }
}
