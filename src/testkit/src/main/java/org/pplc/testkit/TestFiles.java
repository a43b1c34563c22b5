package org.pplc.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pplc.compiler.PolicyTree;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.testkit.PolicyTestCase.ExpectedFinding;
import org.pplc.testkit.PolicyTestCase.ExpectedLine;
import org.pplc.testkit.PolicyTestCase.Expectation;
import org.pplc.testkit.PolicyTestCase.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code tests/**}{@code /*.test.json} below a policy directory. A file that is not valid
 * JSON, or a case with a missing or misspelt field, becomes a case that fails with the reason
 * (file, and line:column for JSON errors) instead of stopping the run.
 */
final class TestFiles {
    static final String SUFFIX = ".test.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CASE_KEYS = Set.of("name", "claim", "visit", "claimFile", "visitFile", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("decision", "findings", "lines", "policy", "error");
    private static final Set<String> FINDING_KEYS = Set.of("line", "rule", "action", "carc", "rarc", "code", "message", "fix",
            "appeal");
    private static final Set<String> LINE_KEYS = Set.of("code", "units", "modifiers");
    private static final Set<String> DECISIONS = Set.of("pass", "warn", "review", "deny", "error");

    private TestFiles() {
    }

    /** A test file, or a file one names, larger than this is refused, not read. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * Every test file under {@code tests/} of the tree, in path order, read through the guarded
     * walk; a test file that is a link leaving the root becomes a failing case saying so.
     */
    static List<PolicyTestCase> readAll(PolicyTree tree) {
        Diagnostics refused = new Diagnostics();
        List<PolicyTestCase> out = new ArrayList<>();
        for (PolicyTree.Entry f : tree.files("tests", SUFFIX, Integer.MAX_VALUE, refused)) out.addAll(read(tree, f));
        for (Diagnostic d : refused.sorted()) out.add(broken(d.span().file(), 0, d.span().file() + ": " + d.message()));
        return out;
    }

