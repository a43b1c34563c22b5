package org.pplc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adjudicate command over a small policy set written for these tests (src/cli/src/test/resources/mini). */
class AdjudicateCommandTest {
    static final String MINI = "src/cli/src/test/resources/mini";
    static final String CLAIMS = "src/cli/src/test/resources/claims/";

    static String claim(String id, String payer, String plan, String setting, String... lines) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"payer\":\"" + payer + "\",");
        if (plan != null) b.append("\"plan\":\"").append(plan).append("\",");
        b.append("\"setting\":\"").append(setting).append("\",\"dateOfService\":\"2026-03-02\",\"lines\":[");
        for (int i = 0; i < lines.length; i++) b.append(i > 0 ? "," : "").append(lines[i]);
        return b.append("]}").toString();
    }

    @Test
    void everyRecordGetsAResultInOrderAndErrorsExitTwo() {
        Cli.Run r = Cli.run(null, "adjudicate", "--policies", MINI, CLAIMS + "mixed.ndjson");
        assertEquals(2, r.exit(), r.err());
        List<JsonNode> out = r.records();
        assertEquals(9, out.size(), r.out());
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).get("decision").asText().equals("error")) assertEquals(i, out.get(i).get("index").asInt());
        }
        assertEquals("deny", out.get(0).get("decision").asText());
        assertEquals("mue-exceeded", out.get(0).get("findings").get(0).get("rule").asText());
        assertEquals("error", out.get(1).get("decision").asText());
        assertEquals("broken", out.get(1).get("id").asText());
        assertEquals("pass", out.get(2).get("decision").asText()); // 96361 x20 within the outpatient 24
        assertEquals("unknown payer 'uhcc' (did you mean uhc?)", out.get(3).get("error").asText());
        assertEquals("dateOfService: not a date (YYYY-MM-DD), got \"2026-13-01\"", out.get(4).get("error").asText());
        assertEquals("lines[0].units: must be at least 1, got 0", out.get(5).get("error").asText());
        assertEquals("lines[0].code: missing", out.get(6).get("error").asText());
        assertEquals("no policy of payer 'medicare' is in force on 2024-03-01", out.get(7).get("error").asText());
        assertEquals("last", out.get(8).get("id").asText());
        assertEquals("pass", out.get(8).get("decision").asText());
        assertTrue(r.err().contains("9 claims: 2 pass, 1 deny, 0 review, 0 warn, 6 errors"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void allEvaluatedExitsZeroAndReadsStandardInput() {
        String array = "[" + claim("a", "medicare", null, "facility", "{\"code\":\"96413\"}") + ","
                + claim("b", "medicare", null, "professional", "{\"code\":\"96374\"}", "{\"code\":\"96376\"}") + "]";
        Cli.Run r = Cli.run(array, "adjudicate", "--policies", MINI, "-");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = r.records();
        assertEquals("pass", out.get(0).get("decision").asText());
        JsonNode b = out.get(1);
        assertEquals("deny", b.get("decision").asText());
        // 96376 in the office: the code is facility only, and its practitioner MUE is 0
        assertEquals("setting-not-allowed", b.get("findings").get(0).get("rule").asText());
        assertEquals("96376 is billed in facility only, not professional", b.get("findings").get(0).get("message").asText());
        assertEquals("mue-exceeded", b.get("findings").get(1).get("rule").asText());
    }

    /** Issue 18: an array without its closing bracket evaluates its complete elements and exits 2. */
    @Test
    void anUnclosedArrayIsAnErrorRecordAndExitsTwo() {
        String open = "[" + claim("a", "medicare", null, "facility", "{\"code\":\"96413\"}") + ",\n"
                + claim("b", "medicare", null, "facility", "{\"code\":\"96413\"}") + "\n";
        Cli.Run r = Cli.run(open, "adjudicate", "--policies", MINI, "-");
        assertEquals(2, r.exit(), r.err());
        List<JsonNode> out = r.records();
        assertEquals(3, out.size(), r.out());
        assertEquals("pass", out.get(0).get("decision").asText());
        assertEquals("pass", out.get(1).get("decision").asText());
        assertEquals("error", out.get(2).get("decision").asText());
        assertEquals(2, out.get(2).get("index").asInt());
        assertEquals("the array is not closed: the input ends before its closing ] (input line 3)", out.get(2).get("error").asText());
    }

    @Test
    void findingCarriesTheContractFieldsInOrder() {
        Cli.Run r = Cli.run(claim("x", "medicare", null, "facility", "{\"code\":\"96409\"}", "{\"code\":\"96417\"}"),
                "adjudicate", "--policies", MINI, "-");
        String line = r.out().strip();
        assertTrue(line.startsWith("{\"id\":\"x\",\"payer\":\"medicare\",\"policy\":\"medicare\",\"decision\":\"deny\","
                + "\"findings\":[{\"line\":2,\"code\":\"96417\",\"action\":\"deny\",\"carc\":\"107\",\"rarc\":[\"N122\"],"
                + "\"rule\":\"addon-requires-primary\",\"message\":\"96417 is an add-on of 96413, which is not on this claim\","
                + "\"fix\":\"Add the 96413 line\",\"appeal\":null,\"source\":\"mini/core/core.ppl:"), line); // named below the root's own name
        assertTrue(line.contains("\"layer\":\"core\""), line);
    }

    @Test
    void layeringPlanOverPayerOverMedicare() {
        String lines = "{\"code\":\"96413\"},{\"code\":\"96413\"}";
        String auth = ",\"authorizations\":[{\"id\":\"PA-1\",\"units\":{\"96413\":2}}]}";
        String medicare = claim("m", "medicare", null, "facility", lines);
        String uhc = claim("u", "uhc", null, "facility", lines).replaceAll("}$", auth);
        String plan = claim("p", "uhc", "commercial", "facility", lines).replaceAll("}$", auth);
        Cli.Run r = Cli.run(medicare + "\n" + uhc + "\n" + plan + "\n", "adjudicate", "--policies", MINI, "-");
        List<JsonNode> out = r.records();
        JsonNode m = mue(out.get(0)), u = mue(out.get(1)), p = mue(out.get(2));
        assertEquals("96", m.get("carc").asText());
        assertEquals("[\"N362\"]", m.get("rarc").toString());
        assertEquals("uhc", out.get(1).get("policy").asText());
        assertEquals("151", u.get("carc").asText());      // uhc overrides the CARC and drops the remark
        assertEquals("[]", u.get("rarc").toString());
        assertEquals("uhc-commercial", out.get(2).get("policy").asText());
        assertEquals("151", p.get("carc").asText());      // the plan keeps the payer's CARC
        assertEquals("[\"N640\"]", p.get("rarc").toString()); // and sets its own remark
    }

    private static JsonNode mue(JsonNode result) {
        for (JsonNode f : result.get("findings")) if (f.get("rule").asText().equals("mue-exceeded")) return f;
        throw new AssertionError("no mue-exceeded finding in " + result);
    }

    @Test
    void explainListsEveryCheckOfEveryLine() {
        Cli.Run r = Cli.run(claim("e", "medicare", null, "facility", "{\"code\":\"96413\"}", "{\"code\":\"96417\"}"),
                "adjudicate", "--policies", MINI, "--explain", "-");
        JsonNode result = r.records().get(0);
        assertEquals("pass", result.get("decision").asText());
        JsonNode lines = result.get("lines");
        assertEquals(2, lines.size());
        JsonNode mue = null;
        for (JsonNode e : lines.get(1).get("explanation")) if (e.get("rule").asText().equals("mue-exceeded")) mue = e;
        assertEquals("passed", mue.get("outcome").asText());
        assertEquals("96417 units 1 within the outpatient MUE of 3 per day (clinical)", mue.get("reason").asText());
        assertEquals("medicare", mue.get("layer").asText());
        assertTrue(mue.get("source").asText().startsWith("mini/core/core.ppl:"));
    }

    @Test
    void outFileIsWrittenAsideThenRenamed(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("results.ndjson");
        Files.writeString(target, "old");
        Cli.Run r = Cli.run(claim("a", "medicare", null, "facility", "{\"code\":\"96413\"}"),
                "adjudicate", "--policies", MINI, "--out", target.toString(), "-");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(target).startsWith("{\"id\":\"a\""));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList()); // nothing left aside
        }
    }

    @Test
    void policyErrorsAndMissingInputExitOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.ppl"), "policy broken {\n  mue 96413 practitioner one per day (clinical)\n}\n");
        Cli.Run bad = Cli.run("", "adjudicate", "--policies", dir.toString(), "-");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("bad.ppl:2:"), bad.err());
        assertEquals("", bad.out());

        Cli.Run missing = Cli.run("", "adjudicate", "--policies", MINI, dir.resolve("nope.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }
}
