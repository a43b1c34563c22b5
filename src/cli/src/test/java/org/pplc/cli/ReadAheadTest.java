package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadAheadTest {
    /** n NDJSON claims with ids C0..C(n-1); every seventh one lacks its lines (an error record). */
    private static String claims(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"id\":\"C").append(i).append("\",\"payer\":\"uhc\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\"");
            if (i % 7 != 0) b.append(",\"lines\":[{\"code\":\"96413\"}]");
            b.append("}\n");
        }
        return b.toString();
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(ClaimRecord r) {
        return r instanceof ClaimRecord.Valid v ? v.claim().id() : ((ClaimRecord.Invalid) r).id();
    }

    @Test
    void recordsComeOutInInputOrderAcrossBatches() throws IOException {
        int n = ReadAhead.BATCH * ReadAhead.BATCHES * 2 + 3; // more than the queue holds, not a whole batch
        List<ClaimRecord> seen = new ArrayList<>();
        try (ReadAhead r = new ReadAhead(new ClaimReader(bytes(claims(n)), ClaimReader.Purpose.ADJUDICATE))) {
            r.forEachRemaining(seen::add);
            assertFalse(r.hasNext());
        }
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, seen.get(i).index());
            assertEquals("C" + i, id(seen.get(i)));
            if (i % 7 == 0) assertInstanceOf(ClaimRecord.Invalid.class, seen.get(i));
            else assertInstanceOf(ClaimRecord.Valid.class, seen.get(i));
        }
    }

    @Test
    void aFailingInputArrivesAfterTheRecordsReadBeforeIt() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        int n = 300;
        List<ClaimRecord> seen = new ArrayList<>();
        try (ReadAhead r = new ReadAhead(new ClaimReader(new SequenceInputStream(bytes(claims(n)), broken),
                ClaimReader.Purpose.ADJUDICATE))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> r.forEachRemaining(seen::add));
            assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
            assertFalse(r.hasNext());
        }
        assertEquals(n, seen.size());
        assertEquals("C" + (n - 1), id(seen.get(n - 1)));
    }

    @Test
    void closingEarlyStopsTheReader() throws Exception {
        ReadAhead r = new ReadAhead(new ClaimReader(bytes(claims(10_000)), ClaimReader.Purpose.ADJUDICATE));
        assertTrue(r.hasNext());
        assertEquals("C0", id(r.next()));
        r.close(); // the thread may be blocked on a full queue: it must not stay there
        Thread t = Thread.getAllStackTraces().keySet().stream()
                .filter(x -> x.getName().equals("pplc-claim-reader")).findFirst().orElse(null);
        if (t != null) t.join(5_000);
        assertTrue(t == null || !t.isAlive(), "the reading thread ended");
    }
}
