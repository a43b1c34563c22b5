package org.pplc.cli;

import org.pplc.testkit.PolicyTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pplc test}: run the tests written beside the policies; optionally measure rule coverage. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run the policy tests (tests/**/*.test.json under the policy directory).")
public final class TestCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Option(names = "--coverage", description = "Report, per policy file, the rules no test made fire.")
    boolean coverage;

    @Option(names = "--min", paramLabel = "N", description = "Fail when fewer than N percent of the rules fired (implies --coverage).")
    Double min;

    @Override
    public Integer call() {
        if (min != null && (min < 0 || min > 100)) {
            System.err.println("pplc test: --min is a percentage from 0 to 100, not " + min);
            return 2;
        }
        PolicyTestRunner runner;
        try {
            runner = PolicyTestRunner.load(options.policies);
        } catch (IOException e) {
            System.err.println("pplc test: cannot read the tests under " + options.policies + ": " + e.getMessage());
            return 1;
        }
        if (runner.compilation().hasErrors()) {
            System.err.print(runner.compilation().diagnosticsText());
            System.err.println("pplc test: the policies do not compile: " + PolicyOptions.summary(runner.compilation()));
            return 1;
        }
        if (runner.cases().isEmpty()) {
            System.err.println("pplc test: no policy tests (*.test.json) under " + options.policies.resolve("tests"));
            return 1;
        }
        PolicyTestRunner.Report report = runner.runAll();
        for (PolicyTestRunner.CaseResult r : report.results()) {
            if (r.passed()) continue;
            System.out.println("FAIL " + r.testCase().displayName());
            for (String f : r.failures()) System.out.println("    " + f);
        }
        boolean belowMin = false;
        if (coverage || min != null) {
            System.out.print(report.coverage().report());
            if (min != null && report.coverage().percent() < min) {
                belowMin = true;
                System.out.println(String.format(Locale.ROOT, "coverage %.1f%% is below --min %s",
                        report.coverage().percent(), min % 1 == 0 ? Integer.toString(min.intValue()) : min.toString()));
            }
        }
        System.out.println(report.summary());
        return report.failed() > 0 || belowMin ? 1 : 0;
    }
}
