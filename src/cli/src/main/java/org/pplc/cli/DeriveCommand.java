package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.concurrent.Callable;

/**
 * {@code pplc derive FILE|-}: turns visits (administration records: one object, a JSON array or
 * NDJSON) into the claims that should be billed, one a line in input order, each line saying why.
 * Exit 0 when every visit was derived, 2 when any record ended as an error record, 1 when the
 * policies or the input file could not be used.
 */
@Command(name = "derive", description = "Turn administration records into the claim lines that should be billed; one JSON claim a line.")
public final class DeriveCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Parameters(index = "0", paramLabel = "FILE|-",
            description = "Visits with administrations: one object, a JSON array, or NDJSON; - reads standard input.")
    String input;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Compilation c = options.compileOrReport(err);
        if (c == null) return 1;
        Deriver deriver = new Deriver(c.policySet());

        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            err.println("pplc derive: " + input + ": no such file");
            return 1;
        } catch (AccessDeniedException e) {
            err.println("pplc derive: " + input + ": permission denied");
            return 1;
        } catch (IOException e) {
            err.println("pplc derive: " + input + ": cannot read: " + e.getMessage());
            return 1;
        }
        try {
            OutputStream target = new BufferedOutputStream(System.out, 1 << 16);
            int records = 0;
            int errors = 0;
            try (ClaimReader reader = new ClaimReader(in, ClaimReader.Purpose.DERIVE);
                 JsonOutput json = new JsonOutput(target)) {
                while (reader.hasNext()) {
                    ClaimRecord record = reader.next();
                    records++;
                    if (record instanceof ClaimRecord.Invalid invalid) {
                        json.writeError(invalid);
                        errors++;
                        continue;
                    }
                    Derivation d = deriver.derive(((ClaimRecord.Valid) record).claim());
                    if (d instanceof Derivation.Derived derived) {
                        json.writeClaim(derived.claim(), derived.policy(), derived.notes());
                    } else {
                        Derivation.Failed failed = (Derivation.Failed) d;
                        json.writeError(new ClaimRecord.Invalid(record.index(), failed.id(), failed.error()));
                        errors++;
                    }
                }
            }
            target.flush();
            err.println(records + (records == 1 ? " visit: " : " visits: ") + (records - errors) + " derived, "
                    + errors + (errors == 1 ? " error" : " errors"));
            return errors > 0 ? 2 : 0;
        } catch (UncheckedIOException | IOException e) {
            err.println("pplc derive: " + e.getMessage());
            return 2;
        } finally {
            if (in != System.in) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // input fully read or abandoned
                }
            }
        }
    }
}
