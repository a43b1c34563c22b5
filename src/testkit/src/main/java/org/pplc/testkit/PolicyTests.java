package org.pplc.testkit;

import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The policy tests as JUnit 5 dynamic tests, one per policy test case, so a billing product's
 * {@code mvn test} runs them:
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicTest&gt; policies() {
 *     return PolicyTests.dynamicTests(Path.of("policies"));
 * }
 * </pre>
 * When the policies do not compile, or there are no tests, a single failing test says so.
 */
public final class PolicyTests {
    private PolicyTests() {
    }

    public static Stream<DynamicTest> dynamicTests(Path policies) {
        PolicyTestRunner runner;
        try {
            runner = PolicyTestRunner.load(policies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy tests under " + policies, e);
        }
        if (runner.compilation().hasErrors()) {
            String text = runner.compilation().diagnosticsText();
            return Stream.of(DynamicTest.dynamicTest("policies compile", () -> fail("the policies under " + policies
                    + " do not compile:\n" + text)));
        }
        if (runner.cases().isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("policy tests exist", () -> fail("no policy tests (*.test.json) under "
                    + policies.resolve("tests"))));
        }
        return runner.cases().stream().map(c -> DynamicTest.dynamicTest(c.displayName(), () -> {
            PolicyTestRunner.CaseResult r = runner.run(c);
            if (!r.passed()) fail(c.displayName() + "\n  " + String.join("\n  ", r.failures()));
        }));
    }
}
