package org.pplc.cli;

import org.pplc.compiler.AsideFile;
import org.pplc.compiler.PolicyTree;
import org.pplc.compiler.imports.AocImporter;
import org.pplc.compiler.imports.AocTable;
import org.pplc.compiler.imports.AocText;
import org.pplc.compiler.imports.ImportDiff;
import org.pplc.compiler.imports.ImportException;
import org.pplc.compiler.imports.MueImporter;
import org.pplc.compiler.imports.MueTable;
import org.pplc.compiler.imports.MueText;
import org.pplc.compiler.imports.PolicyScope;
import org.pplc.compiler.imports.Quarter;
import org.pplc.compiler.imports.RowProblem;
import org.pplc.runtime.model.MueSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code pplc import mue|aoc}: turns the CMS tables into policy text. Exit 0 when every row was
 * imported; 1 when the file was refused, the policies needed did not compile, or any row was bad
 * (the good rows are still written).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn CMS tables (MUE, add-on code edits) into policy text.",
        subcommands = {ImportCommand.Mue.class, ImportCommand.Aoc.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both tables take. */
    abstract static class Common implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the CMS file, CSV as CMS publishes it")
        Path file;

        @Option(names = "--out", paramLabel = "F", description = "write the policy text to F instead of standard output")
        Path out;

        @Option(names = "--quarter", paramLabel = "YYYYQn", description = "the CMS release, e.g. 2024Q3; default: from the file name")
        String quarter;

        @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies", description = "policies directory (default: ${DEFAULT-VALUE})")
        Path policies;

        @Option(names = "--policy", paramLabel = "ID", defaultValue = "medicare-part-b",
                description = "the policy the rules are meant for: only its codes are kept, --diff compares with it (default: ${DEFAULT-VALUE})")
        String policyId;

        @Option(names = "--all", description = "keep codes the policies do not define (they then need code definitions to compile)")
        boolean all;

        @Option(names = "--diff", description = "report what this file changes against --policy (added, removed, changed) instead of printing the text; --out still writes it")
        boolean diff;

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        PrintWriter stdout() {
            return spec.commandLine().getOut();
        }

        String displayName() {
            return file.toString();
        }

        Quarter quarter() {
            if (quarter != null) return Quarter.parse(quarter);
            return Quarter.inferFrom(file.getFileName().toString()).orElse(null);
        }

        /**
         * Policy text to --out (written aside and renamed, {@link AsideFile}: a failure leaves a
         * previous file whole) or standard output (suppressed there by --diff). 0, or 3 when it
         * could not be written.
         */
        int emit(String text) {
            if (out != null) {
                try {
                    AsideFile.write(out, text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err().println(out + ": error: cannot write the output: " + (e instanceof AsideFile.Refused ? e.getMessage()
                            : PolicyTree.reason(e)) + "; " + out + " is left as it was");
                    return BatchFiles.OUTPUT_FAILED;
                }
                return 0;
            }
            return diff ? 0 : print(text);
        }

        /** Text to standard output, checked: 0, or 3 when it could not be written. */
        int print(String text) {
            stdout().print(text);
            // picocli's writer and System.out below it swallow a failed write: checkError() flushes and asks
            if (!stdout().checkError() && !System.out.checkError()) return 0;
            String why = StandardOutput.Reason.last;
            err().println("pplc import: error: cannot write to standard output: " + (why == null ? "write error" : why)
                    + "; the policy text is incomplete");
            return BatchFiles.OUTPUT_FAILED;
        }

        int report(List<RowProblem> problems) {
            for (RowProblem p : problems) err().println(p);
            return problems.size();
        }

        @Override
        public Integer call() {
            try {
                return importFile();
            } catch (ImportException e) {
                err().println(e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                err().println("pplc import: error: " + e.getMessage());
                return 1;
            } finally {
                err().flush();
                stdout().flush();
            }
        }

        abstract int importFile() throws ImportException;
    }

    @Command(name = "mue", mixinStandardHelpOptions = true,
            description = "Turn a CMS MUE table (practitioner or outpatient hospital services) into mue rules.")
    static final class Mue extends Common {
        @Option(names = "--setting", required = true, paramLabel = "practitioner|outpatient", description = "which table this is")
        String setting;

        @Option(names = "--wrap", paramLabel = "POLICY_ID", description = "emit a whole policy with this id around the rules")
        String wrap;

        @Option(names = "--payer", defaultValue = "medicare", paramLabel = "ID", description = "with --wrap: the payer it applies to (default: ${DEFAULT-VALUE})")
        String payer;

        @Option(names = "--effective", paramLabel = "YYYY-MM-DD", description = "with --wrap: first day in force (default: the quarter's first day)")
        String effective;

        @Option(names = "--extends", paramLabel = "ID", description = "with --wrap (required): the layer below; MUEs it already sets are written 'override'")
        String extendsId;

        @Override
        int importFile() throws ImportException {
            MueSetting s = MueSetting.fromId(setting);
            if (s == null) throw new IllegalArgumentException("--setting must be practitioner or outpatient, not '" + setting + "'");
            Quarter q = quarter();
            LocalDate from = null;
            if (wrap != null) {
                if (extendsId == null) {
                    throw new IllegalArgumentException("--wrap needs --extends ID: a payer policy builds on a layer below");
                }
                from = effective != null ? date(effective, "--effective") : q == null ? null : q.firstDay();
                if (from == null) {
                    throw new IllegalArgumentException("--wrap needs the day the policy takes effect: give --quarter or --effective");
                }
            }
            MueTable table = MueImporter.read(file, displayName(), s);
            int bad = report(table.problems());
            boolean needPolicies = !all || diff || extendsId != null;
            PolicyScope scope = needPolicies ? PolicyScope.load(policies, !all || diff ? policyId : extendsId) : null;
            if (!all) table = table.restrictTo(scope.mueCodes());
            Set<String> overridden = Set.of();
            if (extendsId != null) overridden = PolicyScope.load(policies, extendsId).mueCodesSet(s);
            MueText.Wrap w = wrap == null ? null : new MueText.Wrap(wrap, payer, from, extendsId, overridden);
            int written = emit(MueText.render(table, q, w));
            if (written == 0 && diff) written = print(ImportDiff.mues(table, scope.policy()).render());
            if (written != 0) return written;
            err().println(displayName() + ": imported " + count(table.entries().size(), s.id() + " MUE")
                    + (table.skipped() > 0 ? "; " + count(table.skipped(), "code") + " outside the hierarchy of " + policyId
                    + " left out (--all keeps them)" : "")
                    + (bad > 0 ? "; " + count(bad, "row") + " not imported (errors above)" : ""));
            return bad > 0 ? 1 : 0;
        }
    }

    @Command(name = "aoc", mixinStandardHelpOptions = true,
            description = "Turn the CMS add-on code edit file into the codes' add-on of lists.")
    static final class Aoc extends Common {
        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
                description = "leave out edits deleted on or before this day and edits not yet in force (default: leave out every edit with a deletion date)")
        String asOf;

        @Override
        int importFile() throws ImportException {
            Quarter q = quarter();
            LocalDate day = asOf == null ? null : date(asOf, "--as-of");
            AocTable table = AocImporter.read(file, displayName(), day);
            int bad = report(table.problems());
            PolicyScope scope = !all || diff ? PolicyScope.load(policies, policyId) : null;
            if (!all) table = table.restrictTo(scope.codes());
            int written = emit(AocText.render(table, q));
            if (written == 0 && diff) written = print(ImportDiff.addOns(table, scope.policy()).render());
            if (written != 0) return written;
            err().println(displayName() + ": imported " + count(table.edits().size(), "add-on edit")
                    + (table.deleted() > 0 ? "; " + count(table.deleted(), "deleted edit") + " left out" : "")
                    + (table.notYetInForce() > 0 ? "; " + count(table.notYetInForce(), "edit") + " not yet in force left out" : "")
                    + (table.skipped() > 0 ? "; " + count(table.skipped(), "edit") + " outside the hierarchy of " + policyId
                    + " left out (--all keeps them)" : "")
                    + (bad > 0 ? "; " + count(bad, "row") + " not imported (errors above)" : ""));
            return bad > 0 ? 1 : 0;
        }
    }

    /** "1 code", "2 codes". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static LocalDate date(String text, String option) {
        LocalDate date = org.pplc.runtime.model.IsoDates.date(text);
        if (date == null) throw new IllegalArgumentException(option + " '" + text + "' is not a date (YYYY-MM-DD)");
        return date;
    }
}
