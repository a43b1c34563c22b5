package org.pplc.testkit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests shipped beside the shipped policies, one JUnit test each, and their coverage. */
class ShippedPolicyTests {
    static final Path POLICIES = Path.of("policies");

    @TestFactory
    Stream<DynamicTest> shippedPolicyTests() {
        return PolicyTests.dynamicTests(POLICIES);
    }

    @Test
    void everyRuleOfEveryPayerIsExercised() throws Exception {
        PolicyTestRunner runner = PolicyTestRunner.load(POLICIES);
        PolicyTestRunner.Report report = runner.runAll();
        assertEquals(0, report.failed(), report.summary());
        Coverage c = report.coverage();
        assertTrue(c.total() > 50, "the shipped policies set " + c.total() + " rules");
        assertEquals(c.total(), c.firedCount(), c.report());
        for (Coverage.FileCoverage f : c.byFile()) assertEquals(100.0, f.percent(), f.file());
    }
}
