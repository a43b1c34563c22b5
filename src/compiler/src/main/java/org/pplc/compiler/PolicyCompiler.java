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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    /** Compiles every {@code .ppl} file below the root, in path order, named as {@code root/relative/path}. */
    public static Compilation compileDirectory(Path root) {
        return compileDirectory(root, null);
    }

    /**
     * Compiles every {@code .ppl} file below the root, naming files relative to {@code base} (the
     * build's project folder, say) so that source positions, and a bundle made from them, do not
     * depend on where the build runs. A null base names them as {@link #compileDirectory(Path)} does.
     */
    public static Compilation compileDirectory(Path root, Path base) {
        Diagnostics diag = new Diagnostics();
        List<SourceFile> sources = new ArrayList<>();
        java.util.function.Function<Path, Path> named = base == null ? p -> p
                : p -> base.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
        String rootName = named.apply(root).toString().replace('\\', '/');
        if (!Files.isDirectory(root)) {
            diag.error("no-policies", new Span(rootName, 1, 1, 1, 1), "policy directory " + rootName + " does not exist",
                    "pass --policies DIR");
            return new Compilation(diag.sorted(), null, null, List.of(), List.of());
        }
        List<Path> files = new ArrayList<>();
        Path realRoot;
        // The walk does not follow symbolic links; a link is read only when it stays inside the root.
        try (Stream<Path> walk = Files.walk(root)) {
            realRoot = root.toRealPath();
            for (Path p : walk.sorted().toList()) {
                if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                    if (p.toString().endsWith(".ppl")) {
                        diag.error("broken-link", new Span(displayName(named.apply(p)), 1, 1, 1, 1),
                                "this symbolic link points to nothing", "remove the link or restore its file");
                    }
                    continue;
                }
                if (Files.isSymbolicLink(p) && !insideRoot(p, realRoot)) {
                    if (p.toString().endsWith(".ppl") || Files.isDirectory(p)) {
                        diag.error("outside-root", new Span(displayName(named.apply(p)), 1, 1, 1, 1), "this is a symbolic link to "
                                + "something outside the policies directory " + rootName + "; pplc reads nothing outside it",
                                "copy the policy files into the policies directory");
                    }
                    continue;
                }
                if (p.toString().endsWith(".ppl") && Files.isRegularFile(p)) files.add(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            diag.error("io", new Span(rootName, 1, 1, 1, 1), "cannot read policy directory " + rootName + ": " + e.getMessage());
            return new Compilation(diag.sorted(), null, null, List.of(), List.of());
        }
        for (Path p : files) {
            String name = displayName(named.apply(p));
            try {
                byte[] bytes;
                // Read at most one byte past the limit, so a file that grows while it is read is still refused.
                try (java.io.InputStream in = Files.newInputStream(p)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                }
                if (bytes.length > MAX_FILE_BYTES) {
                    diag.error("file-too-large", new Span(name, 1, 1, 1, 1), "policy file is larger than "
                            + MAX_FILE_BYTES / (1024 * 1024) + " MB", "split it into several files");
                    continue;
                }
                PolicyBytes decoded = PolicyBytes.decode(bytes);
                if (decoded instanceof PolicyBytes.Text t) sources.add(new SourceFile(name, t.text()));
                else if (decoded instanceof PolicyBytes.NotUtf8 bad) diag.error("encoding", bad.span(name), bad.message(), "save the file as UTF-8");
            } catch (IOException e) {
                diag.error("io", new Span(name, 1, 1, 1, 1), "cannot read policy file: " + e.getMessage());
            }
        }
        if (files.isEmpty()) {
            diag.error("no-policies", new Span(rootName, 1, 1, 1, 1), "no .ppl policy files in " + rootName);
        }
        return compile(sources, diag);
    }

    private static String displayName(Path p) {
        String name = p.toString().replace('\\', '/');
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** Whether a symbolic link's target lies in the policies root (a dangling link does not). */
    private static boolean insideRoot(Path link, Path realRoot) {
        try {
            return link.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
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
