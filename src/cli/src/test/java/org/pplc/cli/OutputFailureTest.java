package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output that cannot be written is an error (exit 3, a plain message, nothing counted as written
 * that was not), and {@code --out} never replaces what is not a regular file. Standard output on
 * /dev/full (every write fails with "No space left on device") needs a real process.
 */
class OutputFailureTest {
    static final String CLAIMS = "src/cli/src/test/resources/claims/regimens-medicare.ndjson";
    static final String VISIT = "policies/examples/folfox.json";
    static final String MUE = "src/compiler/src/test/resources/cms/mue-practitioner-2024Q3.csv";
    static final String CMS_POLICIES = "src/compiler/src/test/resources/cms/policies";

    record Exit(int code, String err) {
    }

    /** Runs pplc as a process with standard output on /dev/full. */
    static Exit toAFullDisk(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.pplc.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(new File("/dev/full")).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Exit(p.exitValue(), err);
    }

    private static void assertPlain(String err) {
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("java."), err);
    }

    @Test
    void adjudicateOnAFullDiskExits3AndCountsNothingItCouldNotWrite() throws Exception {
        Exit r = toAFullDisk("adjudicate", "--policies", "policies", CLAIMS);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("pplc adjudicate: cannot write to standard output: No space left on device; the output of 0 claims "
                + "was written, the rest was not"), r.err());
        assertFalse(r.err().contains(" pass, "), "no summary counting claims as written: " + r.err());
        assertPlain(r.err());
    }

    @Test
    void deriveOnAFullDiskExits3() throws Exception {
        Exit r = toAFullDisk("derive", "--policies", "policies", VISIT);
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("pplc derive: cannot write to standard output: No space left on device; the output of 0 visits"),
                r.err());
        assertFalse(r.err().contains(" derived, "), r.err());
        assertPlain(r.err());
    }

    @Test
    void checkJsonAndImportOnAFullDiskExit3() throws Exception {
        Exit check = toAFullDisk("check", "--format", "json", "--policies", "policies");
        assertEquals(3, check.code(), check.err());
        assertTrue(check.err().contains("pplc check: cannot write to standard output: No space left on device"), check.err());
        assertPlain(check.err());
        Exit mue = toAFullDisk("import", "mue", MUE, "--setting", "practitioner", "--policies", CMS_POLICIES);
        assertEquals(3, mue.code(), mue.err());
        assertTrue(mue.err().contains("cannot write to standard output: No space left on device"), mue.err());
        assertPlain(mue.err());
    }

    private static void mkfifo(Path p) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor());
    }

    @Test
    void outRefusesAPipeAndALinkAndReplacesNeither(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        mkfifo(fifo);
        Path victim = Files.writeString(dir.resolve("victim.txt"), "untouched\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.ndjson"), victim);
        for (String command : List.of("adjudicate", "derive")) {
            String input = command.equals("adjudicate") ? CLAIMS : VISIT;
            Cli.Run r = Cli.run("", command, "--policies", "policies", "--out", fifo.toString(), input);
            assertEquals(3, r.exit(), r.err());
            assertTrue(r.err().contains("pplc " + command + ": " + fifo + " is not a regular file"), r.err());
            assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe is still a pipe");
            Cli.Run l = Cli.run("", command, "--policies", "policies", "--out", link.toString(), input);
            assertEquals(3, l.exit(), l.err());
            assertTrue(l.err().contains(link + " is a symbolic link; pplc does not replace a link or write through it"), l.err());
            assertTrue(Files.isSymbolicLink(link));
            assertEquals("untouched\n", Files.readString(victim));
        }
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no aside file left");
        }
    }

    @Test
    void aNewOutFileHasTheUmasksPermissionsAndAReplacedOneKeepsItsOwn(@TempDir Path dir) throws Exception {
        Path probe = Files.createFile(dir.resolve("probe")); // what any new file here gets
        String usual = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
        Path out = dir.resolve("results.ndjson");
        Cli.Run r = Cli.run("", "adjudicate", "--policies", "policies", "--out", out.toString(), CLAIMS);
        assertEquals(0, r.exit(), r.err());
        assertEquals(usual, PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        r = Cli.run("", "derive", "--policies", "policies", "--out", out.toString(), VISIT);
        assertEquals(0, r.exit(), r.err());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out, LinkOption.NOFOLLOW_LINKS)));
    }

    @Test
    void anOutThatCannotBeCreatedExits3NotTwo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path out = file.resolve("results.ndjson"); // below a file: no folder can be made
        Cli.Run r = Cli.run("", "adjudicate", "--policies", "policies", "--out", out.toString(), CLAIMS);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("pplc adjudicate: cannot write " + out + ": "), r.err());
        assertPlain(r.err());
    }

    @Test
    void importOutNeverWritesThroughALinkAndKeepsAReplacedFilesPermissions(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "untouched\n");
        Path link = Files.createSymbolicLink(dir.resolve("mue.ppl"), victim);
        Cli.Run r = Cli.run("", "import", "mue", MUE, "--setting", "practitioner", "--policies", CMS_POLICIES, "--out", link.toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals("untouched\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(link));
        Path out = Files.writeString(dir.resolve("real.ppl"), "the previous table\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        r = Cli.run("", "import", "mue", MUE, "--setting", "practitioner", "--policies", CMS_POLICIES, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out).contains("mue 96417 practitioner"), "the new table replaced the old one");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no aside file left");
        }
    }

    @Test
    void aWriteThatFailsMidWayCountsOnlyTheBatchesWritten(@TempDir Path dir) throws Exception {
        Path claims = dir.resolve("claims.ndjson");
        Claims.writeBatch(claims, 5, 700);
        java.io.ByteArrayOutputStream accepted = new java.io.ByteArrayOutputStream();
        java.io.OutputStream failsAfterOneWrite = new java.io.OutputStream() {
            int writes;

            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                if (writes++ > 0) throw new java.io.IOException("No space left on device");
                accepted.write(b, off, len);
            }
        };
        java.io.PrintStream oldOut = System.out, oldErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new java.io.PrintStream(failsAfterOneWrite, true, StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run("adjudicate", "--policies", "policies", claims.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, e);
        int lines = accepted.toString(StandardCharsets.UTF_8).split("\n").length;
        assertEquals(Pipeline.BATCH, lines, "one batch reached the output");
        assertTrue(e.contains("; the output of " + lines + " claims was written, the rest was not"), e);
    }

    @Test
    void buildThatCannotWriteExits3AndTheBundleDoesNotDependOnHowThePoliciesAreSpelt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.Run r = Cli.run("", "build", "--out", file.resolve("bundle").toString(), "--docs", dir.resolve("docs").toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("pplc build: cannot write the bundle " + file.resolve("bundle/policies.bundle.json") + ": "), r.err());
        assertPlain(r.err());
        r = Cli.run("", "build", "--out", dir.resolve("relative").toString(), "--docs", file.resolve("docs").toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("pplc build: cannot write the documents into " + file.resolve("docs") + ": "), r.err());
        Cli.Run absolute = Cli.run("", "build", "--policies", Path.of("policies").toAbsolutePath().toString(),
                "--out", dir.resolve("absolute").toString(), "--docs", dir.resolve("docs").toString());
        assertEquals(0, absolute.exit(), absolute.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(dir.resolve("relative/policies.bundle.json")),
                Files.readAllBytes(dir.resolve("absolute/policies.bundle.json")));
    }
}
