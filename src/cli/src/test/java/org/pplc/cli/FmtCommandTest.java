package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FmtCommandTest {
    static final String MESSY = "payer   medicare \"Medicare Part B\"   # the baseline\npayer uhc \"UnitedHealthcare\" {plan commercial \"Commercial\"}\n";
    static final String TIDY = "payer medicare \"Medicare Part B\"  # the baseline\n\npayer uhc \"UnitedHealthcare\" {\n  plan commercial \"Commercial\"\n}\n";

    record Run(int exit, String out, String err) {
    }

    static Run pplc(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void checkListsFilesThatWouldChangeAndChangesNothing(@TempDir Path dir) throws Exception {
        Path messy = dir.resolve("payers.ppl");
        Path tidy = dir.resolve("sub/tidy.ppl");
        Files.createDirectories(tidy.getParent());
        Files.writeString(messy, MESSY);
        Files.writeString(tidy, TIDY);
        Run r = pplc("fmt", "--check", "--policies", dir.toString());
        assertEquals(1, r.exit());
        assertEquals(messy.toString() + "\n", r.out());
        assertTrue(r.err().contains("2 policy files: 1 would be reformatted"), r.err());
        assertEquals(MESSY, Files.readString(messy));
    }

    @Test
    void fmtRewritesInPlaceThenCheckIsClean(@TempDir Path dir) throws Exception {
        Path messy = dir.resolve("payers.ppl");
        Files.writeString(messy, MESSY);
        Run r = pplc("fmt", "--policies", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("formatted " + messy + "\n", r.out());
        assertEquals(TIDY, Files.readString(messy));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        Run again = pplc("fmt", "--check", "--policies", dir.toString());
        assertEquals(0, again.exit());
        assertEquals("", again.out());
    }

    @Test
    void namedFilesOnlyAndASyntaxErrorIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.ppl");
        Path good = dir.resolve("good.ppl");
        Path other = dir.resolve("other.ppl");
        String broken = "policy p {\n  audit 96417 above units\n}\n";
        Files.writeString(bad, broken);
        Files.writeString(good, MESSY);
        Files.writeString(other, MESSY);
        Run r = pplc("fmt", bad.toString(), good.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(bad + ":2:"), r.err());
        assertTrue(r.err().contains("1 refused"), r.err());
        assertEquals(broken, Files.readString(bad));
        assertEquals(TIDY, Files.readString(good));
        assertEquals(MESSY, Files.readString(other), "a file not named is not touched");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Run r = pplc("fmt", dir.resolve("nope.ppl").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no such policy file or directory: " + dir.resolve("nope.ppl")), r.err());
    }

    /** A file outside the policies whose text must never reach any output. */
    static Path sentinel(Path dir) throws Exception {
        return Files.writeString(dir.resolve("outside.ppl"), "SENTINEL-SECRET-7731 = not policy text\n");
    }

    @Test
    void checkNeverReadsALinkThatLeavesTheRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(root.resolve("tidy.ppl"), TIDY);
        Path secret = sentinel(dir);
        Files.createSymbolicLink(root.resolve("env.ppl"), secret);
        Files.createSymbolicLink(root.resolve("proc.ppl"), Path.of("/proc/self/environ"));
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(secret, dir.resolve("elsewhere/x.ppl"));
        Files.createSymbolicLink(root.resolve("linked"), dir.resolve("elsewhere"));
        for (String mode : new String[]{"--check", null}) {
            Run r = mode == null ? pplc("fmt", "--policies", root.toString()) : pplc("fmt", mode, "--policies", root.toString());
            assertEquals(1, r.exit(), r.err());
            assertFalse((r.out() + r.err()).contains("SENTINEL"), r.out() + r.err());
            assertFalse((r.out() + r.err()).contains("PATH="), "the environment is never printed");
            assertTrue(r.err().contains(root + "/env.ppl:1:1: error: this is a symbolic link to something outside"), r.err());
            assertTrue(r.err().contains(root + "/linked:1:1: error: this is a symbolic link"), r.err());
            assertTrue(r.err().contains("3 refused"), r.err());
            assertTrue(Files.isSymbolicLink(root.resolve("env.ppl")), "the link is left a link");
            assertEquals("SENTINEL-SECRET-7731 = not policy text\n", Files.readString(secret), "nothing written through it");
        }
    }

    @Test
    void aLinkInsideTheRootIsNeverRewrittenItsTargetIs(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("payers.ppl"), MESSY);
        Path link = Files.createSymbolicLink(dir.resolve("alias.ppl"), Path.of("payers.ppl"));
        Run r = pplc("fmt", "--policies", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(link + ":1:1: warning: this is a symbolic link; pplc fmt does not rewrite a link"), r.err());
        assertEquals("formatted " + messy + "\n", r.out());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(TIDY, Files.readString(messy));
        Run named = pplc("fmt", "--check", link.toString());
        assertEquals(0, named.exit(), named.err());
    }

    @Test
    void aFileNamedAloneThatLinksOutOfItsFolderIsRefused(@TempDir Path dir) throws Exception {
        Path secret = sentinel(dir);
        Path folder = Files.createDirectories(dir.resolve("p"));
        Path link = Files.createSymbolicLink(folder.resolve("a.ppl"), secret);
        Run r = pplc("fmt", "--check", link.toString());
        assertEquals(1, r.exit());
        assertFalse((r.out() + r.err()).contains("SENTINEL"), r.err());
        assertTrue(r.err().contains("is a symbolic link to something outside"), r.err());
    }

    @Test
    void aRewrittenFileKeepsItsPermissionsAndAPlantedAsideLinkIsNotFollowed(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("payers.ppl"), MESSY);
        Files.setPosixFilePermissions(messy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path secret = Files.writeString(dir.resolve("victim.txt"), "untouched\n");
        // the names the old formatter wrote aside under, planted as links to another file
        Files.createSymbolicLink(dir.resolve("payers.ppl.fmt-tmp"), secret);
        Run r = pplc("fmt", messy.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(TIDY, Files.readString(messy));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(messy)));
        assertEquals("untouched\n", Files.readString(secret));
    }
}
