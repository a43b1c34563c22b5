package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pplc makes no network access. Two checks: the product's own classes name nothing in java.net
 * or java.net.http or socket channels; and the commands, run under a security manager that grants
 * everything except network permissions (sockets, DNS, URL connections) with Java's access
 * debugging on, finish normally and report no denied access (a denial is logged even when code
 * swallows the exception).
 */
class NoNetworkTest {
    private static final List<String> NETWORK = List.of("java/net/Socket", "java/net/ServerSocket", "java/net/DatagramSocket",
            "java/net/URL", "java/net/HttpURLConnection", "java/net/InetAddress", "java/net/InetSocketAddress",
            "java/net/http/", "java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
            "java/nio/channels/DatagramChannel");

    @Test
    void theProductsClassesReferNoNetworkApi() throws IOException {
        int scanned = 0;
        for (String module : List.of("src/runtime", "src/compiler", "src/docs", "src/cli")) {
            Path classes = Path.of(module, "target", "classes");
            if (!Files.isDirectory(classes)) continue;
            try (Stream<Path> s = Files.walk(classes)) {
                for (Path c : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    // Class names sit in the constant pool as modified UTF-8, which is ASCII for these names.
                    String pool = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
                    for (String api : NETWORK) assertFalse(pool.contains(api), () -> c + " refers to " + api);
                    scanned++;
                }
            }
        }
        assertTrue(scanned > 100, "scanned the product's classes (" + scanned + ")");
    }

    @Test
    void everyCommandRunsWithNetworkPermissionsDenied(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("no-network.policy");
        // Everything a local tool may need, and nothing of java.net's permissions.
        Files.writeString(policy, """
                grant {
                  permission java.io.FilePermission "<<ALL FILES>>", "read,write,delete,execute,readlink";
                  permission java.util.PropertyPermission "*", "read,write";
                  permission java.lang.RuntimePermission "*";
                  permission java.lang.reflect.ReflectPermission "*";
                  permission java.util.logging.LoggingPermission "control";
                  permission java.security.SecurityPermission "*";
                  permission java.lang.management.ManagementPermission "monitor";
                };
                """);
        Path claims = dir.resolve("claims.ndjson");
        Claims.writeBatch(claims, 3, 500);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.manager", "-Djava.security.policy==" + policy, "-Djava.security.debug=access,failure",
                "-cp", System.getProperty("java.class.path"), DeterminismTest.Driver.class.getName(),
                "check", "--policies", "policies", "--next",
                "adjudicate", "--explain", "--policies", "policies", "--out", dir.resolve("out.ndjson").toString(),
                claims.toString(), "--next",
                "import", "mue", "src/compiler/src/test/resources/cms/mue-practitioner-2024Q3.csv", "--setting", "practitioner",
                "--out", dir.resolve("mue.ppl").toString(), "--next",
                "import", "aoc", "src/compiler/src/test/resources/cms/aoc-2024Q3.csv", "--as-of", "2024-10-01"));
        Path out = dir.resolve("stdout"), err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the driver ran every command");
        assertFalse(stderr.contains("access denied"), () -> stderr.lines().filter(l -> l.contains("denied")).toList().toString());
        assertTrue(stderr.contains("imported 13 add-on edits"), "the last command ran to its end");
        assertFalse(stderr.contains("internal error"), "no command failed");
        // Each command did its work: check passed, every claim has a result (malformed ones as errors: exit 2),
        // the imports wrote policy text (the AOC test file has bad rows on purpose: exit 1 after importing the rest).
        assertEquals(List.of("== exit 0", "== exit 2", "== exit 0", "== exit 1"),
                stdout.lines().filter(l -> l.startsWith("== exit")).toList(), stderr);
        assertEquals(500, Files.readAllLines(dir.resolve("out.ndjson")).size());
        assertTrue(Files.readString(dir.resolve("mue.ppl")).contains("mue 96413"));
    }
}
