package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The compiler reads nothing outside the policies root, whatever symbolic links the root holds. */
class PoliciesRootTest {
    private static final String PAYER = "payer acme \"Acme\"\n";

    private static List<String> shown(Compilation c) {
        return c.diagnostics().stream().map(d -> d.code() + " " + d.span() + " " + d.severity().id() + ": " + d.message()).toList();
    }

    @Test
    void aLinkToAPolicyFileOutsideTheRootIsAnErrorAndItsTextIsNeverRead(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Path outside = Files.writeString(tmp.resolve("secret.ppl"), "payer stolen \"Read from outside\"\n");
        Files.writeString(root.resolve("a.ppl"), PAYER);
        Files.createSymbolicLink(root.resolve("b.ppl"), outside);
        Compilation c = PolicyCompiler.compileDirectory(root);
        String r = root.toString().replace('\\', '/');
        assertEquals(List.of("outside-root " + r + "/b.ppl:1:1 error: this is a symbolic link to something outside the "
                + "policies directory " + r + "; pplc reads nothing outside it"), shown(c));
        assertEquals(List.of(r + "/a.ppl"), c.sources().stream().map(SourceFile::path).toList(), "only a.ppl was read");
    }

    @Test
    void aLinkedDirectoryOutsideTheRootIsAnErrorAndNotWalked(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.ppl"), "payer stolen \"Read from outside\"\n");
        Files.writeString(root.resolve("a.ppl"), PAYER);
        Files.createSymbolicLink(root.resolve("payers"), elsewhere);
        Compilation c = PolicyCompiler.compileDirectory(root);
        assertEquals(1, c.errors().size(), c::diagnosticsText);
        assertEquals("outside-root", c.errors().get(0).code());
        assertEquals(root.toString().replace('\\', '/') + "/payers", c.errors().get(0).span().file());
        assertEquals(1, c.sources().size());
    }

    @Test
    void aLinkThatStaysInsideTheRootIsReadOnce(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Path real = Files.createDirectories(root.resolve("real"));
        Files.writeString(real.resolve("a.ppl"), PAYER);
        Files.createSymbolicLink(root.resolve("alias"), real); // a linked directory is not walked twice
        Files.createSymbolicLink(root.resolve("z.ppl"), Path.of("real", "a.ppl")); // relative, inside the root
        Compilation c = PolicyCompiler.compileDirectory(root);
        assertFalse(c.diagnostics().stream().anyMatch(d -> d.code().equals("outside-root")), c::diagnosticsText);
        String r = root.toString().replace('\\', '/');
        assertEquals(List.of(r + "/real/a.ppl", r + "/z.ppl"), c.sources().stream().map(SourceFile::path).toList());
    }

    @Test
    void aDanglingLinkIsReportedNotSkippedSilently(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(root.resolve("a.ppl"), PAYER);
        Files.createSymbolicLink(root.resolve("gone.ppl"), tmp.resolve("nowhere.ppl"));
        Compilation c = PolicyCompiler.compileDirectory(root);
        String r = root.toString().replace('\\', '/');
        assertEquals(List.of("broken-link " + r + "/gone.ppl:1:1 error: this symbolic link points to nothing"), shown(c));
    }
}
