package org.pplc.compiler.format;

import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

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

        /** The refusals as a compiler prints diagnostics, with the offending source line. */
        public String diagnosticsText() {
            StringBuilder b = new StringBuilder();
            for (Outcome o : refused()) {
                b.append(new DiagnosticPrinter(o.originalText() == null ? Map.of() : Map.of(o.path(), o.originalText()))
                        .text(o.diagnostics()));
            }
            return b.toString();
        }
    }

    /**
     * @param targets files or directories; directories give every {@code .ppl} file below them
     * @param write   rewrite changed files in place; false only reports what would change
     */
    public static Run run(List<Path> targets, boolean write) {
        List<Outcome> outcomes = new ArrayList<>();
        TreeSet<Path> files = new TreeSet<>();
        for (Path t : targets) {
            if (Files.isDirectory(t)) {
                try (Stream<Path> walk = Files.walk(t)) {
                    walk.filter(p -> p.toString().endsWith(".ppl") && Files.isRegularFile(p)).forEach(files::add);
                } catch (IOException e) {
                    outcomes.add(failure(name(t), "cannot read directory " + name(t) + ": " + e.getMessage()));
                }
            } else if (Files.isRegularFile(t)) {
                files.add(t);
            } else {
                outcomes.add(failure(name(t), "no such policy file or directory: " + name(t)));
            }
        }
        for (Path f : files) outcomes.add(one(f, write));
        return new Run(outcomes);
    }

    private static Outcome one(Path file, boolean write) {
        String path = name(file);
        String text;
        try {
            if (Files.size(file) > PolicyCompiler.MAX_FILE_BYTES) {
                return failure(path, "policy file is larger than " + PolicyCompiler.MAX_FILE_BYTES / (1024 * 1024) + " MB");
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return failure(path, "policy file is not UTF-8 text");
        } catch (IOException e) {
            return failure(path, "cannot read policy file: " + e.getMessage());
        }
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        PolicyFormatter.Result r = PolicyFormatter.format(path, body);
        if (r.refused()) return new Outcome(path, false, r.diagnostics(), body);
        boolean changed = !r.formatted().equals(text);
        if (changed && write) {
            try {
                // write beside, then move over: a crash never leaves half a policy file
                Path tmp = file.resolveSibling(file.getFileName() + ".fmt-tmp");
                Files.writeString(tmp, r.formatted(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                return failure(path, "cannot write policy file: " + e.getMessage());
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
