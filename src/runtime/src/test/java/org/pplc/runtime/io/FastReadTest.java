package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The streaming fast read must build exactly the claim the tree read builds, or step aside. */
class FastReadTest {
    private static final String BASE = "\"payer\":\"uhc\",\"dateOfService\":\"2026-03-02\"";

    private static ClaimRecord tree(String text) {
        return RecordParser.parseTree(0, new RecordSource.Raw(text, null, 1), ClaimReader.Purpose.ADJUDICATE);
    }

    @Test
    void validRecordsGiveTheTreeReadsClaim() {
        List<String> records = List.of(
                ClaimReaderTest.A, ClaimReaderTest.B,
                "{\"id\":\"C1\",\"payer\":\"p1\",\"plan\":\"commercial\",\"setting\":\"professional\",\"placeOfService\":\"11\","
                        + "\"dateOfService\":\"2026-03-02\",\"lines\":[{\"line\":1,\"code\":\"96413\",\"units\":1},"
                        + "{\"line\":6,\"code\":\"J9312\",\"units\":70,\"modifiers\":[\"JW\",\"59\"],\"ndc\":\"0001\",\"because\":\"x\"}],"
                        + "\"authorizations\":[{\"id\":\"PA-0\",\"units\":{\"96411\":2,\"96413\":0}},{\"units\":{}}]}",
                "{" + BASE + ",\"placeOfService\":\"22\",\"patient\":\"P-1\",\"provider\":\"1234567893\",\"lines\":[{\"code\":\"96365\"}]}",
                "{" + BASE + ",\"placeOfService\":\"19\",\"lines\":[{\"code\":\"96365\",\"modifiers\":[]}],\"provider\":\"NPI-2\"}");
        for (String r : records) {
            Claim fast = RecordParser.Fast.claim(r);
            assertNotNull(fast, r);
            assertEquals(assertInstanceOf(ClaimRecord.Valid.class, tree(r)).claim(), fast, r);
        }
    }

