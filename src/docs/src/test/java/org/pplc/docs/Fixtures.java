package org.pplc.docs;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The policies the tests render: the shipped ones, and the compiler's small test set with edits. */
final class Fixtures {
    static final Path SHIPPED = Path.of("policies");
    static final Path BASE = Path.of("src/compiler/src/test/resources/base");

    private Fixtures() {
    }

    static Compilation shipped() {
        Compilation c = PolicyCompiler.compileDirectory(SHIPPED);
        if (c.hasErrors()) throw new AssertionError("shipped policies have errors:\n" + c.diagnosticsText());
        return c;
    }

    /** The small test set, each file's text passed through the edit first. */
    static Compilation base(UnaryOperator<String> edit) {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(BASE)) {
            for (Path p : s.sorted().toList()) {
                files.add(new SourceFile(p.toString().replace('\\', '/'), edit.apply(Files.readString(p, StandardCharsets.UTF_8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Compilation c = PolicyCompiler.compileSources(files);
        if (c.hasErrors()) throw new AssertionError("test policies have errors:\n" + c.diagnosticsText());
        return c;
    }

    static Map<String, byte[]> render(Compilation c, Path policies) {
        try {
            return DocumentSite.renderToMemory(c, policies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Map<String, byte[]> files, String name) {
        byte[] b = files.get(name);
        if (b == null) throw new AssertionError("no file " + name + " among " + files.keySet());
        return new String(b, StandardCharsets.UTF_8);
    }
}
