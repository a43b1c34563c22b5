package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.diag.Diagnostic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The help line under a diagnostic is the fix an author applies: its words are checked here (the table checks the message). */
class DiagnosticHelpTest {
    private static List<String> helps(String text) throws IOException {
        List<SourceFile> files = new ArrayList<>(DiagnosticTableTest.base());
        files.add(new SourceFile("case.ppl", text));
        List<String> out = new ArrayList<>();
        for (Diagnostic d : PolicyCompiler.compileSources(files).diagnostics()) out.add(d.code() + ": " + d.help());
        return out;
    }

    private static final String HEAD = "policy t {\n  applies to payer acme\n  extends medicare-b\n  effective 2025-01-01\n";

    @Test
    void aRealCodeTheHierarchyLacksIsToldHowToAddIt() throws IOException {
        assertEquals(List.of("unknown-code: define it below the rules that use it: 'code 96380 \"...\" { initial (or "
                        + "add-on of ...) family ... method ... role ... unit per ... }' in the core hierarchy "
                        + "(policies/core/cpt-admin.ppl), or 'drug 96380 ...' in the drug table (policies/core/drugs.ppl)"),
                helps(HEAD + "  prior authorization required for 96380\n}\n"));
    }

    @Test
    void anOverrideOfAValidRuleWithNothingBelowIsToldToDropOverride() throws IOException {
        assertEquals(List.of("override-nothing: remove 'override' to add it in this layer"),
                helps(HEAD + "  override mue 96416 practitioner 1 per day (clinical)\n}\n"));
    }

    @Test
    void anOverrideOfAnUnknownCodeIsNotToldToDropOverride() throws IOException {
        assertEquals(List.of("unknown-code: codes must be defined by a 'code' or 'drug' rule in this policy or a layer below"),
                helps(HEAD + "  override mue 96471 practitioner 1 per day (clinical)\n}\n"));
    }

    @Test
    void anUnclosedPolicyIsToldWhereItsBraceGoes() throws IOException {
        assertEquals(List.of("syntax: add '}' after its last statement"), helps(HEAD + "  audit 96415 above 2 units\n\n"));
    }

    @Test
    void aRestatedOverrideIsToldToGoOrChange() throws IOException {
        assertEquals(List.of("layer-unchanged: remove the policy, or change a rule in it",
                        "override-unchanged: remove it, or write the value this layer changes"),
                helps(HEAD + "  override mue 96417 practitioner 3 per day (clinical)\n}\n"));
    }
}
