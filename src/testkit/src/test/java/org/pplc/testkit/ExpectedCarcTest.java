package org.pplc.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An expected finding without "carc" is matched by line, rule and action; one with it still compares it. */
class ExpectedCarcTest {
    static final Path BASE = Path.of("src/compiler/src/test/resources/base");

    @TempDir
    Path dir;

    @BeforeEach
    void copyPolicies() throws Exception {
        for (String f : List.of("core.ppl", "medicare.ppl", "payers.ppl")) Files.copy(BASE.resolve(f), dir.resolve(f));
        Files.createDirectories(dir.resolve("tests"));
    }

    private static String addOnAlone(String name, String finding) {
        return "{\"name\": \"" + name + "\", \"claim\": {\"id\": \"C1\", \"payer\": \"medicare\", \"setting\": \"facility\","
                + " \"dateOfService\": \"2025-03-02\", \"lines\": [{\"code\": \"96417\", \"units\": 1}]},"
                + " \"expect\": {\"findings\": [" + finding + "]}}";
    }

    @Test
    void carcIsComparedOnlyWhenGiven() throws Exception {
        Files.writeString(dir.resolve("tests/c.test.json"), "[" + String.join(",",
                addOnAlone("no carc", "{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\"}"),
                addOnAlone("right carc", "{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\", \"carc\": \"107\"}"),
                addOnAlone("wrong carc", "{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\", \"carc\": \"16\"}"),
                addOnAlone("no carc, wrong action", "{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"warn\"}")) + "]");
        PolicyTestRunner.Report r = PolicyTestRunner.load(dir).runAll();
        assertEquals("2 passed, 2 failed", r.summary());
        assertTrue(r.results().get(2).failures().get(0).startsWith(
                "missing finding: expected line 1 addon-requires-primary deny CARC 16, got line 1 96417"), r.results().get(2).failures().toString());
        // without a carc the expectation reads without one
        assertTrue(r.results().get(3).failures().get(0).startsWith(
                "missing finding: expected line 1 addon-requires-primary warn, got line 1 96417"), r.results().get(3).failures().toString());
    }
}
