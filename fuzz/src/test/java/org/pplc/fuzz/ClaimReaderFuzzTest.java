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

    /**
     * NDJSON whose first record is broken in any way: any byte prefix of a valid claim (with a
     * fuzzed id, so also cut inside a multi-byte character), then valid claims a line. The first
     * line is one error record and every later line its own valid record (issue 18: a first line
     * cut after a comma was read as a wrapped object and took the batch with it).
     */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void brokenFirstRecord(FuzzedDataProvider data) throws IOException {
        String claim = withId(data.consumeString(40));
        if (data.consumeBoolean()) claim = claim.replace(",", ", ").replace(":", ": ");
        byte[] whole = claim.getBytes(StandardCharsets.UTF_8);
        int cut = data.consumeInt(1, whole.length - 1);
        int later = data.consumeInt(1, 6);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.write(whole, 0, cut);
        String newline = data.consumeBoolean() ? "\r\n" : "\n";
        for (int i = 0; i < later; i++) text.write((newline + withId("v" + i)).getBytes(StandardCharsets.UTF_8));
        text.write(newline.getBytes(StandardCharsets.UTF_8));
        List<ClaimRecord> records = read(text.toByteArray(), ClaimReader.Purpose.ADJUDICATE);
        String shown = text.toString(StandardCharsets.UTF_8);
        assertEquals(1 + later, records.size(), () -> "the broken first line and one record per later line:\n" + shown);
        assertTrue(records.get(0) instanceof ClaimRecord.Invalid, () -> "the cut first line is an error record:\n" + shown);
        for (int i = 0; i < later; i++) {
            ClaimRecord r = records.get(1 + i);
            assertTrue(r instanceof ClaimRecord.Valid, () -> r + "\n" + shown);
            assertEquals("v" + i, ((ClaimRecord.Valid) r).claim().id());
        }
        assertAccountedFor(records, adjudicate(records));
    }

    /**
     * A JSON array of valid claims cut at any byte: every element complete before the cut is read
     * and evaluated, and the cut gives one error record at the end (exit 2), never a hang or a
     * lost element.
     */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void cutArray(FuzzedDataProvider data) throws IOException {
        String[] separators = {",", ", ", ",\n", "\n,\n  ", ",\r\n"};
        int n = data.consumeInt(1, 4);
        StringBuilder array = new StringBuilder(data.consumeBoolean() ? "[\n" : "[");
        List<Integer> ends = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) array.append(separators[data.consumeInt(0, separators.length - 1)]);
            String id = data.consumeString(20);
            ids.add(id);
            array.append(withId(id));
            ends.add(array.toString().getBytes(StandardCharsets.UTF_8).length);
        }
        array.append(data.consumeBoolean() ? "\n]\n" : "]");
        byte[] whole = array.toString().getBytes(StandardCharsets.UTF_8);
        int cut = data.consumeInt(1, whole.length - 1);
        int close = array.lastIndexOf("]") + whole.length - array.length(); // a byte index (ids may be non-ASCII)
        if (cut > close) return; // only the newline after the closing bracket is cut: the array is whole
        byte[] input = java.util.Arrays.copyOf(whole, cut);
        int complete = (int) ends.stream().filter(e -> e <= cut).count();
        String shown = new String(input, StandardCharsets.UTF_8);
        for (ClaimReader.Purpose purpose : ClaimReader.Purpose.values()) {
            List<ClaimRecord> records = read(input, purpose);
            assertEquals(complete + 1, records.size(), () -> "the complete elements and one error record:\n" + shown + "\n" + records);
            assertTrue(records.get(complete) instanceof ClaimRecord.Invalid, () -> "the cut is an error record:\n" + shown);
            if (purpose == ClaimReader.Purpose.ADJUDICATE) {
                for (int i = 0; i < complete; i++) {
                    ClaimRecord r = records.get(i);
                    assertTrue(r instanceof ClaimRecord.Valid, () -> r + "\n" + shown);
                    assertEquals(ids.get(i), ((ClaimRecord.Valid) r).claim().id());
                }
                assertAccountedFor(records, adjudicate(records));
            }
        }
    }

    /** {@link #FIRST} with another id, written as JSON writes it. */
    private static String withId(String id) throws IOException {
        return FIRST.replace("\"first\"", JSON.writeValueAsString(id));
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
