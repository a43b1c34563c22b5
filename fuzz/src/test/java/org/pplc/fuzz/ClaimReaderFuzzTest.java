package org.pplc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim reader and the adjudicator take any bytes as a claim batch: every record read gives
 * exactly one output record, in input order, a result or an error record; nothing is thrown; each
 * input finishes within a second.
 */
class ClaimReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A valid claim for the shipped policies: it makes the rest of an input NDJSON. */
    static final String FIRST = "{\"id\":\"first\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
            + "\"lines\":[{\"code\":\"96413\"},{\"code\":\"96417\"}]}";
    private static Adjudicator engine;

    @BeforeAll
    static void compileShippedPoliciesAndWarmUp() throws IOException {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c::diagnosticsText);
        engine = new Adjudicator(c.policySet());
        ClaimReaderFuzzTest warm = new ClaimReaderFuzzTest();
        warm.anyBatch((FIRST + "\n{\"id\":1,\n[1,2]\n").getBytes(StandardCharsets.UTF_8));
        warm.anyBatch(("[" + FIRST + ",{\"x\":}]").getBytes(StandardCharsets.UTF_8));
    }

    /** Any bytes: whatever shape the reader sees, each record it reads comes out once, in order. */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void anyBatch(byte[] input) throws IOException {
        for (ClaimReader.Purpose purpose : ClaimReader.Purpose.values()) {
            List<ClaimRecord> records = read(input, purpose);
            if (purpose == ClaimReader.Purpose.ADJUDICATE) assertAccountedFor(records, adjudicate(records));
        }
    }

    /**
     * NDJSON whose first line is a valid claim, then any lines: exactly one output record per
     * non-blank line, so a broken line never takes another record with it.
     */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void ndjsonLines(FuzzedDataProvider data) throws IOException {
        StringBuilder text = new StringBuilder(FIRST).append('\n');
        int expected = 1;
        int lines = data.consumeInt(0, 50);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            String line = data.consumeString(400).replace("\n", "");
            text.append(line).append(data.consumeBoolean() ? "\r\n" : "\n");
            if (!line.isBlank()) expected++;
        }
        List<ClaimRecord> records = read(text.toString().getBytes(StandardCharsets.UTF_8), ClaimReader.Purpose.ADJUDICATE);
        assertEquals(expected, records.size(), () -> "one record per non-blank line:\n" + text);
        assertTrue(records.get(0) instanceof ClaimRecord.Valid, "the first line is a valid claim");
        assertAccountedFor(records, adjudicate(records));
    }

    private static List<ClaimRecord> read(byte[] input, ClaimReader.Purpose purpose) throws IOException {
        List<ClaimRecord> records = new ArrayList<>();
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(input), purpose)) {
            while (reader.hasNext()) {
                ClaimRecord r = reader.next();
                assertEquals(records.size(), r.index(), "records are numbered in input order");
                if (r instanceof ClaimRecord.Invalid bad) {
                    assertNotNull(bad.error());
                    assertFalse(bad.error().isBlank(), "an error record says what is wrong");
                }
                records.add(r);
            }
        }
        return records;
    }

    /** Evaluates every valid record (plain and explained) and writes every record as CONTRACT.md's NDJSON. */
    private static List<JsonNode> adjudicate(List<ClaimRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOutput json = new JsonOutput(out)) {
            for (ClaimRecord r : records) {
                if (r instanceof ClaimRecord.Valid v) {
                    Result plain = engine.evaluate(v.claim());
                    Result explained = engine.evaluate(v.claim(), true);
                    assertEquals(plain.decision(), explained.decision(), "explaining does not change the decision");
                    assertEquals(plain.findings(), explained.findings());
                    json.write(plain);
                } else {
                    json.writeError((ClaimRecord.Invalid) r);
                }
            }
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static void assertAccountedFor(List<ClaimRecord> records, List<JsonNode> output) {
        assertEquals(records.size(), output.size(), "one output record per input record");
        for (int i = 0; i < records.size(); i++) {
            JsonNode o = output.get(i);
            assertTrue(o.hasNonNull("decision"), () -> "every output record has a decision: " + o);
            if (records.get(i) instanceof ClaimRecord.Invalid) {
                assertEquals("error", o.get("decision").asText());
                assertEquals(i, o.get("index").asInt(), "an error record carries its input index");
            }
        }
    }
}