    static List<PolicyTestCase> read(PolicyTree tree, PolicyTree.Entry file) {
        String name = tree.name(file.relative());
        JsonNode root;
        try {
            root = JSON.readTree(text(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            return List.of(broken(name, 0, where + ": not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(broken(name, 0, name + ": cannot read: " + PolicyTree.reason(e)));
        }
        if (root == null || !root.isArray()) {
            return List.of(broken(name, 0, name + ": a test file holds a JSON list of test cases"));
        }
        List<PolicyTestCase> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) out.add(testCase(tree, file, name, i, root.get(i)));
        if (out.isEmpty()) out.add(broken(name, 0, name + ": the list of test cases is empty"));
        return out;
    }

    private static PolicyTestCase broken(String file, int index, String problem) {
        return new PolicyTestCase(file, index, null, Kind.CLAIM, null, null, problem);
    }

    /** A file's text, refused when it is larger than {@link #MAX_BYTES}. */
    private static String text(PolicyTree.Entry file) throws IOException {
        byte[] bytes = PolicyTree.read(file, MAX_BYTES);
        if (bytes.length > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static PolicyTestCase testCase(PolicyTree tree, PolicyTree.Entry file, String fileName, int index, JsonNode node) {
        String where = fileName + " case " + (index + 1);
        if (!(node instanceof ObjectNode o)) return broken(fileName, index, where + ": a test case is a JSON object");
        String name = o.path("name").isTextual() ? o.get("name").asText() : null;
        try {
            unknownKeys(o, CASE_KEYS, where);
            if (name == null || name.isBlank()) throw new Problem(where + ": \"name\" (a text) is required");
            where = where + " (" + name + ")";
            int inputs = (o.has("claim") ? 1 : 0) + (o.has("visit") ? 1 : 0) + (o.has("claimFile") ? 1 : 0)
                    + (o.has("visitFile") ? 1 : 0);
            if (inputs != 1) throw new Problem(where + ": give exactly one of \"claim\", \"visit\", \"claimFile\", \"visitFile\"");
            Kind kind = o.has("claim") || o.has("claimFile") ? Kind.CLAIM : Kind.VISIT;
            JsonNode input = o.has("claim") ? o.get("claim") : o.has("visit") ? o.get("visit") : load(tree, file, o, where);
            if (!input.isObject()) throw new Problem(where + ": the " + (kind == Kind.CLAIM ? "claim" : "visit") + " is a JSON object");
            if (!o.path("expect").isObject()) throw new Problem(where + ": \"expect\" (an object) is required");
            Expectation expect = expectation(o.get("expect"), where, kind);
            return new PolicyTestCase(fileName, index, name, kind, input, expect, null);
        } catch (Problem p) {
            return new PolicyTestCase(fileName, index, name, Kind.CLAIM, null, null, p.getMessage());
        }
    }

    /**
     * The claim or visit a case names by file: a reference that resolves outside the policies
     * root, or through a link that leaves it, fails the case and is never read.
     */
    private static JsonNode load(PolicyTree tree, PolicyTree.Entry file, ObjectNode o, String where) {
        String key = o.has("claimFile") ? "claimFile" : "visitFile";
        if (!o.get(key).isTextual()) throw new Problem(where + ": \"" + key + "\" is a path relative to the test file");
        String reference = o.get(key).asText();
        PolicyTree.Reference r;
        try {
            r = tree.reference(file, reference);
        } catch (java.nio.file.InvalidPathException e) {
            throw new Problem(where + ": " + key + " " + reference + " is not a file name");
        }
        if (r.entry() == null) throw new Problem(where + ": " + key + " " + r.problem());
        String name = tree.name(r.entry().relative());
        try {
            return JSON.readTree(text(r.entry()));
        } catch (JsonProcessingException e) {
            throw new Problem(where + ": " + name + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Problem(where + ": cannot read " + key + " " + name + ": " + PolicyTree.reason(e));
        }
    }

    private static Expectation expectation(JsonNode e, String where, Kind kind) {
        unknownKeys(e, EXPECT_KEYS, where + " expect");
        String decision = text(e, "decision", where);
        if (decision != null && !DECISIONS.contains(decision)) {
            throw new Problem(where + ": decision \"" + decision + "\" is not one of pass, warn, review, deny, error");
        }
        List<ExpectedFinding> findings = null;
        if (e.has("findings")) {
            if (!e.get("findings").isArray()) throw new Problem(where + ": \"findings\" is a list");
            findings = new ArrayList<>();
            int k = 0;
            for (JsonNode f : e.get("findings")) {
                String at = where + " finding " + (++k);
                unknownKeys(f, FINDING_KEYS, at);
                if (!f.path("line").canConvertToInt() || !f.path("line").isIntegralNumber()) throw new Problem(at + ": \"line\" (a number) is required");
                // carc is optional: a rule whose adjustment codes are payer text may be pinned by line, rule and action
                String rule = required(f, "rule", at), action = required(f, "action", at), carc = text(f, "carc", at);
                findings.add(new ExpectedFinding(f.get("line").asInt(), rule, action, carc, strings(f, "rarc", at), text(f, "code", at),
                        text(f, "message", at), text(f, "fix", at), text(f, "appeal", at)));
            }
        }
        List<ExpectedLine> lines = null;
        if (e.has("lines")) {
            if (kind != Kind.VISIT) throw new Problem(where + ": \"lines\" is for visit (derive) tests");
            if (!e.get("lines").isArray()) throw new Problem(where + ": \"lines\" is a list");
            lines = new ArrayList<>();
            int k = 0;
            for (JsonNode l : e.get("lines")) {
                String at = where + " line " + (++k);
                unknownKeys(l, LINE_KEYS, at);
                String code = required(l, "code", at);
                int units = l.has("units") ? l.get("units").asInt(-1) : 1;
                if (units < 1) throw new Problem(at + ": \"units\" is a number of at least 1");
                lines.add(new ExpectedLine(code, units, strings(l, "modifiers", at)));
            }
        }
        Expectation x = new Expectation(decision, findings, lines, text(e, "policy", where), text(e, "error", where));
        if (x.decision() == null && x.findings() == null && x.lines() == null && x.policy() == null) {
            throw new Problem(where + ": \"expect\" names nothing to check");
        }
        return x;
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String where) {
        if (!n.isObject()) throw new Problem(where + ": expected a JSON object");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new Problem(where + ": unknown field \"" + k + "\" (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String required(JsonNode n, String key, String where) {
        String v = text(n, key, where);
        if (v == null) throw new Problem(where + ": \"" + key + "\" is required");
        return v;
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() && !v.isNumber()) throw new Problem(where + ": \"" + key + "\" is a text");
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (v.isTextual()) return List.of(v.asText());
        if (!v.isArray()) throw new Problem(where + ": \"" + key + "\" is a list of texts");
        List<String> out = new ArrayList<>();
        for (JsonNode s : v) out.add(s.asText());
        return out;
    }

    /** A mistake in a test file; becomes a failing case. */
    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
