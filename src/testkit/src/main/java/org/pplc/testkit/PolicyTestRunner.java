package org.pplc.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.testkit.PolicyTestCase.ExpectedFinding;
import org.pplc.testkit.PolicyTestCase.ExpectedLine;
import org.pplc.testkit.PolicyTestCase.Expectation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the policy tests written beside the policies ({@code DIR/tests/**}{@code /*.test.json})
 * against the policies compiled from {@code DIR}, and measures which rules they made fire.
 * The same runner serves {@code pplc test} and JUnit ({@link PolicyTests}).
 */
public final class PolicyTestRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One case's outcome; {@code failures} say expected against actual, one a line. */
    public record CaseResult(PolicyTestCase testCase, List<String> failures) {
        public CaseResult {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Every case's outcome and the coverage they reached. */
    public record Report(List<CaseResult> results, Coverage coverage) {
        public Report {
            results = List.copyOf(results);
        }

        public long passed() {
            return results.stream().filter(CaseResult::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }

        /** {@code N passed, M failed}: the closing line CI reads. */
        public String summary() {
            return passed() + " passed, " + failed() + " failed";
        }
    }

    private final Compilation compilation;
    private final Adjudicator adjudicator;
    private final Deriver deriver;
    private final Coverage coverage;
    private final List<PolicyTestCase> cases;

    private PolicyTestRunner(Compilation compilation, List<PolicyTestCase> cases) {
        this.compilation = compilation;
        this.cases = List.copyOf(cases);
        if (compilation.hasErrors()) {
            adjudicator = null;
            deriver = null;
            coverage = null;
        } else {
            adjudicator = new Adjudicator(compilation.policySet());
            deriver = new Deriver(compilation.policySet());
            coverage = new Coverage(compilation.policySet());
        }
    }

    /** Compiles the policies under {@code policies} and reads the tests under {@code policies/tests}. */
    public static PolicyTestRunner load(Path policies) throws IOException {
        org.pplc.compiler.PolicyTree tree;
        try {
            tree = org.pplc.compiler.PolicyTree.open(policies);
        } catch (IOException e) {
            return new PolicyTestRunner(PolicyCompiler.compileDirectory(policies), List.of()); // says it does not exist
        }
        // one guarded walk: the policies, the test files and the files they name all stay inside the root
        Compilation c = PolicyCompiler.compileTree(tree, new org.pplc.compiler.diag.Diagnostics());
        return new PolicyTestRunner(c, TestFiles.readAll(tree));
    }

    /** The compilation; when it has errors no test can run. */
    public Compilation compilation() {
        return compilation;
    }

    public List<PolicyTestCase> cases() {
        return cases;
    }

    /** Null when the policies did not compile. */
    public Coverage coverage() {
        return coverage;
    }

    public Report runAll() {
        List<CaseResult> out = new ArrayList<>();
        for (PolicyTestCase c : cases) out.add(run(c));
        return new Report(out, coverage);
    }

    public CaseResult run(PolicyTestCase c) {
        List<String> failures = new ArrayList<>();
        if (c.problem() != null) {
            failures.add(c.problem());
        } else if (compilation.hasErrors()) {
            failures.add("the policies do not compile (" + compilation.errors().size() + " errors; run pplc check)");
        } else {
            ClaimRecord record = read(c);
            if (record instanceof ClaimRecord.Invalid invalid) {
                checkError(c.expect(), "the " + (c.kind() == PolicyTestCase.Kind.CLAIM ? "claim" : "visit")
                        + " is invalid: " + invalid.error(), failures);
            } else {
                Claim claim = ((ClaimRecord.Valid) record).claim();
                if (c.kind() == PolicyTestCase.Kind.CLAIM) adjudicate(claim, c.expect(), failures);
                else derive(claim, c.expect(), failures);
            }
        }
        return new CaseResult(c, failures);
    }

    private ClaimRecord read(PolicyTestCase c) {
        ClaimReader.Purpose purpose = c.kind() == PolicyTestCase.Kind.CLAIM ? ClaimReader.Purpose.ADJUDICATE : ClaimReader.Purpose.DERIVE;
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(JSON.writeValueAsBytes(c.input())), purpose)) {
            return reader.next();
        } catch (IOException e) {
            return new ClaimRecord.Invalid(0, null, e.getMessage());
        }
    }

    /** A claim or visit that could not be evaluated passes only when the test expects that error. */
    private static void checkError(Expectation x, String error, List<String> failures) {
        if (!"error".equals(x.decision())) {
            failures.add("expected decision " + (x.decision() == null ? "a result" : x.decision()) + ", got error: " + error);
        } else if (x.error() != null && !error.contains(x.error())) {
            failures.add("expected an error containing \"" + x.error() + "\", got: " + error);
        }
    }

    private void adjudicate(Claim claim, Expectation x, List<String> failures) {
        Result r = adjudicator.evaluate(claim, true);
        coverage.record(r);
        if (r.isError()) {
            checkError(x, r.error(), failures);
            return;
        }
        if (x.decision() != null && !x.decision().equals(r.decision().id())) {
            failures.add("expected decision " + x.decision() + ", got " + r.decision().id() + findingsText(r.findings()));
        }
        if (x.policy() != null && !x.policy().equals(r.policy())) {
            failures.add("expected policy " + x.policy() + ", got " + r.policy());
        }
        if (x.findings() != null) compareFindings(x.findings(), r.findings(), failures);
    }

    private void derive(Claim visit, Expectation x, List<String> failures) {
        Derivation d = deriver.derive(visit);
        if (d instanceof Derivation.Failed failed) {
            checkError(x, failed.error(), failures);
            return;
        }
        Derivation.Derived derived = (Derivation.Derived) d;
        if (x.policy() != null && !x.policy().equals(derived.policy())) {
            failures.add("expected policy " + x.policy() + ", got " + derived.policy());
        }
        if (x.lines() != null) {
            List<ClaimLine> got = derived.claim().lines();
            boolean same = got.size() == x.lines().size();
            for (int i = 0; same && i < got.size(); i++) same = matches(x.lines().get(i), got.get(i));
            if (!same) {
                failures.add("expected lines " + x.lines() + ", got " + got.stream().map(PolicyTestRunner::lineText).toList());
            }
        }
        // a visit test may also say how its derived claim adjudicates
        if (x.decision() != null || x.findings() != null) {
            adjudicate(derived.claim(), new Expectation(x.decision(), x.findings(), null, null, x.error()), failures);
        }
    }

    private static boolean matches(ExpectedLine e, ClaimLine l) {
        return e.code().equals(l.code()) && e.units() == l.units()
                && (e.modifiers() == null || e.modifiers().equals(l.modifiers()));
    }

    private static String lineText(ClaimLine l) {
        return l.code() + " x" + l.units() + (l.modifiers().isEmpty() ? "" : " " + String.join(",", l.modifiers()));
    }

    /** Every expected finding must appear, and no finding may appear that was not expected. */
    private static void compareFindings(List<ExpectedFinding> expected, List<Finding> actual, List<String> failures) {
        List<Finding> left = new ArrayList<>(actual);
        for (ExpectedFinding e : expected) {
            Finding match = null;
            for (Finding f : left) {
                if (matches(e, f)) {
                    match = f;
                    break;
                }
            }
            if (match != null) {
                left.remove(match);
                continue;
            }
            Finding near = null;
            for (Finding f : left) if (f.line() == e.line() && f.rule().id().equals(e.rule())) near = f;
            if (near != null && matchesCodes(e, near)) {
                // the finding is there; its words are not what the author expects
                failures.add("finding " + e + " has other words:" + wording("message", e.message(), near.message())
                        + wording("fix", e.fix(), near.fix()) + wording("appeal", e.appeal(), near.appeal()));
                left.remove(near);
                continue;
            }
            failures.add("missing finding: expected " + e + ", got " + (near != null ? findingText(near)
                    : "no " + e.rule() + " on line " + e.line()));
        }
        for (Finding f : left) failures.add("unexpected finding: " + findingText(f));
    }

    private static boolean matches(ExpectedFinding e, Finding f) {
        return matchesCodes(e, f) && (e.message() == null || e.message().equals(f.message()))
                && (e.fix() == null || e.fix().equals(f.fix())) && (e.appeal() == null || e.appeal().equals(f.appeal()));
    }

    private static String wording(String what, String expected, String actual) {
        if (expected == null || expected.equals(actual)) return "";
        return "\n      " + what + ": expected \"" + expected + "\"\n      " + what + ":      got "
                + (actual == null ? "none" : "\"" + actual + "\"");
    }

    private static boolean matchesCodes(ExpectedFinding e, Finding f) {
        return e.line() == f.line() && e.rule().equals(f.rule().id()) && e.action().equals(f.action().id())
                && (e.carc() == null || e.carc().equals(f.carc())) && (e.rarc() == null || e.rarc().equals(f.rarc()))
                && (e.code() == null || Objects.equals(e.code(), f.code()));
    }

    static String findingText(Finding f) {
        return "line " + f.line() + " " + f.code() + " " + f.rule().id() + " " + f.action().id() + " CARC " + f.carc()
                + " RARC " + (f.rarc().isEmpty() ? "none" : String.join(",", f.rarc())) + " (" + f.message() + "; " + f.source() + ")";
    }

    private static String findingsText(List<Finding> findings) {
        if (findings.isEmpty()) return " (no findings)";
        StringBuilder b = new StringBuilder(" (");
        for (Finding f : findings) b.append(b.length() > 2 ? "; " : "").append("line ").append(f.line()).append(' ').append(f.rule().id());
        return b.append(')').toString();
    }
}
