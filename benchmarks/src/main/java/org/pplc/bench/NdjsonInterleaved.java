package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time per claim of all of {@code pplc adjudicate}'s work on one thread, batch by batch as a
 * worker does it (cut a batch, then parse, evaluate and write each of its records): what the
 * pipeline's workers would cost with no second thread. {@link NdjsonStages} runs each stage over
 * 4,096 claims before the next, which splits the cost by stage but reads every stage's data cold.
 * Usage: {@code NdjsonInterleaved CLAIMS.ndjson POLICY_DIR [BATCH] [ROUNDS]}.
 */
public final class NdjsonInterleaved {
    private NdjsonInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        Compilation c = PolicyCompiler.compileDirectory(Path.of(args[1]));
        if (c.hasErrors()) throw new IllegalStateException(c.diagnosticsText());
        Adjudicator engine = new Adjudicator(c.policySet());
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path out = Files.createTempFile("ndjson-interleaved", ".ndjson");
        for (int round = 1; round <= rounds; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            int n = 0;
            try (InputStream in = Files.newInputStream(Path.of(args[0]));
                 ClaimReader r = new ClaimReader(in, ClaimReader.Purpose.ADJUDICATE);
                 OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                ClaimReader.Batch b;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch * 1024);
                while ((b = r.nextBatch(batch)) != null) {
                    bytes.reset();
                    try (JsonOutput json = new JsonOutput(bytes, b.firstIndex())) {
                        for (int i = 0; i < b.size(); i++) {
                            ClaimRecord rec = b.record(i);
                            if (rec instanceof ClaimRecord.Valid v) json.write(engine.evaluate(v.claim(), false));
                            else json.writeError((ClaimRecord.Invalid) rec);
                            n++;
                        }
                    }
                    bytes.writeTo(os);
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d, %d claims in batches of %d: %.2f us CPU per claim (cut, parse, evaluate, write)%n",
                    round, n, batch, (t1 - t0) / 1000.0 / n);
        }
        Files.deleteIfExists(out);
    }
}
