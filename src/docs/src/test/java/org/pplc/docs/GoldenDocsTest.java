package org.pplc.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * generated-docs/ at the repository root is committed; it must equal a fresh render of policies/.
 * Run with -Dpplc.docs.update=true to rewrite it after changing policies or templates.
 */
class GoldenDocsTest {
    static final Path GOLDEN = Path.of("generated-docs");

    @Test
    void committedDocumentsMatchAFreshRender() throws IOException {
        if (Boolean.getBoolean("pplc.docs.update")) {
            DocumentSite.render(Fixtures.shipped(), Fixtures.SHIPPED, GOLDEN);
        }
        Map<String, byte[]> fresh = Fixtures.render(Fixtures.shipped(), Fixtures.SHIPPED);
        Map<String, byte[]> committed = new TreeMap<>();
        for (String folder : List.of("html", "markdown")) {
            Path dir = GOLDEN.resolve(folder);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    committed.put(GOLDEN.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        TreeSet<String> differ = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>(fresh.keySet());
        names.addAll(committed.keySet());
        for (String n : names) {
            byte[] a = fresh.get(n), b = committed.get(n);
            if (a == null) differ.add(n + " (no longer rendered)");
            else if (b == null) differ.add(n + " (missing from generated-docs)");
            else if (!Arrays.equals(a, b)) differ.add(n);
        }
        if (!differ.isEmpty()) {
            fail("generated-docs/ differs from a fresh render of policies/ in " + differ.size() + " file(s): "
                    + String.join(", ", differ) + "\nRegenerate: ./pplc docs (or mvn test -pl src/docs -am -Dpplc.docs.update=true)"
                    + " and commit generated-docs/.");
        }
    }
}
