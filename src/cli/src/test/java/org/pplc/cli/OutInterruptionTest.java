package org.pplc.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pplc adjudicate --out FILE} killed mid-way never leaves a half-written FILE: the results
 * are written aside and renamed only when complete. The CLI runs as a real process here, since
 * only a process can be killed.
 */
class OutInterruptionTest {
    @TempDir
    static Path shared;
    static Path claims;

    @BeforeAll
    static void aBatchThatTakesSecondsToAdjudicate() throws IOException {
        claims = shared.resolve("claims.ndjson");
        Claims.writeBatch(claims, 11, 400_000);
    }

    private static Process start(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.pplc.cli.Main",
                "adjudicate", "--policies", "policies", "--out", out.toString(), claims.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until results are being written aside (a non-empty hidden file beside the target). */
    private static void awaitWritingAside(Path dir, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the run ended before it could be interrupted");
            for (Path f : files(dir)) {
                if (f.getFileName().toString().endsWith(".tmp") && Files.size(f) > 0) return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no results were written aside within 60 s");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void assertOnlyHiddenAsideFilesBeside(Path dir, String target) throws IOException {
        for (Path f : files(dir)) {
            String name = f.getFileName().toString();
            if (name.equals(target)) continue;
            assertTrue(name.startsWith("." + target) && name.endsWith(".tmp"), () -> "unexpected file " + name);
        }
    }

    @Test
    void killedMidWayTheTargetNeverAppears(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.ndjson");
        Process p = start(out);
        awaitWritingAside(dir, p);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(out), "no half-written results under the target name");
        assertOnlyHiddenAsideFilesBeside(dir, "results.ndjson");
    }

    @Test
    void killedMidWayThePreviousCompleteFileStaysAsItWas(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.ndjson");
        String previous = "{\"id\":\"yesterday\",\"decision\":\"pass\"}\n";
        Files.writeString(out, previous, StandardCharsets.UTF_8);
        Process p = start(out);
        awaitWritingAside(dir, p);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(previous, Files.readString(out, StandardCharsets.UTF_8));
        assertOnlyHiddenAsideFilesBeside(dir, "results.ndjson");
    }

    @Test
    void stoppedMidWayWithSigtermLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results.ndjson");
        Process p = start(out);
        awaitWritingAside(dir, p);
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, which remove the aside file
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), files(dir), "neither the target nor the aside file is left");
    }
}
