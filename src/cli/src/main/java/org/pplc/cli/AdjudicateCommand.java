package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code pplc adjudicate FILE|-}: evaluates claims (one object, a JSON array or NDJSON) and writes
 * one result a line, in input order. Exit 0 when every record was evaluated, 2 when any record
 * ended as an error record, 1 when the policies or the files could not be used.
 */
@Command(name = "adjudicate", description = "Evaluate claims against the policies; one JSON result a line.")
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

        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            err.println("pplc adjudicate: " + input + ": no such file");
            return 1;
        } catch (AccessDeniedException e) {
            err.println("pplc adjudicate: " + input + ": permission denied");
            return 1;
        } catch (IOException e) {
            err.println("pplc adjudicate: " + input + ": cannot read: " + e.getMessage());
            return 1;
        }

        Path temp = null;
        Thread removeAside = null;
        try {
            OutputStream target;
            if (out == null) {
                target = new BufferedOutputStream(System.out, 1 << 16);
            } else {
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                temp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
                // Stopped (Ctrl-C, SIGTERM) before the rename: remove the half-written aside file too.
                Path aside = temp;
                removeAside = new Thread(() -> {
                    try {
                        Files.deleteIfExists(aside);
                    } catch (IOException ignored) {
                        // the JVM is going down; the file is hidden and named as ours
                    }
                });
                Runtime.getRuntime().addShutdownHook(removeAside);
                target = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            }
            Tally tally = run(engine, in, target, err);
            if (out != null) {
                target.close();
                moveInto(temp, out);
                temp = null;
            } else {
                target.flush();
            }
            err.println(tally.summary());
            return tally.errors > 0 ? 2 : 0;
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println("pplc adjudicate: " + (e.getMessage() != null ? e.getMessage() : cause.toString()));
            return 2;
        } finally {
            if (removeAside != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(removeAside);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it removes the aside file itself
                }
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the aside file is ours; nothing more to do when it cannot be removed
                }
            }
            if (in != System.in) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // input fully read or abandoned
                }
            }
        }
    }

    private Tally run(Adjudicator engine, InputStream in, OutputStream target, PrintStream err) throws IOException {
        Tally tally = new Tally();
        boolean progress = System.console() != null;
        try (ReadAhead reader = new ReadAhead(new ClaimReader(in, ClaimReader.Purpose.ADJUDICATE));
             JsonOutput json = new JsonOutput(target)) {
            while (reader.hasNext()) {
                ClaimRecord record = reader.next();
                if (record instanceof ClaimRecord.Valid v) {
                    Result r = engine.evaluate(v.claim(), explain);
                    json.write(r);
                    tally.count(r);
                } else {
                    json.writeError((ClaimRecord.Invalid) record);
                    tally.errors++;
                }
                tally.records++;
                if (progress && tally.records % PROGRESS_EVERY == 0) err.println("pplc adjudicate: " + tally.records + " claims...");
            }
        }
        return tally;
    }

    private static void moveInto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Counts by decision for the closing summary line. */
    private static final class Tally {
        int records, pass, warn, review, deny, errors;

        void count(Result r) {
            switch (r.decision()) {
                case PASS -> pass++;
                case WARN -> warn++;
                case REVIEW -> review++;
                case DENY -> deny++;
                case ERROR -> errors++;
            }
        }

        String summary() {
            return records + (records == 1 ? " claim: " : " claims: ") + pass + " pass, " + deny + " deny, " + review
                    + " review, " + warn + " warn, " + errors + (errors == 1 ? " error" : " errors");
        }
    }
}
