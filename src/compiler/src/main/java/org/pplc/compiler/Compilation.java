package org.pplc.compiler;

import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;
import org.pplc.runtime.policy.PolicySet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What compiling a set of policy files gave: every diagnostic (errors first, sorted by file and
 * position), and, when there were no errors, the policy set, the checked layers and the ASTs.
 */
public record Compilation(List<Diagnostic> diagnostics, PolicySet policySet, CheckResult checked,
                          List<Ast.PolicyFile> files, List<SourceFile> sources) {
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** The diagnostics as a compiler prints them: location, message, source line, caret, help. */
    public String diagnosticsText() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (SourceFile s : sources) texts.put(s.path(), s.text());
        return new DiagnosticPrinter(texts).text(diagnostics);
    }
}
