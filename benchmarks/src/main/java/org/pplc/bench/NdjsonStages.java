package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per claim of each stage of {@code pplc adjudicate} on NDJSON, on one thread, in process:
 * read (cutting records from the input), parse (ClaimReader), evaluate (Adjudicator), write (JsonOutput to a file). Usage:
 * {@code NdjsonStages CLAIMS.ndjson POLICY_DIR [ROUNDS]}; the first rounds warm the JIT up.
 */
public final class NdjsonStages {
    private static final int CHUNK = 4096;

    public static void main(String[] args) throws Exception {
        Path claims = Path.of(args[0]);
        Compilation c = PolicyCompiler.compileDirectory(Path.of(args[1]));
        if (c.hasErrors()) throw new IllegalStateException(c.diagnosticsText());
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Adjudicator engine = new Adjudicator(c.policySet());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path out = Files.createTempFile("ndjson-stages", ".ndjson");
        for (int round = 1; round <= rounds; round++) {
            long cut = 0, read = 0, evaluate = 0, write = 0;
            int count = 0;
            // chunks small enough to stay in the young generation, as in a streaming run
            List<ClaimRecord> records = new ArrayList<>(CHUNK);
            List<Result> results = new ArrayList<>(CHUNK);
            try (InputStream in = Files.newInputStream(claims); ClaimReader r = new ClaimReader(in, ClaimReader.Purpose.ADJUDICATE);
                 OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16); JsonOutput json = new JsonOutput(os)) {
                ClaimReader.Batch batch;
                while (true) {
                    records.clear();
                    results.clear();
                    long t0 = mx.getCurrentThreadCpuTime();
                    batch = r.nextBatch(CHUNK);
                    if (batch == null) break;
                    long tc = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < batch.size(); i++) records.add(batch.record(i));
                    long t1 = mx.getCurrentThreadCpuTime();
                    cut += tc - t0;
                    for (ClaimRecord rec : records) {
                        results.add(rec instanceof ClaimRecord.Valid v ? engine.evaluate(v.claim(), false) : null);
                    }
                    long t2 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < results.size(); i++) {
                        Result res = results.get(i);
                        if (res != null) json.write(res);
                        else json.writeError((ClaimRecord.Invalid) records.get(i));
                    }
                    long t3 = mx.getCurrentThreadCpuTime();
                    read += t1 - tc;
                    evaluate += t2 - t1;
                    write += t3 - t2;
                    count += records.size();
                }
            }
            double n = count;
            System.out.printf("round %d, %d claims, CPU us per claim: read (cut records) %.2f, parse %.2f, evaluate %.2f, write %.2f, total %.2f; output %d bytes%n",
                    round, count, cut / n / 1000, read / n / 1000, evaluate / n / 1000, write / n / 1000, (cut + read + evaluate + write) / n / 1000, Files.size(out));
        }
        Files.deleteIfExists(out);
    }
}
