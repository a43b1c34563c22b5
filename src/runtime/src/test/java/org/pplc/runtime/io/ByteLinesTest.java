package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NDJSON cut as bytes gives exactly the records of the character path: the same claims, the
 * same errors with the same line numbers, for ASCII and other text, malformed UTF-8, byte order
 * marks, blank lines, long lines and reads that stop anywhere.
 */
class ByteLinesTest {
    private static final String A = ClaimReaderTest.A;
    private static final String B = ClaimReaderTest.B;

    /** Hands out at most {@code chunk} bytes a read, so lines straddle every kind of boundary. */
    private static InputStream in(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private record Read(List<ClaimRecord> records, boolean bytes) {
    }

    private static Read read(byte[] data, int chunk, boolean bytesAllowed, int maxChars, ClaimReader.Purpose purpose) throws IOException {
        RecordSource source = new RecordSource(in(data, chunk), maxChars, bytesAllowed);
        List<ClaimRecord> out = new ArrayList<>();
        RecordSource.Raw raw;
        int index = 0;
        while ((raw = source.next()) != null) out.add(RecordParser.parse(index++, raw, purpose));
        source.close();
        return new Read(out, source.cutsBytes());
    }

    /** Asserts both paths agree; returns whether the byte path was taken. */
    private static boolean same(byte[] data, int chunk, int maxChars) throws IOException {
        boolean bytes = false;
        for (ClaimReader.Purpose purpose : ClaimReader.Purpose.values()) {
            Read chars = read(data, chunk, false, maxChars, purpose);
            assertFalse(chars.bytes());
            Read fast = read(data, chunk, true, maxChars, purpose);
            assertEquals(chars.records(), fast.records(), () -> "chunk " + chunk + ", limit " + maxChars + ", input of " + data.length + " bytes");
            bytes = fast.bytes();
        }
        return bytes;
    }

    private static boolean same(String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        boolean bytes = same(data, Integer.MAX_VALUE, RecordParser.MAX_RECORD_CHARS);
        for (int chunk : new int[] {1, 2, 3, 7, 64}) assertEquals(bytes, same(data, chunk, RecordParser.MAX_RECORD_CHARS));
        return bytes;
    }

    @Test
    void plainNdjsonIsCutAsBytesWithTheSameRecords() throws IOException {
        assertTrue(same(A + "\n" + B + "\n"));
        assertTrue(same(A + "\r\n" + B));
        assertTrue(same("\n\n  \t\n" + A + "\n\n   \n" + B + "\n\n"));
        assertTrue(same("\uFEFF" + A + "\n" + B + "\n"));
        assertTrue(same(A + "\n{\"id\":\"broken\",\"payer\":\n" + B + "\n[1]\n\"text\"\n{}\nnot json\n" + A));
        // other text after a plain first line: decoded per line, as the character path does
        assertTrue(same(A + "\n" + A.replace("uhc", "p\u00e9yer \u20ac\ud83d\udc8a") + "\n\u2028\u3000\n" + B.replace("B", "\u00df")));
        assertTrue(same(A + "\n{\"id\":\"\u00e9\",\"payer\":\n" + B));
    }

    @Test
    void otherShapesAndUnusualStartsStayOnTheCharacterPath() throws IOException {
        assertFalse(same("[" + A + ",\n" + B + "]"));
        assertFalse(same("{\n  \"id\": \"P\", \"payer\": \"uhc\", \"setting\": \"facility\",\n  \"dateOfService\": \"2026-03-02\",\n"
                + "  \"lines\": [{\"code\": \"96413\"}]\n}\n" + B));
        assertFalse(same(A.replace("uhc", "\u00fchc") + "\n" + B));
        assertFalse(same("\u2028" + A + "\n" + B));
        assertFalse(same(""));
        assertFalse(same("   \n\n"));
    }

    @Test
    void malformedUtf8IsReplacedAsTheCharacterPathReplacesIt() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((A + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(A.replace("uhc", "u_c").getBytes(StandardCharsets.UTF_8));
        byte[] data = b.toByteArray();
        int at = new String(data, StandardCharsets.ISO_8859_1).lastIndexOf("u_c") + 1;
        for (byte[] bad : new byte[][] {{(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.write(data, 0, at);
            c.writeBytes(bad);
            c.write(data, at + 1, data.length - at - 1);
            c.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            c.writeBytes(bad);
            c.writeBytes(("\n" + B + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] input = c.toByteArray();
            for (int chunk : new int[] {Integer.MAX_VALUE, 1, 5}) assertTrue(same(input, chunk, RecordParser.MAX_RECORD_CHARS));
        }
    }

    @Test
    void longLinesKeepTheCharacterLimitInCharacters() throws IOException {
        // with a 240-character limit: ASCII, two-, three- and four-byte text under, at and over it
        String head = "{\"id\":\"L\",\"payer\":\"uhc\",\"lines\":[{\"code\":\"96413\",\"because\":\"";
        String tail = "\"}]}";
        for (String ch : new String[] {"y", "\u00e9", "\u20ac", "\ud83d\udc8a"}) {
            for (int n = 60; n <= 200; n++) {
                String line = head + ch.repeat(n) + tail;
                String text = A + "\n" + line + "\n" + B + "\n" + line;
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                for (int chunk : new int[] {Integer.MAX_VALUE, 7}) assertTrue(same(data, chunk, 240));
            }
        }
        // lines past the 64 KB buffer (texts under the 100,000-character string limit)
        String big = "{\"id\":\"big\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                + "\"lines\":[{\"code\":\"96413\",\"because\":\"" + "y".repeat(90_000) + "\"}]}";
        assertTrue(same(A + "\n" + big + "\n" + big.replace("yyy", "\u00e9\u00e9") + "\n" + B));
    }

    @Test
    void randomInputsGiveTheSameRecords() throws IOException {
        Random random = new Random(9);
        String[] pieces = {A, B, "", "  ", "{", "}", "[1]", "\"x\"", "null", "{\"id\":\"z\"}", "\uFEFF", "\u00e9", "\u2028",
                "\r", "\t", A.replace("96413", "J9312"), "{\"id\":\"d\",\"id\":\"e\"}", B.replace("medicare", "")};
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder(round % 2 == 0 ? A + "\n" : "");
            int lines = 1 + random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                int parts = 1 + random.nextInt(3);
                for (int j = 0; j < parts; j++) text.append(pieces[random.nextInt(pieces.length)]);
                text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(6) == 0 && data.length > 0) data[random.nextInt(data.length)] = (byte) (0x80 + random.nextInt(0x80));
            same(data, 1 + random.nextInt(40), RecordParser.MAX_RECORD_CHARS);
            // the cutters quote the first 200 characters of a line over the limit: limits start there
            same(data, Integer.MAX_VALUE, 200 + random.nextInt(200));
        }
    }
}
