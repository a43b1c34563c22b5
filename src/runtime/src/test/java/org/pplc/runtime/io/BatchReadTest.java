package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records cut in batches and parsed later are the records {@link ClaimReader#next()} gives, for every input shape. */
class BatchReadTest {
    private static final String A = ClaimReaderTest.A;
    private static final String B = ClaimReaderTest.B;

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ClaimRecord> oneByOne(String text, ClaimReader.Purpose purpose) throws IOException {
        List<ClaimRecord> out = new ArrayList<>();
        try (ClaimReader r = new ClaimReader(in(text), purpose)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<ClaimRecord> batched(String text, ClaimReader.Purpose purpose, int size) throws IOException {
        List<ClaimRecord> out = new ArrayList<>();
        try (ClaimReader r = new ClaimReader(in(text), purpose)) {
            ClaimReader.Batch b;
            int next = 0;
            while ((b = r.nextBatch(size)) != null) {
                assertEquals(next, b.firstIndex());
                assertTrue(b.size() > 0 && b.size() <= size);
                next += b.size();
                for (int i = 0; i < b.size(); i++) out.add(b.record(i));
            }
            assertNull(r.nextBatch(size));
        }
        return out;
    }

    @Test
    void everyShapeGivesTheSameRecords() throws IOException {
        String longLine = "{\"id\":\"L\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                + "\"lines\":[{\"code\":\"96413\",\"because\":\"" + "y".repeat(RecordParser.MAX_RECORD_CHARS) + "\"}]}";
        List<String> inputs = List.of(
                A + "\n" + B + "\n",
                "\uFEFF" + A + "\r\n" + B + "\r\n\r\n\n   \n" + A,
                A + "\n{\"id\":\"broken\",\"payer\":\n" + B + "\n[1]\n\"text\"\n{}\n" + A.replace("uhc", "p\u00e9yer \u20ac\ud83d\udc8a"),
                A + "\n" + longLine + "\n" + B + "\n",
                "[" + A + ",\n" + B + ", ," + A + "]",
                "[]",
                "",
                "\n\n",
                "{\n  \"id\": \"P\",\n  \"payer\": \"uhc\",\n  \"setting\": \"facility\",\n  \"dateOfService\": \"2026-03-02\",\n"
                        + "  \"lines\": [{\"code\": \"96413\"}]\n}\n{\n\"id\": \"Q\"\n}\n",
                A + "\n" + A.substring(0, 40));
        for (String text : inputs) {
            for (ClaimReader.Purpose purpose : ClaimReader.Purpose.values()) {
                List<ClaimRecord> expected = oneByOne(text, purpose);
                for (int size : new int[] {1, 2, 3, 256}) {
                    assertEquals(expected, batched(text, purpose, size), text.length() > 200 ? text.substring(0, 200) : text);
                }
            }
        }
    }

    @Test
    void aFailingInputComesAfterTheRecordsReadBeforeIt() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) text.append(A.replace("\"A\"", "\"A" + i + "\"")).append('\n');
        try (ClaimReader r = new ClaimReader(new SequenceInputStream(in(text.toString()), broken), ClaimReader.Purpose.ADJUDICATE)) {
            List<ClaimRecord> seen = new ArrayList<>();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                ClaimReader.Batch b;
                while ((b = r.nextBatch(4)) != null) {
                    for (int i = 0; i < b.size(); i++) seen.add(b.record(i));
                }
            });
            assertEquals("cannot read the claims: disk gone", e.getMessage());
            assertEquals(10, seen.size());
            assertEquals(9, seen.get(9).index());
            assertNull(r.nextBatch(4));
        }
    }

    /** The records of a batch read in order (through the batch's shared parser) and one by one. */
    private static void sameInBatches(String text) throws IOException {
        for (ClaimReader.Purpose purpose : ClaimReader.Purpose.values()) {
            List<ClaimRecord> expected = oneByOne(text, purpose);
            for (int size : new int[] {1, 3, 256}) {
                assertEquals(expected, batched(text, purpose, size), text.length() > 300 ? text.substring(0, 300) : text);
            }
        }
    }

    @Test
    void linesAfterALineThatIsNotOneObjectAreReadAsAlone() throws IOException {
        // each of these lines makes the shared parser stop; the line after it must read as it reads alone
        String[] odd = {
                A + " ", A + "\t\t", A + " \r", A + "x", A + " " + B, A + "{}", A + "]", A + ",", A + "\u000b",
                A.substring(0, A.length() - 1), A.substring(0, 30), "{\"id\":\"open", "{", "[", "\"x\"", "42", "[" + A + "]",
                "  " + A, "\t" + A, A.replace("\"A\"", "null"), A.replace("\"uhc\"", "null"), A.replace("\"uhc\"", "7"),
                A.replace("\"id\":\"A\",", "\"id\":\"A\",\"id\":\"A2\","), A.replace("96413", "\\u0039\\u0036413"),
                A.replace("\"lines\"", "\"extra\":{\"a\":1},\"lines\""), "{}", "{\"payer\":\"uhc\"}", "/* c */ " + A,
                A.replace("2026-03-02", "2026-02-30"), A.replace("\"units\":3", "\"units\":3.5"), A.replace("\"units\":3", "\"units\":99999999999"),
        };
        for (String line : odd) {
            sameInBatches(A + "\n" + line + "\n" + B + "\n" + A + "\n");
            sameInBatches(line + "\n" + A + "\n");
            sameInBatches(A + "\n" + line);
            sameInBatches(A + "\n\n  \n" + line + "\r\n" + B);
        }
    }

    @Test
    void randomLinesReadInBatchesAsAlone() throws IOException {
        java.util.Random random = new java.util.Random(11);
        String[] pieces = {A, B, A, B, A + "  ", "{", "}", "[1]", "\"x\"", "null", "{\"id\":\"z\"}", "\u00e9", "\r", "\t", " ",
                "\u000b", A.replace("96413", "J9312"), "{\"id\":\"d\",\"id\":\"e\"}", B.replace("medicare", ""), "x", ","};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(20);
            for (int i = 0; i < lines; i++) {
                int parts = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
                for (int j = 0; j < parts; j++) text.append(pieces[random.nextInt(pieces.length)]);
                text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            // and a valid line cut short or with a character replaced at a random place
            String cut = random.nextBoolean() ? A : B;
            int at = random.nextInt(cut.length());
            text.append(random.nextBoolean() ? cut.substring(0, at) : cut.substring(0, at) + "#" + cut.substring(at + 1)).append('\n').append(A);
            sameInBatches(text.toString());
        }
    }

    @Test
    void linesAcrossChunksAndLongLinesReadAsAlone() throws IOException {
        // more than one 256 KB chunk of lines, with a line gathered past the 64 KB read buffer among them
        String big = "{\"id\":\"big\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                + "\"lines\":[{\"code\":\"96413\",\"because\":\"" + "y".repeat(90_000) + "\"}]}";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            text.append(i % 2 == 0 ? A : B).append('\n');
            if (i == 1_000) text.append(big).append('\n');
            if (i == 2_000) text.append(A, 0, 50).append('\n');
        }
        List<ClaimRecord> expected = oneByOne(text.toString(), ClaimReader.Purpose.ADJUDICATE);
        assertEquals(3_002, expected.size());
        assertEquals(expected, batched(text.toString(), ClaimReader.Purpose.ADJUDICATE, 256));
        assertEquals(expected, batched(text.toString(), ClaimReader.Purpose.ADJUDICATE, 1_000));
    }

    @Test
    void oneParserReadsTheCleanLinesOfABatch() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) text.append(i % 2 == 0 ? A : B).append(i % 3 == 0 ? " \r\n" : "\n");
        try (ClaimReader r = new ClaimReader(in(text.toString()), ClaimReader.Purpose.ADJUDICATE)) {
            ClaimReader.Batch b = r.nextBatch(100);
            for (int i = 0; i < b.size(); i++) assertTrue(b.record(i) instanceof ClaimRecord.Valid, "record " + i);
            assertEquals(1, b.parsersMade(), "one parser for 100 clean lines");
        }
        // a line the fast read leaves to the tree read: the line after it needs a parser of its own
        String odd = text.toString().replaceFirst("\"id\":\"B\"", "\"id\":null");
        try (ClaimReader r = new ClaimReader(in(odd), ClaimReader.Purpose.ADJUDICATE)) {
            ClaimReader.Batch b = r.nextBatch(100);
            for (int i = 0; i < b.size(); i++) assertTrue(b.record(i) instanceof ClaimRecord.Valid, "record " + i);
            assertEquals(2, b.parsersMade());
        }
    }
}
