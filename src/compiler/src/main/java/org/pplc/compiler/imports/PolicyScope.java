package org.pplc.compiler.imports;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.policy.Policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The compiled policy an import is meant for: which codes it defines (references to others would not
 * compile) and what it says today (for {@code --diff}).
 */
public record PolicyScope(Policy policy) {
    /**
     * Compiles the policies directory and picks the policy.
     *
     * @throws ImportException when the directory is missing, does not compile, or lacks the policy
     */
    public static PolicyScope load(Path policiesDir, String policyId) throws ImportException {
        if (!Files.isDirectory(policiesDir)) {
            throw new ImportException(policiesDir + ": error: no policies directory (give --policies DIR, or --all to import "
                    + "every code without checking it against the policies)");
        }
        Compilation c = PolicyCompiler.compileDirectory(policiesDir);
        if (c.hasErrors() || c.policySet() == null) {
            long errors = c.errors().size();
            String first = c.errors().stream().findFirst().map(PolicyScope::describe).orElse("");
            throw new ImportException(policiesDir + ": error: the policies do not compile (" + errors + " errors; run pplc check)"
                    + (first.isEmpty() ? "" : "; first: " + first));
        }
        Policy p = c.policySet().policy(policyId);
        if (p == null) {
            throw new ImportException(policiesDir + ": error: no policy '" + policyId + "'"
                    + org.pplc.runtime.policy.Suggest.didYouMean(policyId, c.policySet().policies().keySet())
                    + " (choose one with --policy ID)");
        }
        return new PolicyScope(p);
    }

    private static String describe(Diagnostic d) {
        return (d.span() == null ? "" : d.span() + ": ") + d.message();
    }

    /** Codes an MUE may name: the policy's codes and its drug table. */
    public Set<String> mueCodes() {
        Set<String> s = new TreeSet<>(policy.codes().keySet());
        s.addAll(policy.drugs().keySet());
        return s;
    }

    /** Codes an add-on relation may name: the policy's codes. */
    public Set<String> codes() {
        return new TreeSet<>(policy.codes().keySet());
    }

    /** Codes whose MUE of the setting the policy already sets (a policy extending it must override them). */
    public Set<String> mueCodesSet(MueSetting setting) {
        return policy.mues().stream().filter(m -> m.setting() == setting).map(Mue::code).collect(Collectors.toCollection(TreeSet::new));
    }
}
