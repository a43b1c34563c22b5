package org.pplc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplc derive} end to end: policy text compiled, visits read, claims written. */
class DeriveCommandTest {
    private static final String POLICIES = "src/cli/src/test/resources/derive-policies";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, List<JsonNode> records, String err) {
    }

    private static Run run(String stdin, String... args) throws Exception {
        PrintStream out = System.out, err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            if (stdin != null) System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = Main.run(args);
            List<JsonNode> records = new ArrayList<>();
            for (String line : o.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) records.add(JSON.readTree(line));
            }
            return new Run(exit, records, e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    private static List<String> codes(JsonNode claim) {
        List<String> codes = new ArrayList<>();
        for (JsonNode l : claim.get("lines")) {
            StringBuilder b = new StringBuilder(l.get("code").asText());
            for (JsonNode m : l.get("modifiers")) b.append('-').append(m.asText());
            codes.add(b.append(" x").append(l.get("units").asInt()).toString());
        }
        return codes;
    }

    @Test
    void derivesAnExampleVisitFromAFile() throws Exception {
        Run r = run(null, "derive", "--policies", POLICIES, "policies/examples/folfox.json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.records().size());
        JsonNode claim = r.records().get(0);
        assertEquals("FOLFOX-C3", claim.get("id").asText());
        assertEquals("medicare", claim.get("policy").asText());
        assertEquals(List.of("96413 x1", "96415 x1", "96368 x1", "96411 x1", "96416 x1", "J9263 x320", "J0640 x16",
                "J9190 x11"), codes(claim));
        assertEquals("leucovorin ran alongside oxaliplatin: concurrent infusion",
                claim.get("lines").get(2).get("because").asText());
        assertEquals(4, claim.get("administrations").size());
        assertTrue(r.err().contains("1 visit: 1 derived, 0 errors"), r.err());
    }

    @Test
    void outWritesTheClaimsAsideThenRenamesThemIntoPlace(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("claims.ndjson");
        Run r = run(null, "derive", "--policies", POLICIES, "--out", target.toString(), "policies/examples/folfox.json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(), r.records(), "nothing on standard output with --out");
        assertTrue(Files.readString(target).startsWith("{\"id\":\"FOLFOX-C3\""), Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no aside file left behind");
        }
        Run missing = run(null, "derive", "--policies", POLICIES, "--out", target.toString(), dir.resolve("nope.json").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
    }

    @Test
    void everyRecordGetsAnOutputRecordInOrder() throws Exception {
        String visit = Files.readString(Path.of("policies/examples/rchop.json")).replace("\n", " ");
        String ndjson = visit + "\n"
                + "{\"id\":\"BAD\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-13-01\","
                + "\"administrations\":[{\"drug\":\"x\",\"hcpcs\":\"J9312\",\"method\":\"push\",\"start\":\"2026-03-02T09:00\",\"end\":\"2026-03-02T09:05\"}]}\n"
                + "{\"id\":\"OLD\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2025-01-01\","
                + "\"administrations\":[{\"drug\":\"x\",\"hcpcs\":\"J9312\",\"method\":\"push\",\"start\":\"2025-01-01T09:00\",\"end\":\"2025-01-01T09:05\"}]}\n"
                + "not json\n";
        Run r = run(ndjson, "derive", "--policies", POLICIES, "-");
        assertEquals(2, r.exit(), r.err());
        assertEquals(4, r.records().size());
        assertEquals(List.of("96413 x1", "96415 x3", "96417 x1", "96411 x2", "96375 x2", "J9312-JZ x68"),
                codes(r.records().get(0)).subList(0, 6));
        JsonNode bad = r.records().get(1);
        assertEquals("BAD", bad.get("id").asText());
        assertEquals(1, bad.get("index").asInt());
        assertEquals("error", bad.get("decision").asText());
        assertTrue(bad.get("error").asText().startsWith("dateOfService"), bad.toString());
        JsonNode old = r.records().get(2);
        assertEquals(2, old.get("index").asInt());
        assertEquals("no policy of payer 'medicare' is in force on 2025-01-01", old.get("error").asText());
        assertEquals(3, r.records().get(3).get("index").asInt());
        assertTrue(r.err().contains("4 visits: 1 derived, 3 errors"), r.err());
    }

    @Test
    void notesSayWhatWasGivenButNotBilled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("visit.json");
        Files.writeString(file, """
                [{"id": "P-1", "payer": "medicare", "placeOfService": "11", "dateOfService": "2026-02-02",
                  "administrations": [
                    {"drug": "oxaliplatin", "hcpcs": "J9263", "method": "infusion",
                     "start": "2026-02-02T09:00", "end": "2026-02-02T10:00", "site": "A"},
                    {"drug": "fluorouracil", "hcpcs": "J9190", "method": "infusion",
                     "start": "2026-02-02T09:30", "end": "2026-02-02T10:30", "site": "A"}]}]
                """);
        Run r = run(null, "derive", "--policies", POLICIES, file.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode claim = r.records().get(0);
        assertEquals("professional", claim.get("setting").asText());
        assertEquals(List.of("96413 x1"), codes(claim));
        List<String> notes = new ArrayList<>();
        claim.get("notes").forEach(n -> notes.add(n.asText()));
        assertTrue(notes.contains("fluorouracil ran alongside oxaliplatin, and the chemo family has no code for a"
                + " concurrent infusion: not billed"), notes.toString());
    }

    @Test
    void aPayerReclassificationShowsInTheClaim(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("visits.ndjson");
        String visit = "{\"id\":\"IFX\",\"payer\":\"%s\",\"setting\":\"facility\",\"dateOfService\":\"2026-02-02\","
                + "\"administrations\":[{\"drug\":\"infliximab\",\"hcpcs\":\"J1745\",\"category\":\"therapeutic\","
                + "\"method\":\"infusion\",\"start\":\"2026-02-02T09:00\",\"end\":\"2026-02-02T11:00\","
                + "\"dose\":{\"amount\":400,\"unit\":\"mg\",\"discarded\":0}}]}";
        Files.writeString(file, visit.formatted("medicare") + "\n" + visit.formatted("uhc") + "\n");
        Run r = run(null, "derive", "--policies", POLICIES, file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("96365 x1", "96366 x1", "J1745-JZ x40"), codes(r.records().get(0)));
        assertEquals(List.of("96413 x1", "96415 x1", "J1745-JZ x40"), codes(r.records().get(1)));
        assertEquals(0, r.records().get(1).get("administrations").get(0).get("dose").get("discarded").asInt());
    }

    @Test
    void anAdministrationDeriveCannotCodeMakesAnErrorRecordAndWarningsReachTheClaimAndStandardError() throws Exception {
        String unknown = "{\"id\":\"UNK\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-02-02\","
                + "\"administrations\":[{\"drug\":\"rituximab\",\"hcpcs\":\"J9312\",\"method\":\"infusion\","
                + "\"start\":\"2026-02-02T09:00\",\"end\":\"2026-02-02T10:00\"},"
                + "{\"drug\":\"pembrolizumab\",\"hcpcs\":\"J9271\",\"method\":\"infusion\","
                + "\"start\":\"2026-02-02T10:00\",\"end\":\"2026-02-02T10:30\"}]}";
        String warned = "{\"id\":\"WARN\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-02-02\","
                + "\"administrations\":[{\"drug\":\"rituximab\",\"hcpcs\":\"J9312\",\"category\":\"therapeutic\","
                + "\"method\":\"infusion\",\"start\":\"2026-02-03T09:00\",\"end\":\"2026-02-03T10:00\"}]}";
        Run r = run(unknown + "\n" + warned + "\n", "derive", "--policies", POLICIES, "-");
        assertEquals(2, r.exit(), r.err());
        JsonNode error = r.records().get(0);
        assertEquals("UNK", error.get("id").asText());
        assertEquals(0, error.get("index").asInt());
        assertEquals("error", error.get("decision").asText());
        assertTrue(error.get("error").asText().startsWith("administrations[1].category: pembrolizumab, J9271: no category"
                + " recorded, and J9271 is not in the drug table"), error.toString());
        JsonNode claim = r.records().get(1);
        // the record's category wins, with a warning; so does the date, with another
        assertEquals(List.of("96365 x1"), codes(claim));
        List<String> warnings = new ArrayList<>();
        claim.get("warnings").forEach(w -> warnings.add(w.asText()));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("administrations[0] (rituximab, J9312): given on 2026-02-03"), warnings.toString());
        assertTrue(warnings.get(1).contains("the record says therapeutic while the drug table lists J9312 as chemo"),
                warnings.toString());
        assertTrue(r.err().contains("pplc derive: WARN: warning: administrations[0] (rituximab, J9312): given on 2026-02-03"),
                r.err());
        assertTrue(r.err().contains("2 visits: 1 derived, 1 error, 1 with warnings"), r.err());
    }

    @Test
    void aMissingFileIsReportedWithoutAStackTrace() throws Exception {
        Run r = run(null, "derive", "--policies", POLICIES, "no/such/visits.json");
        assertEquals(1, r.exit());
        assertEquals(List.of(), r.records());
        assertEquals("pplc derive: no/such/visits.json: no such file", r.err().strip());
    }
}
