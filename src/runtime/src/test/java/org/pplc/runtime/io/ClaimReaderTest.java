package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimReaderTest {
    static final String A = "{\"id\":\"A\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
            + "\"lines\":[{\"code\":\"96413\"},{\"line\":7,\"code\":\"96415\",\"units\":3,\"modifiers\":[\"59\"]}]}";
    static final String B = "{\"id\":\"B\",\"payer\":\"medicare\",\"placeOfService\":\"11\",\"dateOfService\":\"2026-03-02\","
            + "\"lines\":[{\"code\":\"96409\"}]}";

    static List<ClaimRecord> read(String text, ClaimReader.Purpose purpose) {
        List<ClaimRecord> out = new ArrayList<>();
        try (ClaimReader r = new ClaimReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), purpose)) {
            r.forEachRemaining(out::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static List<ClaimRecord> read(String text) {
        return read(text, ClaimReader.Purpose.ADJUDICATE);
    }

    static Claim valid(ClaimRecord r) {
        return assertInstanceOf(ClaimRecord.Valid.class, r, () -> r.toString()).claim();
    }

    static String error(ClaimRecord r) {
        return assertInstanceOf(ClaimRecord.Invalid.class, r, () -> r.toString()).error();
    }

    @Test
    void oneObjectWithDefaults() {
        List<ClaimRecord> rs = read(A);
        assertEquals(1, rs.size());
        Claim c = valid(rs.get(0));
        assertEquals("A", c.id());
        assertEquals(Setting.FACILITY, c.setting());
        assertEquals(LocalDate.of(2026, 3, 2), c.dateOfService());
        assertEquals(new ClaimLine(1, "96413", 1, List.of()), c.lines().get(0));
        assertEquals(new ClaimLine(7, "96415", 3, List.of("59")), c.lines().get(1));
    }

    @Test
    void prettyPrintedObjectArrayAndNdjson() {
        String pretty = A.replace(",", ",\n  ").replace("{", "{\n");
        assertEquals("A", valid(read(pretty).get(0)).id());
        List<ClaimRecord> array = read("[\n" + A + ",\n" + B + "\n]");
        assertEquals(List.of("A", "B"), array.stream().map(r -> valid(r).id()).toList());
        assertEquals(1, array.get(1).index());
        List<ClaimRecord> nd = read(A + "\n\n" + B + "\n");
        assertEquals(List.of("A", "B"), nd.stream().map(r -> valid(r).id()).toList());
        assertEquals(Setting.PROFESSIONAL, valid(nd.get(1)).setting());
        assertEquals(0, read("  \n").size());
        assertEquals(0, read("[]").size());
    }

    /** An object wrapped where a person wraps it, after a comma: one claim, not two broken lines. */
    @Test
    void objectWrappedAfterACommaIsOneRecord() {
        String wrapped = A.replace("\"setting\"", "\n  \"setting\"").replace("\"lines\"", "\n  \"lines\"");
        assertTrue(wrapped.lines().findFirst().orElseThrow().endsWith(","), wrapped);
        List<ClaimRecord> rs = read(wrapped + "\n");
        assertEquals(1, rs.size(), rs.toString());
        assertEquals("A", valid(rs.get(0)).id());
        // a visit for derive, wrapped the same way
        String visit = "{\"id\":\"V\",\"payer\":\"medicare\",\"setting\":\"facility\",\n \"dateOfService\":\"2026-04-09\",\n"
                + " \"administrations\":[{\"drug\":\"fluorouracil\",\"category\":\"chemo\",\"method\":\"push\",\n  \"start\":\"2026-04-09T09:00\",\"end\":\"2026-04-09T09:05\"}]}";
        List<ClaimRecord> vs = read(visit, ClaimReader.Purpose.DERIVE);
        assertEquals(1, vs.size(), vs.toString());
        assertEquals(1, valid(vs.get(0)).administrations().size());
        // wrapped inside the lines array, after a line's comma
        List<ClaimRecord> inLines = read(A.replace("},{", "},\n{"));
        assertEquals(1, inLines.size(), inLines.toString());
        assertEquals(2, valid(inLines.get(0)).lines().size());
        // two wrapped objects one after another are two records
        List<ClaimRecord> two = read(wrapped + "\n" + B.replace("\"placeOfService\"", "\n\"placeOfService\"") + "\n");
        assertEquals(List.of("A", "B"), two.stream().map(r -> valid(r).id()).toList());
        // a first line broken before its end is still NDJSON: each later line is its own record
        List<ClaimRecord> nd = read("{\"id\":\"X\",,\n" + B + "\n");
        assertEquals(2, nd.size(), nd.toString());
        assertEquals("B", valid(nd.get(1)).id());
    }

    /**
     * Issue 18: a first line that stops inside a value (after a comma, a colon, a bracket, inside a
     * string) followed by NDJSON used to be taken for a wrapped object that swallowed every later
     * line. When the next line is a whole object on its own, the input is NDJSON: the first line is
     * one error record and each later line its own record, for every prefix of a claim.
     */
    @Test
    void everyBrokenFirstLineBeforeNdjsonIsOneErrorRecord() {
        for (int cut = 1; cut < A.length(); cut++) {
            String first = A.substring(0, cut);
            List<ClaimRecord> rs = read(first + "\n" + B + "\n" + A + "\n" + B + "\n");
            assertEquals(4, rs.size(), () -> first + " -> " + rs);
            assertInstanceOf(ClaimRecord.Invalid.class, rs.get(0), first);
            assertEquals(List.of("B", "A", "B"), rs.subList(1, 4).stream().map(r -> valid(r).id()).toList(), first);
            assertEquals(3, rs.get(3).index());
        }
        // the same read through the character path (a first line with a non-ASCII character)
        List<ClaimRecord> text = read("{\"id\":\"é\",\n" + B + "\n" + A + "\n");
        assertEquals(3, text.size(), text.toString());
        assertEquals("é", assertInstanceOf(ClaimRecord.Invalid.class, text.get(0)).id());
        assertEquals("A", valid(text.get(2)).id());
    }

    /** The batch of the issue, smaller: a first line cut after a comma, then 20,000 NDJSON lines. */
    @Test
    void aBatchBehindABrokenFirstLineIsNotLost() {
        StringBuilder b = new StringBuilder("{\"id\":\"X\",\"payer\":\"uhc\",\n");
        for (int i = 0; i < 20_000; i++) b.append(i % 2 == 0 ? A : B).append('\n');
        List<ClaimRecord> rs = read(b.toString());
        assertEquals(20_001, rs.size());
        assertEquals("X", assertInstanceOf(ClaimRecord.Invalid.class, rs.get(0)).id());
        assertEquals("B", valid(rs.get(20_000)).id());
    }

    /**
     * A wrapped object whose continuation lines are not whole objects is still read to its closing
     * bracket; one that never closes stops at the record-size limit, and reading goes on with the
     * next line, so later lines are not lost.
     */
    @Test
    void aWrappedRecordStopsAtTheSizeLimitAndReadingGoesOnAtTheNextLine() {
        StringBuilder b = new StringBuilder("{\"id\":\"X\",\n\"lines\":[\n");
        for (int i = 0; i < 1_000; i++) b.append(B).append('\n');
        List<ClaimRecord> rs = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
        try (ClaimReader r = new ClaimReader(new RecordSource(in, 2_000), ClaimReader.Purpose.ADJUDICATE)) {
            r.forEachRemaining(rs::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(error(rs.get(0)).startsWith("record is longer than 2000 characters (input line 1)"), error(rs.get(0)));
        // character 2,000 (after the 21 of the first two lines) lies in B line j: j and the lines
        // before it are the broken record; each line after it is its own record
        int j = (2_000 - 21) / (B.length() + 1);
        assertEquals(1 + (1_000 - j - 1), rs.size(), rs.get(1).toString());
        for (ClaimRecord r : rs.subList(1, rs.size())) assertEquals("B", valid(r).id());
    }

    /** Issue 18: an array without its closing bracket is an error record after its complete elements. */
    @Test
    void anArrayCutAtAnyByteEndsInAnErrorRecordAndKeepsItsCompleteElements() {
        String array = "[\n" + A + ",\n " + B + "\n]";
        for (int cut = 1; cut < array.length(); cut++) {
            String text = array.substring(0, cut);
            List<ClaimRecord> rs = read(text);
            int complete = cut > array.indexOf(B) + B.length() ? 2 : cut > 2 + A.length() ? 1 : 0;
            assertTrue(rs.size() >= complete + 1, () -> text + " -> " + rs);
            for (int i = 0; i < complete; i++) valid(rs.get(i));
            assertInstanceOf(ClaimRecord.Invalid.class, rs.get(rs.size() - 1), text);
        }
        List<ClaimRecord> open = read("[" + A + "," + B);
        assertEquals(3, open.size(), open.toString());
        assertEquals("the array is not closed: the input ends before its closing ] (input line 1)", error(open.get(2)));
        assertEquals(1, read("[").size());
        assertEquals(2, read("[" + A + ",").size());
    }

    @Test
    void malformedNdjsonLineBecomesAnErrorAndReadingGoesOn() {
        List<ClaimRecord> rs = read(A + "\n{\"id\":\"X\",\"payer\": uhc}\n" + B + "\n{\"id\":\"Y\",\n" + A + "\n");
        assertEquals(5, rs.size());
        assertEquals("A", valid(rs.get(0)).id());
        ClaimRecord.Invalid bad = assertInstanceOf(ClaimRecord.Invalid.class, rs.get(1));
        assertEquals("X", bad.id());
        assertEquals(1, bad.index());
        assertTrue(bad.error().startsWith("not valid JSON: "), bad.error());
        assertTrue(bad.error().endsWith("(input line 2)"), bad.error());
        assertEquals("B", valid(rs.get(2)).id());
        ClaimRecord.Invalid cut = assertInstanceOf(ClaimRecord.Invalid.class, rs.get(3));
        assertEquals("Y", cut.id());
        assertEquals("A", valid(rs.get(4)).id());
        assertEquals(4, rs.get(4).index());
    }

    @Test
    void brokenArrayElementIsReportedAndTheRestRecovered() {
        List<ClaimRecord> rs = read("[" + A + ", {\"id\":\"X\", \"payer\": uhc}, " + B + "]");
        assertEquals(3, rs.size());
        assertEquals("A", valid(rs.get(0)).id());
        assertEquals("X", ((ClaimRecord.Invalid) rs.get(1)).id());
        assertEquals("B", valid(rs.get(2)).id());
        // an array cut short: the unfinished element is an error, nothing after it is invented
        List<ClaimRecord> cut = read("[" + A + ", {\"id\":\"Z\", \"lines\": [");
        assertEquals(2, cut.size());
        assertTrue(error(cut.get(1)).startsWith("input ends inside this record"), error(cut.get(1)));
    }

    /** Issue 18: a date is YYYY-MM-DD with four year digits, in claims and visits alike (fast and full read). */
    @Test
    void aYearOfFiveDigitsIsNotADate() {
        assertEquals("dateOfService: not a date (YYYY-MM-DD), got \"+10000-03-02\"", error(read(A.replace("2026-03-02", "+10000-03-02")).get(0)));
        assertEquals("dateOfService: not a date (YYYY-MM-DD), got \"+2026-03-02\"", error(read("[" + B.replace("2026-03-02", "+2026-03-02") + "]").get(0)));
        String visit = "{\"id\":\"V\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-04-09\","
                + "\"administrations\":[{\"drug\":\"fluorouracil\",\"category\":\"chemo\",\"method\":\"push\","
                + "\"start\":\"+10000-04-09T09:00\",\"end\":\"2026-04-09T09:05\"}]}";
        assertEquals("administrations[0].start: not a local date-time (YYYY-MM-DDThh:mm), got \"+10000-04-09T09:00\"",
                error(read(visit, ClaimReader.Purpose.DERIVE).get(0)));
    }

    @Test
    void schemaErrorsNameTheField() {
        assertEquals("payer: missing", error(read(A.replace("\"payer\":\"uhc\",", "")).get(0)));
        assertEquals("dateOfService: not a date (YYYY-MM-DD), got \"2026-02-30\"",
                error(read(A.replace("2026-03-02", "2026-02-30")).get(0)));
        assertEquals("lines[1].units: must be at least 1, got 0", error(read(A.replace("\"units\":3", "\"units\":0")).get(0)));
        assertEquals("lines[1].units: must be a whole number, got 1.5", error(read(A.replace("\"units\":3", "\"units\":1.5")).get(0)));
        assertEquals("lines[0].code: missing", error(read(A.replace("{\"code\":\"96413\"}", "{\"units\":2}")).get(0)));
        assertEquals("lines: empty (a claim needs at least one line)",
                error(read(B.replace("[{\"code\":\"96409\"}]", "[]")).get(0)));
        assertEquals("setting: must be facility or professional, got \"clinic\"",
                error(read(A.replace("\"facility\"", "\"clinic\"")).get(0)));
        assertTrue(error(read(B.replace("\"11\"", "\"12\"")).get(0)).startsWith("placeOfService: 12 does not tell the setting"));
        assertEquals(Setting.FACILITY, valid(read(B.replace("\"11\"", "\"22\"")).get(0)).setting());
        // every problem of a record at once, and the id kept
        ClaimRecord.Invalid both = (ClaimRecord.Invalid) read(A.replace("\"payer\":\"uhc\",", "")
                .replace("\"units\":3", "\"units\":0")).get(0);
        assertEquals("A", both.id());
        assertEquals("payer: missing; lines[1].units: must be at least 1, got 0", both.error());
        assertEquals("a record must be a JSON object (a claim), got 42 (input line 1)", error(read("[42]").get(0)));
    }

    @Test
    void derivesReasonOnALineIsKnown() {
        Claim c = valid(read(A.replace("{\"code\":\"96413\"}", "{\"code\":\"96413\",\"because\":\"first hour\"}")).get(0));
        assertEquals("first hour", c.lines().get(0).because());
    }

    /** A misspelt field would be dropped and its default billed (1 unit): it is an error, with the nearest name. */
    @Test
    void unknownFieldsAreErrorsNamingTheNearestField() {
        assertEquals("lines[0].unitz: unknown field (did you mean units?)",
                error(read(A.replace("{\"code\":\"96413\"}", "{\"code\":\"96413\",\"unitz\":3}")).get(0)));
        assertEquals("lines[1].extra: unknown field (expected line, code, units, modifiers, ndc or because)",
                error(read(A.replace("\"units\":3", "\"units\":3,\"extra\":{\"a\":1}")).get(0)));
        assertEquals("payr: unknown field (did you mean payer?)", error(read(A.replace("\"id\":\"A\",", "\"id\":\"A\",\"payr\":\"x\",")).get(0)));
        assertEquals("authorizations[0].unit: unknown field (did you mean units?)",
                error(read(A.replace("\"lines\"", "\"authorizations\":[{\"unit\":{\"96413\":1},\"units\":{}}],\"lines\"")).get(0)));
        String visit = "{\"id\":\"V\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                + "\"administrations\":[{\"drug\":\"x\",\"method\":\"push\",\"start\":\"2026-03-02T09:00\","
                + "\"end\":\"2026-03-02T09:05\",\"stat\":1,\"dose\":{\"amount\":1,\"unit\":\"mg\",\"units\":2}}]}";
        assertEquals("administrations[0].stat: unknown field (did you mean start?); "
                + "administrations[0].dose.units: unknown field (did you mean unit?)", error(read(visit, ClaimReader.Purpose.DERIVE).get(0)));
        // what derive writes (policy, notes, because) reads back
        valid(read(A.replace("\"lines\"", "\"policy\":\"uhc\",\"notes\":[\"n\"],\"administrations\":[],\"lines\"")).get(0));
    }

    @Test
    void patientAndProviderReachTheClaim() {
        Claim c = valid(read(A.replace("\"lines\"", "\"patient\":\"MRN-7\",\"provider\":1234567893,\"lines\"")).get(0));
        assertEquals("MRN-7", c.patient());
        assertEquals("1234567893", c.provider());
        assertNull(valid(read(A).get(0)).patient());
    }

    @Test
    void aRepeatedLineNumberIsAnError() {
        assertEquals("lines[1].line: 7 is already the number of lines[0]",
                error(read(A.replace("{\"code\":\"96413\"}", "{\"line\":7,\"code\":\"96413\"}")).get(0)));
        // the default number (the position) counts too
        assertEquals("lines[1].line: 1 is already the number of lines[0]", error(read(A.replace("\"line\":7", "\"line\":1")).get(0)));
    }

    @Test
    void deriveNeedsAdministrationsWithKnownMethodsAndTimes() {
        String visit = "{\"id\":\"F\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-04-07\","
                + "\"administrations\":[{\"drug\":\"oxaliplatin\",\"hcpcs\":\"J9263\",\"method\":\"infusion\","
                + "\"start\":\"2026-04-07T09:00\",\"end\":\"2026-04-07T11:00\",\"site\":\"A\",\"dose\":{\"amount\":85,\"unit\":\"mg\"}}]}";
        Claim c = valid(read(visit, ClaimReader.Purpose.DERIVE).get(0));
        assertEquals(Method.INFUSION, c.administrations().get(0).method());
        assertTrue(c.lines().isEmpty());
        assertEquals("administrations[0].method: unknown method \"drip\" (expected push, infusion, pump, injection or refill)",
                error(read(visit.replace("\"infusion\"", "\"drip\""), ClaimReader.Purpose.DERIVE).get(0)));
        assertEquals("administrations[0].method: missing (push, infusion, pump, injection or refill)",
                error(read(visit.replace("\"method\":\"infusion\",", ""), ClaimReader.Purpose.DERIVE).get(0)));
        assertEquals("administrations[0].end: missing",
                error(read(visit.replace(",\"end\":\"2026-04-07T11:00\"", ""), ClaimReader.Purpose.DERIVE).get(0)));
        // a pump started at the visit often has no end recorded yet: derive takes it and notes what it cannot check
        Claim open = valid(read(visit.replace("\"infusion\"", "\"pump\"").replace(",\"end\":\"2026-04-07T11:00\"", ""),
                ClaimReader.Purpose.DERIVE).get(0));
        assertEquals(Method.PUMP, open.administrations().get(0).method());
        assertNull(open.administrations().get(0).end());
        // a pump refilled at the visit is a method of its own, not a pump start
        assertEquals(Method.REFILL, valid(read(visit.replace("\"infusion\"", "\"refill\""), ClaimReader.Purpose.DERIVE)
                .get(0)).administrations().get(0).method());
        assertEquals("administrations[0].end: 2026-04-07T08:00 is before start 2026-04-07T09:00",
                error(read(visit.replace("T11:00", "T08:00"), ClaimReader.Purpose.DERIVE).get(0)));
        assertEquals("administrations[0].start: not a local date-time (YYYY-MM-DDThh:mm), got \"9:00\"",
                error(read(visit.replace("2026-04-07T09:00", "9:00"), ClaimReader.Purpose.DERIVE).get(0)));
        assertEquals("administrations: missing", error(read(A, ClaimReader.Purpose.DERIVE).get(0)));
        // adjudicate does not look at administrations
        assertTrue(read(visit, ClaimReader.Purpose.ADJUDICATE).get(0) instanceof ClaimRecord.Invalid inv
                && inv.error().equals("lines: missing"));
    }

    @Test
    void limitsGiveClearErrors() {
        String deep = "{\"id\":\"D\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        List<ClaimRecord> rs = read(deep + "\n" + B);
        assertTrue(error(rs.get(0)).startsWith("x[0][0][0][0][0]...: record breaks a size limit: "), error(rs.get(0)));
        assertEquals("B", valid(rs.get(1)).id());
    }

    /** Each limit ends the one record with an error naming the record (id, index) and the field, and reading goes on. */
    @Test
    void eachLimitNamesTheRecordAndTheFieldAndReadingGoesOn() {
        String claimStart = "{\"id\":\"L\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\",";
        String longString = claimStart + "\"lines\":[{\"code\":\"96413\"},{\"code\":\"96415\",\"because\":\""
                + "x".repeat(RecordParser.MAX_STRING + 1) + "\"}]}";
        String deep = claimStart + "\"lines\":[{\"code\":\"96413\",\"modifiers\":" + "[".repeat(40) + "]".repeat(40) + "}]}";
        String longNumber = claimStart + "\"lines\":[{\"code\":\"96413\",\"units\":" + "9".repeat(RecordParser.MAX_NUMBER_CHARS + 1) + "}]}";
        StringBuilder many = new StringBuilder(claimStart + "\"lines\":[");
        for (int i = 0; i <= RecordParser.MAX_LINES; i++) many.append(i > 0 ? "," : "").append("{\"code\":\"96413\"}");
        String tooManyLines = many.append("]}").toString();
        String fiveModifiers = claimStart + "\"lines\":[{\"code\":\"96413\",\"modifiers\":[\"59\",\"XS\",\"XU\",\"XE\",\"25\"]}]}";
        String huge = claimStart + "\"lines\":[{\"code\":\"96413\",\"because\":\"" + "y".repeat(RecordParser.MAX_RECORD_CHARS) + "\"}]}";

        List<ClaimRecord> rs = read(String.join("\n", longString, deep, longNumber, tooManyLines, huge, fiveModifiers, B));
        assertEquals(7, rs.size(), "one record per line, the over-limit ones included");
        for (int i = 0; i < 6; i++) {
            ClaimRecord.Invalid bad = assertInstanceOf(ClaimRecord.Invalid.class, rs.get(i), "record " + i);
            assertEquals(i, bad.index());
            assertEquals("L", bad.id(), "the record is named by its id");
        }
        assertTrue(error(rs.get(0)).startsWith("lines[1].because: record breaks a size limit: String value length (100001) "
                + "exceeds the maximum allowed (100000"), error(rs.get(0)));
        assertTrue(error(rs.get(0)).endsWith("(input line 1)"), error(rs.get(0)));
        assertTrue(error(rs.get(1)).startsWith("lines[0].modifiers[0][0][0]"), error(rs.get(1)));
        assertTrue(error(rs.get(1)).contains("record breaks a size limit: Document nesting depth (33) exceeds the maximum allowed (32"),
                error(rs.get(1)));
        assertTrue(error(rs.get(2)).startsWith("lines[0].units: record breaks a size limit: Number value length"), error(rs.get(2)));
        assertEquals("lines: a claim may have at most 999 lines, got 1000", error(rs.get(3)));
        assertEquals("record is longer than 4000000 characters (input line 5)", error(rs.get(4)));
        assertEquals("lines[0].modifiers: a line carries at most 4 modifiers, got 5", error(rs.get(5)));
        assertEquals("B", valid(rs.get(6)).id(), "reading goes on after every limit");
    }

    @Test
    void aDuplicateFieldOrTextAfterTheClaimOnItsLineIsAnError() {
        String dup = "{\"id\":\"D\",\"id\":\"E\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                + "\"lines\":[{\"code\":\"96413\"}]}";
        List<ClaimRecord> rs = read(B + "\n" + dup + "\n" + B + " {\"x\":1}\n" + B);
        assertEquals(4, rs.size());
        assertTrue(error(rs.get(1)).startsWith("not valid JSON: Duplicate field 'id'"), error(rs.get(1)));
        assertTrue(error(rs.get(1)).endsWith("(input line 2)"), error(rs.get(1)));
        assertTrue(error(rs.get(2)).startsWith("not valid JSON: Trailing token"), error(rs.get(2)));
        assertEquals(2, rs.get(2).index());
        assertEquals("B", valid(rs.get(3)).id());
    }

    @Test
    void manyRecordsStreamWithoutHoldingTheInput() {
        // 50 000 NDJSON claims generated on the fly: reading them must not need the input at once
        int n = 50_000;
        byte[] one = (B + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream generated = new InputStream() {
            long at;

            @Override
            public int read() {
                if (at >= (long) n * one.length) return -1;
                return one[(int) (at++ % one.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int k = 0;
                while (k < len) {
                    int c = read();
                    if (c < 0) break;
                    b[off + k++] = (byte) c;
                }
                return k == 0 && len > 0 ? -1 : k;
            }
        };
        int count = 0;
        try (ClaimReader r = new ClaimReader(generated,
                ClaimReader.Purpose.ADJUDICATE)) {
            while (r.hasNext()) {
                ClaimRecord rec = r.next();
                assertEquals(count, rec.index());
                count++;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(n, count);
    }

    @Test
    void missingIdIsNull() {
        ClaimRecord.Invalid r = (ClaimRecord.Invalid) read("{\"payer\":\"uhc\"").get(0);
        assertNull(r.id());
    }
}
