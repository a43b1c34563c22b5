package org.pplc.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same commands give byte-identical output run after run and under other locales, time zones
 * and default charsets: results, diagnostics, imported policy text, the bundle and the documents. Each configuration is a separate JVM started with -Duser.language,
 * -Duser.country, -Duser.timezone and -Dfile.encoding, as a user's machine would set them.
 */
class DeterminismTest {
    /** Runs several pplc command lines in one JVM; "--next" separates them. Standard streams are the process's. */
    public static final class Driver {
        public static void main(String[] args) {
            Main.utf8StandardStreams(); // as Main.main does
            List<String> command = new ArrayList<>();
            for (String a : Arrays.copyOf(args, args.length + 1)) {
                if (a == null || a.equals("--next")) {
                    int exit = Main.run(command.toArray(String[]::new));
                    System.out.println("== exit " + exit);
                    System.out.flush();
                    System.err.flush();
                    command.clear();
                } else {
                    command.add(a);
                }
            }
            System.exit(0);
        }
    }

    @TempDir
    static Path work;
    static Path claims;
    static Path broken;

    @BeforeAll
    static void inputs() throws IOException {
        claims = work.resolve("claims.ndjson");
        Claims.writeBatch(claims, 5, 3_000);
        // A policy directory with mistakes, one of them a character outside ASCII, for the diagnostics.
        broken = Files.createDirectories(work.resolve("broken"));
        Files.writeString(broken.resolve("payers.ppl"), "payer acme \"Acme Gesundheit — Zürich\"\n", StandardCharsets.UTF_8);
        Files.writeString(broken.resolve("acme.ppl"), """
                policy acme {
                  applies to payer acme
                  extends medicare-b
                  effective 2026-02-29
                  audit 96413 above 3 units é
                }
                policy ıdentity {
                  applies to payer acmé
                }
                """, StandardCharsets.UTF_8);
    }

    /** Everything one configuration produced: standard output, standard error and the --out files. */
    private static Map<String, byte[]> run(String name, String... jvmOptions) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        // Each run works in its own folder with the same relative output names; inputs are absolute, so
        // every path a command prints is the same across runs.
        String policies = Path.of("policies").toAbsolutePath().toString();
        String cms = Path.of("src/compiler/src/test/resources/cms").toAbsolutePath() + "/";
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Driver.class.getName(),
                "adjudicate", "--explain", "--policies", policies, "--out", "results.ndjson", claims.toString(), "--next",
                "adjudicate", "--policies", policies, claims.toString(), "--next",
                "check", "--policies", broken.toString(), "--next",
                "check", "--format", "json", "--policies", broken.toString(), "--next",
                "check", "--policies", policies, "--next",
                "build", "--policies", policies, "--out", "bundle", "--docs", "docs", "--next",
                "import", "mue", cms + "mue-practitioner-2024Q3.csv", "--setting", "practitioner", "--all", "--out", "mue.ppl",
                "--next",
                "import", "aoc", cms + "aoc-2024Q3.csv", "--all", "--as-of", "2024-10-01"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), name + " did not finish");
        assertEquals(0, p.exitValue(), () -> name + ": " + read(dir.resolve("stderr")));
        Map<String, byte[]> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void outputIsByteIdenticalAcrossRunsLocalesTimeZonesAndCharsets() throws Exception {
        Map<String, byte[]> baseline = run("baseline", "-Duser.language=en", "-Duser.country=US", "-Duser.timezone=UTC",
                "-Dfile.encoding=UTF-8");
        String stdout = new String(baseline.get("stdout"), StandardCharsets.UTF_8);
        // The runs really did the work: results, diagnostics (with the non-ASCII text) and imported policy text.
        assertTrue(stdout.contains("\"decision\":\"deny\""), stdout.substring(0, Math.min(500, stdout.length())));
        assertTrue(stdout.contains("é"), "the diagnostics show the author's character as UTF-8");
        assertTrue(baseline.get("results.ndjson").length > 100_000);
        assertTrue(new String(baseline.get("mue.ppl"), StandardCharsets.UTF_8).contains("mue 96413 practitioner"));
        assertTrue(baseline.get("bundle/policies.bundle.json").length > 10_000, "the bundle was written");
        assertTrue(baseline.keySet().stream().filter(f -> f.startsWith("docs/")).count() > 20, "the documents were written");

        Map<String, String[]> configurations = new LinkedHashMap<>();
        configurations.put("again", new String[] {"-Duser.language=en", "-Duser.country=US", "-Duser.timezone=UTC",
                "-Dfile.encoding=UTF-8"});
        configurations.put("tr-TR", new String[] {"-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Kiritimati"});
        configurations.put("de-DE", new String[] {"-Duser.language=de", "-Duser.country=DE", "-Duser.timezone=America/St_Johns"});
        configurations.put("ja-JP", new String[] {"-Duser.language=ja", "-Duser.country=JP", "-Duser.timezone=Asia/Tokyo",
                "-Dfile.encoding=ISO-8859-1"});
        for (Map.Entry<String, String[]> c : configurations.entrySet()) {
            Map<String, byte[]> other = run(c.getKey(), c.getValue());
            assertEquals(baseline.keySet(), other.keySet(), c.getKey() + ": the same files");
            for (String f : baseline.keySet()) {
                assertArrayEquals(baseline.get(f), other.get(f), c.getKey() + ": " + f + " differs from the baseline run");
            }
        }
    }
}
