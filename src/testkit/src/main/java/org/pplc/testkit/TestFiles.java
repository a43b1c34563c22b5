package org.pplc.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pplc.testkit.PolicyTestCase.ExpectedFinding;
import org.pplc.testkit.PolicyTestCase.ExpectedLine;
import org.pplc.testkit.PolicyTestCase.Expectation;
import org.pplc.testkit.PolicyTestCase.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

    static List<Path> find(Path policies) throws IOException {
        Path dir = policies.resolve("tests");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    static String name(Path p) {
        String n = p.toString().replace('\\', '/');
        return n.startsWith("./") ? n.substring(2) : n;
    }

    static List<PolicyTestCase> read(Path file) {
        String name = name(file);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
            return List.of(broken(name, 0, where + ": not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(broken(name, 0, name + ": cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isArray()) {
            return List.of(broken(name, 0, name + ": a test file holds a JSON list of test cases"));
        }
        List<PolicyTestCase> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) out.add(testCase(file, name, i, root.get(i)));
        if (out.isEmpty()) out.add(broken(name, 0, name + ": the list of test cases is empty"));
        return out;
    }

    private static PolicyTestCase broken(String file, int index, String problem) {
        return new PolicyTestCase(file, index, null, Kind.CLAIM, null, null, problem);
    }

    private static PolicyTestCase testCase(Path file, String fileName, int index, JsonNode node) {
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
            JsonNode input = o.has("claim") ? o.get("claim") : o.has("visit") ? o.get("visit") : load(file, o, where);
            if (!input.isObject()) throw new Problem(where + ": the " + (kind == Kind.CLAIM ? "claim" : "visit") + " is a JSON object");
            if (!o.path("expect").isObject()) throw new Problem(where + ": \"expect\" (an object) is required");
            Expectation expect = expectation(o.get("expect"), where, kind);
            return new PolicyTestCase(fileName, index, name, kind, input, expect, null);
        } catch (Problem p) {
            return new PolicyTestCase(fileName, index, name, Kind.CLAIM, null, null, p.getMessage());
        }
    }

    private static JsonNode load(Path file, ObjectNode o, String where) {
        String key = o.has("claimFile") ? "claimFile" : "visitFile";
        if (!o.get(key).isTextual()) throw new Problem(where + ": \"" + key + "\" is a path relative to the test file");
        Path p = file.resolveSibling(o.get(key).asText()).normalize();
        try {
            return JSON.readTree(Files.readString(p));
        } catch (JsonProcessingException e) {
            throw new Problem(where + ": " + name(p) + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Problem(where + ": cannot read " + key + " " + name(p));
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
                String rule = required(f, "rule", at), action = required(f, "action", at), carc = required(f, "carc", at);
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
