package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.io.ClaimReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pplc adjudicate FILE|-}: evaluates claims (one object, a JSON array or NDJSON) and writes
 * one result a line, in input order. Exit 0 when every record was evaluated, 2 when any record
 * ended as an error record, 1 when the policies or the files could not be used.
 */
@Command(name = "adjudicate", mixinStandardHelpOptions = true, description = "Evaluate claims against the policies; one JSON result a line.")
public final class AdjudicateCommand implements Callable<Integer> {
    /** With a terminal attached, a progress line every this many claims. */
    static final int PROGRESS_EVERY = 10_000;

    @Mixin
    PolicyOptions options;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Claims: one claim object, a JSON array, or NDJSON; - reads standard input.")
    String input;

    @Option(names = "--explain", description = "For every line, list each check that looked at it and why it passed or fired.")
    boolean explain;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results to FILE (written aside, then renamed) instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Compilation c = options.compileOrReport(err);
        if (c == null) return 1;
        Adjudicator engine = new Adjudicator(c.policySet());

        BatchFiles files;
        try {
            files = BatchFiles.open("adjudicate", input, out);
        } catch (BatchFiles.Unusable u) {
            err.println(u.getMessage());
            return u.exit;
        }
        int[] written = {0}; // claims whose results reached the output
        try (files) {
            Pipeline.Tally tally = run(engine, files.in(), files.out(), err, written);
            files.commit();
            err.println(tally.summary());
            return tally.errors > 0 ? 2 : 0;
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            if (cause instanceof StandardOutput.OutputFailed failed) {
                err.println(files.failure(failed, written[0], "claim"));
                return BatchFiles.OUTPUT_FAILED;
            }
            err.println("pplc adjudicate: " + (e.getMessage() != null ? e.getMessage() : cause.toString()));
            return 2;
        }
    }

    private Pipeline.Tally run(Adjudicator engine, InputStream in, OutputStream target, PrintStream err, int[] written)
            throws IOException {
        boolean progress = System.console() != null;
        int[] shown = {0};
        // the output is flushed however the run ends, so the records before a failure are out (as before)
        try (Pipeline pipeline = new Pipeline(new ClaimReader(in, ClaimReader.Purpose.ADJUDICATE), engine, explain, workers());
             Flush flush = new Flush(target)) {
            return pipeline.run(target, batch -> {
                written[0] += batch.records;
                if (!progress) return;
                // a line at every multiple of PROGRESS_EVERY, as when records were counted one by one
                shown[0] += batch.records;
                for (int k = (shown[0] - batch.records) / PROGRESS_EVERY + 1; k <= shown[0] / PROGRESS_EVERY; k++) {
                    err.println("pplc adjudicate: " + k * PROGRESS_EVERY + " claims...");
                }
            });
        }
    }

    /**
     * One worker a core, each cutting (in turn), parsing, evaluating and writing whole batches; at
     * most 8, since cutting is done one worker at a time (about 0.5 us a claim of the ~6 us a claim
     * costs in all: past 8 workers they would wait for each other to cut).
     */
    static int workers() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Flushes the output on close, failing as the JSON writer's close failed. */
    private record Flush(OutputStream target) implements AutoCloseable {
        @Override
        public void close() {
            try {
                target.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