    /** Fields in the usual order are matched as bytes; any other order must still take the fast read. */
    @Test
    void everyFieldOrderTakesTheFastRead() {
        List<String> fields = List.of("\"id\":\"C1\"", "\"payer\":\"p1\"", "\"plan\":\"commercial\"", "\"setting\":\"facility\"",
                "\"placeOfService\":\"22\"", "\"dateOfService\":\"2026-03-02\"", "\"patient\":\"P-1\"", "\"provider\":\"NPI-1\"",
                "\"lines\":[{\"line\":1,\"code\":\"96413\",\"units\":1,\"modifiers\":[\"59\"],\"ndc\":\"0001\",\"because\":\"x\"},"
                        + "{\"because\":\"y\",\"ndc\":\"2\",\"modifiers\":[],\"units\":2,\"code\":\"J9312\",\"line\":2},"
                        + "{\"code\":\"96415\",\"because\":\"z\"},{\"units\":3,\"code\":\"96417\"}]",
                "\"authorizations\":[{\"id\":\"PA-0\",\"units\":{\"96411\":2}}]");
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 200; round++) {
            List<String> order = new java.util.ArrayList<>(fields);
            if (round > 0) java.util.Collections.shuffle(order, random);
            String r = "{" + String.join(",", order) + "}";
            Claim expected = assertInstanceOf(ClaimRecord.Valid.class, tree(r)).claim();
            assertEquals(expected, RecordParser.Fast.claim(r), r);
            // the same text as an NDJSON line of bytes (Jackson's UTF-8 parser)
            assertEquals(expected, RecordParser.Fast.claim(new RecordSource.Raw(r.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1)), r);
        }
    }

    @Test
    void anythingUnusualIsLeftToTheTreeRead() {
        List<String> records = List.of(
                "{\"id\":7," + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}", // valid, number id
                "{" + BASE + ",\"plan\":null,\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}", // valid, null plan
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"ndc\":12}]}", // valid, number ndc
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"units\":0}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"units\":1.5}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"units\":99999999999}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\" \"}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"units\":1}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"modifiers\":[\"\"]}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[]}",
                "{" + BASE + ",\"setting\":\"office\",\"lines\":[{\"code\":\"96413\"}]}",
                "{" + BASE + ",\"placeOfService\":\"12\",\"lines\":[{\"code\":\"96413\"}]}",
                "{\"payer\":\"uhc\",\"dateOfService\":\"2026-02-30\",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}",
                "{\"payer\":\"uhc\",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}",
                "{" + BASE + ",\"payer\":\"x\",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}", // duplicate field
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]} {}", // trailing value
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}],\"authorizations\":[{\"id\":\"A\"}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}],\"authorizations\":[{\"units\":{\"96413\":-1}}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}",
                "[1]",
                // names the fast read does not know, nested values, repeated names: the tree read's call
                "{" + BASE + ",\"placeOfService\":\"22\",\"lines\":[{\"code\":\"96365\",\"extra\":1}]}",
                "{" + BASE + ",\"placeOfService\":\"22\",\"lines\":[{\"code\":\"96365\"}],\"administrations\":[{}]}",
                "{" + BASE + ",\"placeOfService\":\"22\",\"lines\":[{\"code\":\"96365\"}],\"x\":{\"a\":1,\"a\":2}}",
                "{" + BASE + ",\"placeOfService\":\"22\",\"note\":1,\"note\":2,\"lines\":[{\"code\":\"96365\"}]}",
                "{" + BASE + ",\"placeOfService\":\"22\",\"lines\":[{\"code\":\"96365\",\"code\":\"96413\"}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}],\"authorizations\":[{\"units\":{\"96413\":1,\"96413\":2}}]}",
                "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}],\"authorizations\":[{\"id\":\"A\",\"id\":\"B\",\"units\":{}}]}");
        for (String r : records) {
            assertNull(RecordParser.Fast.claim(r), r);
            // and the reader's answer is the tree read's, valid or not
            assertEquals(tree(r), RecordParser.parse(0, new RecordSource.Raw(r, null, 1), ClaimReader.Purpose.ADJUDICATE), r);
        }
    }

    /** Dates read without the formatter: the same dates, and the same refusals, as LocalDate.parse. */
    @Test
    void datesAreTheTreeReadsDates() {
        List<String> dates = List.of("2026-03-02", "2024-02-29", "2023-02-29", "2026-02-30", "2026-13-01", "2026-00-10",
                "2026-01-00", "2026-04-31", "0000-01-01", "9999-12-31", "2026-3-02", "2026/03/02", "26-03-02",
                "+2026-03-02", "20260-03-02", "2026-03-02T00:00", "\u0662\u0660\u0662\u0666-03-02", "2026-0a-02", "2026--3-02");
        for (String d : dates) {
            String r = "{\"payer\":\"uhc\",\"dateOfService\":\"" + d + "\",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\"}]}";
            ClaimRecord tree = tree(r);
            Claim fast = RecordParser.Fast.claim(r);
            if (tree instanceof ClaimRecord.Valid v) assertEquals(v.claim(), fast, d);
            else assertNull(fast, d);
        }
    }

    /** Reused strings: many distinct values (slots taken over), repeated values, long and non-ASCII ones. */
    @Test
    void recentStringsNeverMixValuesUp() {
        for (int i = 0; i < 3000; i++) {
            String code = i % 3 == 0 ? "J" + (9000 + i) : i % 3 == 1 ? "9" + (6000 + i) : "c\u00f3d" + i;
            String r = "{\"id\":\"C" + i + "\",\"payer\":\"p" + (i % 7) + "\",\"plan\":\"" + "x".repeat(i % 40) + "\","
                    + "\"dateOfService\":\"2026-03-02\",\"setting\":\"facility\",\"lines\":[{\"code\":\"" + code + "\","
                    + "\"modifiers\":[\"JW\",\"" + (char) ('A' + i % 26) + "Z\"]},{\"code\":\"96413\",\"modifiers\":[\"JW\"]}]}";
            Claim fast = RecordParser.Fast.claim(r);
            assertNotNull(fast, r);
            assertEquals(assertInstanceOf(ClaimRecord.Valid.class, tree(r)).claim(), fast, r);
        }
    }

    /** Lines and modifiers at and over their limits. */
    @Test
    void limitsOfLinesAndModifiers() {
        for (int lines : new int[] {1, 16, 17, 100, RecordParser.MAX_LINES, RecordParser.MAX_LINES + 1}) {
            StringBuilder b = new StringBuilder("{" + BASE + ",\"setting\":\"facility\",\"lines\":[");
            for (int i = 0; i < lines; i++) b.append(i > 0 ? "," : "").append("{\"code\":\"96413\"}");
            String r = b.append("]}").toString();
            ClaimRecord tree = tree(r);
            Claim fast = RecordParser.Fast.claim(r);
            if (tree instanceof ClaimRecord.Valid v) assertEquals(v.claim(), fast, "lines " + lines);
            else assertNull(fast, "lines " + lines);
            assertEquals(tree, RecordParser.parse(0, new RecordSource.Raw(r, null, 1), ClaimReader.Purpose.ADJUDICATE));
        }
        for (int n = 0; n <= RecordParser.MAX_MODIFIERS + 1; n++) {
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < n; i++) m.append(i > 0 ? "," : "").append("\"M").append(i).append('"');
            String r = "{" + BASE + ",\"setting\":\"facility\",\"lines\":[{\"code\":\"96413\",\"modifiers\":[" + m + "]}]}";
            ClaimRecord tree = tree(r);
            Claim fast = RecordParser.Fast.claim(r);
            if (tree instanceof ClaimRecord.Valid v) assertEquals(v.claim(), fast, "modifiers " + n);
            else assertNull(fast, "modifiers " + n);
            assertEquals(tree, RecordParser.parse(0, new RecordSource.Raw(r, null, 1), ClaimReader.Purpose.ADJUDICATE));
        }
    }
}
