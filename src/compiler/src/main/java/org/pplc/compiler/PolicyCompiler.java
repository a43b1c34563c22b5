package org.pplc.compiler;

import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.check.Checker;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.lower.Lowering;
import org.pplc.runtime.policy.PolicySet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's front door: policy text in, rule objects out. Stages run in a fixed order
 * (syntax, ast, check, lower); a stage runs only when the ones before it found no errors, so a
 * mistake is reported once and never as a cascade of follow-on errors.
 */
public final class PolicyCompiler {
    /** Limits that keep a hostile or broken file from exhausting the compiler. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    private PolicyCompiler() {
    }

    /**
     * Compiles every {@code .ppl} file below the root, in path order, through the guarded walk of
     * {@link PolicyTree}: files are named {@code <root folder name>/<relative path>}
     * ({@code policies/core/cpt-admin.ppl}) however the root was spelt, so diagnostics and a bundle
     * made from them do not depend on where the build runs; nothing outside the root is read.
     */
    public static Compilation compileDirectory(Path root) {
        Diagnostics diag = new Diagnostics();
        PolicyTree tree;
        try {
            tree = PolicyTree.open(root);
        } catch (IOException e) {
            String rootName = displayName(root);
            diag.error("no-policies", new Span(rootName, 1, 1, 1, 1), "policy directory " + rootName + " does not exist",
                    "pass --policies DIR");
            return new Compilation(diag.sorted(), null, null, List.of(), List.of());
        }
        return compileTree(tree, diag);
    }

    /** Compiles the {@code .ppl} files of a tree already opened (see {@link #compileDirectory(Path)}). */
    public static Compilation compileTree(PolicyTree tree, Diagnostics diag) {
        List<SourceFile> sources = new ArrayList<>();
        List<PolicyTree.Entry> files = tree.files("", ".ppl", Integer.MAX_VALUE, diag);
        for (PolicyTree.Entry f : files) {
            String name = tree.name(f.relative());
            try {
                // Read at most one byte past the limit, so a file that grows while it is read is still refused.
                byte[] bytes = PolicyTree.read(f, MAX_FILE_BYTES);
                if (bytes.length > MAX_FILE_BYTES) {
                    diag.error("file-too-large", new Span(name, 1, 1, 1, 1), "policy file is larger than "
                            + MAX_FILE_BYTES / (1024 * 1024) + " MB", "split it into several files");
                    continue;
                }
                PolicyBytes decoded = PolicyBytes.decode(bytes);
                if (decoded instanceof PolicyBytes.Text t) sources.add(new SourceFile(name, t.text()));
                else if (decoded instanceof PolicyBytes.NotUtf8 bad) diag.error("encoding", bad.span(name), bad.message(), "save the file as UTF-8");
            } catch (IOException e) {
                diag.error("io", new Span(name, 1, 1, 1, 1), "cannot read policy file: " + PolicyTree.reason(e));
            }
        }
        if (files.isEmpty()) {
            diag.error("no-policies", new Span(tree.name(), 1, 1, 1, 1), "no .ppl policy files in " + displayName(tree.root()));
        }
        return compile(sources, diag);
    }

    private static String displayName(Path p) {
        String name = p.toString().replace('\\', '/');
        return name.startsWith("./") ? name.substring(2) : name;
    }

    public static Compilation compileSources(List<SourceFile> sources) {
        return compile(sources, new Diagnostics());
    }

    private static Compilation compile(List<SourceFile> sources, Diagnostics diag) {
        List<Ast.PolicyFile> files = new ArrayList<>();
        boolean syntaxOk = !diag.hasErrors();
        // Each file's policies are checked, and lowered, right after the file is parsed, while its
        // syntax tree is in the cache; input in another order, or with an error, is checked as a
        // whole afterwards (below), which gives every diagnostic in its usual form.
        Lowering.Session lowering = new Lowering.Session();
        Checker.Eager eager = Checker.eager(lowering::add);
        if (!syntaxOk) eager.abandon();
        for (SourceFile s : sources) {
            Ast.PolicyFile file = AstBuilder.parse(s.path(), s.text(), diag);
            if (file == null) {
                syntaxOk = false;
                eager.abandon();
                continue;
            }
            files.add(file);
            eager.offer(file);
        }
        if (!syntaxOk) return new Compilation(diag.sorted(), null, null, List.copyOf(files), List.copyOf(sources));
        CheckResult checked = eager.finish(diag);
        if (checked == null) {
            // The lowered policies are used only if no error is reported at all.
            lowering = new Lowering.Session();
            checked = Checker.check(files, diag, lowering::add);
        }
        PolicySet set = diag.hasErrors() ? null : lowering.finish(checked);
        return new Compilation(diag.sorted(), set, diag.hasErrors() ? null : checked, List.copyOf(files),
                List.copyOf(sources));
    }
}
