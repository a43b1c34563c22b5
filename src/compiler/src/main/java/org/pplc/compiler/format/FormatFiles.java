package org.pplc.compiler.format;

import org.pplc.compiler.AsideFile;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.PolicyTree;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formatting files on disk, as {@code pplc fmt} does: every {@code .ppl} file below the
 * directories named (or the files named), each formatted and, unless only checking, rewritten
 * in place when its layout changes. A file that cannot be read or is refused is reported and
 * left untouched; the others are still formatted.
 */
public final class FormatFiles {
    private FormatFiles() {
    }

    /** One file's outcome: changed (or would change), and why it was refused when it was. */
    public record Outcome(String path, boolean changed, List<Diagnostic> diagnostics, String originalText) {
        public Outcome {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean refused() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** What a run did: every file's outcome, in path order. */
    public record Run(List<Outcome> outcomes) {
        public Run {
            outcomes = List.copyOf(outcomes);
        }

        public List<Outcome> changed() {
            return outcomes.stream().filter(Outcome::changed).toList();
        }

        public List<Outcome> refused() {
            return outcomes.stream().filter(Outcome::refused).toList();
        }

        /** The refusals and warnings as a compiler prints diagnostics, with the offending source line. */
        public String diagnosticsText() {
            StringBuilder b = new StringBuilder();
            for (Outcome o : outcomes) {
                if (o.diagnostics().isEmpty()) continue;
                b.append(new DiagnosticPrinter(o.originalText() == null ? Map.of() : Map.of(o.path(), o.originalText()))
                        .text(o.diagnostics()));
            }
            return b.toString();
        }
    }

    /**
     * @param targets files or directories; directories give every {@code .ppl} file below them
     * @param write   rewrite changed files in place; false only reports what would change
     *
     * <p>Every directory is walked by {@link PolicyTree} as its root, and a file named alone has its
     * folder as its root: nothing is read or written through a link that leaves it. A link inside
     * the root is never rewritten (its target is formatted under its own name when it is a policy
     * file of the tree); {@code fmt} says so with a warning. Files are named as the root was spelt.
     */
    public static Run run(List<Path> targets, boolean write) {
        List<Outcome> outcomes = new ArrayList<>();
        java.util.TreeMap<Path, Found> files = new java.util.TreeMap<>();
        for (Path t : targets) {
            Diagnostics refused = new Diagnostics();
            try {
                if (Files.isDirectory(t)) {
                    PolicyTree tree = PolicyTree.open(t, name(t));
                    for (PolicyTree.Entry e : tree.files("", ".ppl", Integer.MAX_VALUE, refused)) {
                        files.put(e.spelt(), new Found(tree.name(e.relative()), e));
                    }
                } else if (Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Path parent = t.getParent() == null ? Path.of("") : t.getParent();
                    PolicyTree tree = PolicyTree.open(parent, t.getParent() == null ? "" : name(parent));
                    PolicyTree.Reference r = tree.file(t.getFileName().toString());
                    if (r.entry() == null) outcomes.add(failure(name(t), r.problem()));
                    else files.put(r.entry().spelt(), new Found(tree.name(r.entry().relative()), r.entry()));
                } else {
                    outcomes.add(failure(name(t), "no such policy file or directory: " + name(t)));
                }
            } catch (IOException e) {
                outcomes.add(failure(name(t), "cannot read " + name(t) + ": " + PolicyTree.reason(e)));
            }
            for (Diagnostic d : refused.sorted()) outcomes.add(new Outcome(d.span().file(), false, List.of(d), null));
        }
        for (Found f : files.values()) outcomes.add(one(f, write));
        return new Run(outcomes);
    }

    /** A file to format and the name it is shown by. */
    private record Found(String path, PolicyTree.Entry entry) {
    }

    private static Outcome one(Found found, boolean write) {
        String path = found.path();
        String text;
        try {
            byte[] bytes = PolicyTree.read(found.entry(), PolicyCompiler.MAX_FILE_BYTES);
            if (bytes.length > PolicyCompiler.MAX_FILE_BYTES) {
                return failure(path, "policy file is larger than " + PolicyCompiler.MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failure(path, "policy file is not UTF-8 text");
        } catch (IOException e) {
            return failure(path, "cannot read policy file: " + PolicyTree.reason(e));
        }
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        PolicyFormatter.Result r = PolicyFormatter.format(path, body);
        if (r.refused()) return new Outcome(path, false, r.diagnostics(), body);
        boolean changed = !r.formatted().equals(text);
        if (changed && found.entry().link()) {
            // never rewritten: replacing the link would cut it, writing through it would edit another file
            Diagnostics d = new Diagnostics();
            d.warning("link-not-rewritten", new Span(path, 1, 1, 1, 1), "this is a symbolic link; pplc fmt does not rewrite "
                    + "a link", "format the file it points to");
            return new Outcome(path, false, d.sorted(), body);
        }
        if (changed && write) {
            try {
                AsideFile.write(found.entry().spelt(), r.formatted().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return failure(path, "cannot write policy file: " + PolicyTree.reason(e));
            }
        }
        return new Outcome(path, changed, List.of(), body);
    }

    private static Outcome failure(String path, String message) {
        Diagnostics d = new Diagnostics();
        d.error("io", new Span(path, 1, 1, 1, 1), message);
        return new Outcome(path, false, d.sorted(), null);
    }

    private static String name(Path p) {
        String n = p.toString().replace('\\', '/');
        return n.startsWith("./") ? n.substring(2) : n;
    }
}
