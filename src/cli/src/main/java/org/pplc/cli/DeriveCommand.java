package org.pplc.cli;

import org.pplc.compiler.Compilation;
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

        BatchFiles files = BatchFiles.open("derive", input, out, err);
        if (files == null) return 1;
        try (files) {
            int records = 0;
            int errors = 0;
            try (ClaimReader reader = new ClaimReader(files.in(), ClaimReader.Purpose.DERIVE);
                 JsonOutput json = new JsonOutput(files.out())) {
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
            files.commit();
            err.println(records + (records == 1 ? " visit: " : " visits: ") + (records - errors) + " derived, "
                    + errors + (errors == 1 ? " error" : " errors"));
            return errors > 0 ? 2 : 0;
        } catch (UncheckedIOException | IOException e) {
            err.println("pplc derive: " + e.getMessage());
            return 2;
        }
    }
}
