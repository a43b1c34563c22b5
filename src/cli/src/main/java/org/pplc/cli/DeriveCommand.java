package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyTree;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pplc derive FILE|-}: turns visits (administration records: one object, a JSON array or
 * NDJSON) into the claims that should be billed, one a line in input order, each line saying why.
 * Exit 0 when every visit was derived, 2 when any record ended as an error record, 1 when the
 * policies or the input file could not be used.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, description = "Turn administration records into the claim lines that should be billed; one JSON claim a line.")
public final class DeriveCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Parameters(index = "0", paramLabel = "FILE|-",
            description = "Visits with administrations: one object, a JSON array, or NDJSON; - reads standard input.")
    String input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the claims to FILE (written aside, then renamed) instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Compilation c = options.compileOrReport(err);
        if (c == null) return 1;
        Deriver deriver = new Deriver(c.policySet());

        BatchFiles files;
        try {
            files = BatchFiles.open("derive", input, out);
        } catch (BatchFiles.Unusable u) {
            err.println(u.getMessage());
            return u.exit;
        }
        int written = 0; // visits whose claims reached the output
        try (files) {
            int records = 0;
            int errors = 0;
            int warned = 0;
            // written a batch at a time, as adjudicate does, so a failed write knows what was written
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(1 << 16);
            try (ClaimReader reader = new ClaimReader(files.in(), ClaimReader.Purpose.DERIVE);
                 JsonOutput json = new JsonOutput(batch)) {
                while (reader.hasNext()) {
                    ClaimRecord record = reader.next();
                    records++;
                    if (record instanceof ClaimRecord.Invalid invalid) {
                        json.writeError(invalid);
                        errors++;
                    } else {
                        Derivation d = deriver.derive(((ClaimRecord.Valid) record).claim());
                        if (d instanceof Derivation.Derived derived) {
                            json.writeClaim(derived.claim(), derived.policy(), derived.notes(), derived.warnings());
                            for (String w : derived.warnings()) {
                                err.println("pplc derive: " + (derived.id() == null ? "record " + record.index() : derived.id())
                                        + ": warning: " + w);
                            }
                            warned += derived.warnings().isEmpty() ? 0 : 1;
                        } else {
                            Derivation.Failed failed = (Derivation.Failed) d;
                            json.writeError(new ClaimRecord.Invalid(record.index(), failed.id(), failed.error()));
                            errors++;
                        }
                    }
                    if (records - written == Pipeline.BATCH) written = writeBatch(json, batch, files, records);
                }
                writeBatch(json, batch, files, records);
                written = records;
            }
            files.commit();
            err.println(records + (records == 1 ? " visit: " : " visits: ") + (records - errors) + " derived, "
                    + errors + (errors == 1 ? " error" : " errors")
                    + (warned == 0 ? "" : ", " + warned + " with warnings"));
            return errors > 0 ? 2 : 0;
        } catch (StandardOutput.OutputFailed e) {
            err.println(files.failure(e, written, "visit"));
            return BatchFiles.OUTPUT_FAILED;
        } catch (UncheckedIOException | IOException e) {
            err.println("pplc derive: " + e.getMessage());
            return 2;
        }
    }

    /** Hands the batch's records to the output; returns how many records are now written. */
    private static int writeBatch(JsonOutput json, java.io.ByteArrayOutputStream batch, BatchFiles files, int records)
            throws StandardOutput.OutputFailed {
        json.flush();
        try {
            batch.writeTo(files.out());
        } catch (StandardOutput.OutputFailed e) {
            throw e;
        } catch (IOException e) {
            throw new StandardOutput.OutputFailed(PolicyTree.reason(e));
        }
        batch.reset();
        return records;
    }
}
