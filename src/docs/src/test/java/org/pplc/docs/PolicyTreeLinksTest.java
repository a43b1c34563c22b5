package org.pplc.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documents read the policy tree as the compiler does: a link that leaves it is never followed. */
class PolicyTreeLinksTest {
    private static final String SECRET = "SENTINEL-SECRET-5520 is not policy text\n";

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aCommittedLinkIsNeverFollowedBySince(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.ppl"), SECRET);
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path policies = Files.createDirectories(repo.resolve("policies"));
        Files.writeString(policies.resolve("a.ppl"), "payer acme \"Acme\"\n");
        Files.createSymbolicLink(policies.resolve("b.ppl"), secret); // committed as a blob of mode 120000
        Files.createSymbolicLink(policies.resolve("c.ppl"), Path.of("../../secret.ppl"));
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-qm", "links");
        Compilation old = ChangeReport.atRevision("HEAD", policies);
        assertFalse(old.diagnosticsText().contains("SENTINEL"), old.diagnosticsText());
        // c.ppl, relative, points out of the extracted copy at nothing there
        assertEquals(List.of("outside-root policies/b.ppl", "broken-link policies/c.ppl"),
                old.errors().stream().map(d -> d.code() + " " + d.span().file()).toList());
        assertEquals(List.of("policies/a.ppl"), old.sources().stream().map(s -> s.path()).toList());
    }

    @Test
    void aWorkedExampleThatLinksOutIsRefusedNotRead(@TempDir Path tmp) throws IOException {
        Path secret = Files.writeString(tmp.resolve("visit.json"), "{\"id\": \"" + SECRET.strip() + "\"");
        Path policies = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(policies.resolve("a.ppl"), "payer acme \"Acme\"\n");
        Files.createDirectories(policies.resolve("examples"));
        Files.createSymbolicLink(policies.resolve("examples/visit.json"), secret);
        Compilation c = PolicyCompiler.compileDirectory(policies);
        assertFalse(c.hasErrors(), c::diagnosticsText);
        IOException e = assertThrows(IOException.class, () -> DocumentSite.renderToMemory(c, policies));
        assertEquals("policies/examples/visit.json: this is a symbolic link to something outside the policies directory "
                + "policies; pplc reads nothing outside it", e.getMessage());
        assertTrue(!e.getMessage().contains("SENTINEL"));
    }
}
