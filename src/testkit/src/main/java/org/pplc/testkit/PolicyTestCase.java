package org.pplc.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One policy test as written in a {@code *.test.json} file: a claim to adjudicate or a visit to
 * derive, and what must come out.
 *
 * @param file  the test file, as the user names it
 * @param index 0-based position in the file's list
 * @param input the claim or visit object
 * @param problem why the case cannot run (a missing field, a typo in a key), or null
 */
public record PolicyTestCase(String file, int index, String name, Kind kind, JsonNode input, Expectation expect,
                             String problem) {
    public enum Kind {CLAIM, VISIT}

    /** How failures and JUnit name the case: {@code file #n name}. */
    public String displayName() {
        return file + " #" + (index + 1) + (name == null ? "" : " " + name);
    }

    /**
     * What must come out; a null part is not checked.
     *
     * @param decision pass, warn, review, deny, or error
     * @param findings all must appear and no others; empty means none
     * @param lines    the claim lines derive must write, in order
     * @param policy   the policy that must govern
     * @param error    text the error must contain (decision error)
     */
    public record Expectation(String decision, List<ExpectedFinding> findings, List<ExpectedLine> lines,
                              String policy, String error) {
        public Expectation {
            findings = findings == null ? null : List.copyOf(findings);
            lines = lines == null ? null : List.copyOf(lines);
        }
    }

    /**
     * A finding that must appear; carc, rarc, code and the texts the payer sends (message, fix, appeal:
     * the exact words, placeholders filled) are compared only when given.
     */
    public record ExpectedFinding(int line, String rule, String action, String carc, List<String> rarc, String code,
                                  String message, String fix, String appeal) {
        public ExpectedFinding {
            rarc = rarc == null ? null : List.copyOf(rarc);
        }

        public ExpectedFinding(int line, String rule, String action, String carc, List<String> rarc, String code) {
            this(line, rule, action, carc, rarc, code, null, null, null);
        }

        @Override
        public String toString() {
            return "line " + line + (code == null ? "" : " " + code) + " " + rule + " " + action + (carc == null ? "" : " CARC " + carc)
                    + (rarc == null ? "" : " RARC " + (rarc.isEmpty() ? "none" : String.join(",", rarc)));
        }
    }

    /** A claim line derive must write; modifiers compared only when given. */
    public record ExpectedLine(String code, int units, List<String> modifiers) {
        public ExpectedLine {
            modifiers = modifiers == null ? null : List.copyOf(modifiers);
        }

        @Override
        public String toString() {
            return code + " x" + units + (modifiers == null || modifiers.isEmpty() ? "" : " " + String.join(",", modifiers));
        }
    }
}
