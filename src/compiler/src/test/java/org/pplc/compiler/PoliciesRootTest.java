package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of("outside-root policies/b.ppl:1:1 error: this is a symbolic link to something outside the "
                + "policies directory policies; pplc reads nothing outside it"), shown(c));
        assertEquals(List.of("policies/a.ppl"), c.sources().stream().map(SourceFile::path).toList(), "only a.ppl was read");
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
        assertEquals("policies/payers", c.errors().get(0).span().file());
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
        assertEquals(List.of("policies/real/a.ppl", "policies/z.ppl"), c.sources().stream().map(SourceFile::path).toList());
    }

    @Test
    void aDanglingLinkIsReportedNotSkippedSilently(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(root.resolve("a.ppl"), PAYER);
        Files.createSymbolicLink(root.resolve("gone.ppl"), tmp.resolve("nowhere.ppl"));
        Compilation c = PolicyCompiler.compileDirectory(root);
        assertEquals(List.of("broken-link policies/gone.ppl:1:1 error: this symbolic link points to nothing"), shown(c));
    }

    @Test
    void theRootItselfMayBeALink(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-policies"));
        Files.writeString(real.resolve("a.ppl"), PAYER);
        Path root = Files.createSymbolicLink(tmp.resolve("policies"), real);
        Compilation c = PolicyCompiler.compileDirectory(root);
        assertEquals(List.of(), shown(c));
        assertEquals(List.of("policies/a.ppl"), c.sources().stream().map(SourceFile::path).toList(),
                "named by the root as given, not by its target");
    }

    @Test
    void aLinkBelowALinkedRootThatLeavesItIsStillRefused(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-policies"));
        Files.writeString(real.resolve("a.ppl"), PAYER);
        Path outside = Files.writeString(tmp.resolve("secret.ppl"), "payer stolen \"Read from outside\"\n");
        Files.createSymbolicLink(real.resolve("b.ppl"), outside);
        Compilation c = PolicyCompiler.compileDirectory(Files.createSymbolicLink(tmp.resolve("policies"), real));
        assertEquals(List.of("outside-root"), c.errors().stream().map(d -> d.code()).toList());
        assertEquals(List.of("policies/a.ppl"), c.sources().stream().map(SourceFile::path).toList());
    }

    @Test
    void namesDoNotDependOnHowTheRootIsSpelt(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("policies/sub"));
        Files.writeString(root.resolve("a.ppl"), "payer acme \"Acme\" {\n  plan gold \"Gold\"\n}\nbroken\n");
        for (Path spelt : List.of(tmp.resolve("policies"), tmp.resolve("policies/./sub/.."), tmp.resolve("policies/")
                .toAbsolutePath())) {
            Compilation c = PolicyCompiler.compileDirectory(spelt);
            assertTrue(c.hasErrors(), "the file's syntax error is reported");
            assertEquals(List.of("policies/sub/a.ppl"), c.diagnostics().stream().map(d -> d.span().file()).distinct().toList(),
                    spelt::toString);
        }
    }

    @Test
    void aFifoNamedLikeAPolicyIsReportedNotRead(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(root.resolve("a.ppl"), PAYER);
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.ppl").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Compilation c = PolicyCompiler.compileDirectory(root); // reading a FIFO would wait for ever
        assertEquals(List.of("not-a-file policies/pipe.ppl:1:1 error: this is not a regular file (a device, a pipe or a "
                + "socket); pplc reads only regular files"), shown(c));
    }
}
