package org.pplc.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Batches parsed, evaluated and written on several threads give the bytes of one thread, record by record. */
class PipelineTest {
    private static Adjudicator engine;

    @BeforeAll
    static void compile() {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c::diagnosticsText);
        engine = new Adjudicator(c.policySet());
    }

    /** Claims of every kind, with malformed and unusual records mixed in. */
    private static String input(int n) {
        StringBuilder b = new StringBuilder("\uFEFF");
        for (int i = 0; i < n; i++) {
            switch (i % 50) {
                case 7 -> b.append("{\"id\":\"broken-").append(i).append("\",\"payer\":");
                case 13 -> b.append("{\"id\":\"E").append(i).append("\",\"payer\":\"nobody\",\"setting\":\"facility\","
                        + "\"dateOfService\":\"2026-03-02\",\"lines\":[{\"code\":\"96413\"}]}");
                case 21 -> b.append("{\"id\":\"caf\u00e9 \\\"").append(i).append("\\\" \ud83d\udc8a\",\"payer\":\"uhc\",\"plan\":\"commercial\","
                        + "\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\",\"lines\":[{\"code\":\"96413\",\"units\":9}]}");
                case 22 -> b.append("{\"id\":").append(i).append(",\"payer\":\"uhc\",\"placeOfService\":\"22\",\"dateOfService\":\"2026-03-02\","
                        + "\"lines\":[{\"code\":\"96415\"}]}\r");
                case 30 -> b.append("   ");
                default -> b.append(Claims.claim(23, i));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** What adjudicate wrote before: one thread, record by record, through one JsonOutput. */
    private static String oneThread(String text, boolean explain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClaimReader reader = new ClaimReader(bytes(text), ClaimReader.Purpose.ADJUDICATE); JsonOutput json = new JsonOutput(out)) {
            while (reader.hasNext()) {
                ClaimRecord record = reader.next();
                if (record instanceof ClaimRecord.Valid v) json.write(engine.evaluate(v.claim(), explain));
                else json.writeError((ClaimRecord.Invalid) record);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String pipeline(String text, boolean explain, int workers, Pipeline.Tally[] tally) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Pipeline p = new Pipeline(new ClaimReader(bytes(text), ClaimReader.Purpose.ADJUDICATE), engine, explain, workers)) {
            tally[0] = p.run(out, batch -> { });
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anyNumberOfWorkersWritesTheSingleThreadBytes() throws IOException {
        int n = Pipeline.BATCH * 4 * 3 + 17; // more batches than may be in flight, and a part batch
        String text = input(n);
        for (boolean explain : new boolean[] {false, true}) {
            String expected = oneThread(text, explain);
            int records = n - (n + 19) / 50; // one record a line but the blank ones (i % 50 == 30)
            assertEquals(records, expected.split("\n").length);
            for (int workers : new int[] {1, 2, 5}) {
                Pipeline.Tally[] tally = new Pipeline.Tally[1];
                assertEquals(expected, pipeline(text, explain, workers, tally), workers + " workers");
                assertEquals(records, tally[0].records);
                long errors = expected.lines().filter(l -> l.contains("\"decision\":\"error\"")).count();
                assertEquals(errors, tally[0].errors);
                assertEquals(records, tally[0].pass + tally[0].warn + tally[0].review + tally[0].deny + tally[0].errors);
            }
        }
    }

    @Test
    void emptyInputWritesNothing() throws IOException {
        Pipeline.Tally[] tally = new Pipeline.Tally[1];
        assertEquals("", pipeline("", false, 2, tally));
        assertEquals(0, tally[0].records);
    }

    @Test
    void aFailingInputArrivesAfterTheRecordsReadBeforeIt() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        int n = Pipeline.BATCH * 3 + 5;
        String text = input(n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Pipeline p = new Pipeline(new ClaimReader(new SequenceInputStream(bytes(text), broken), ClaimReader.Purpose.ADJUDICATE),
                engine, false, 2)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> p.run(out, batch -> { }));
            assertEquals("cannot read the claims: disk gone", e.getMessage());
        }
        assertEquals(oneThread(text, false), out.toString(StandardCharsets.UTF_8), "every record read before the failure is written");
    }

    @Test
    void closingEarlyStopsEveryThread() throws Exception {
        Pipeline p = new Pipeline(new ClaimReader(bytes(input(20_000)), ClaimReader.Purpose.ADJUDICATE), engine, false, 2);
        p.close(); // the threads may be waiting on full queues: none may stay there
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pplc-adjudicate-")) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " ended");
            }
        }
    }
}
