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
}
