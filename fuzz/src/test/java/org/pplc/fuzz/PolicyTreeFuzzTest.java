package org.pplc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.format.FormatFiles;
import org.pplc.docs.DocumentSite;
import org.pplc.testkit.PolicyTestCase;
import org.pplc.testkit.PolicyTestRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A generated policy tree with files, folders, test files and symbolic links pointing in and out
 * of the root, walked by every command that reads it (check/build, fmt with writing, test, the
 * documents' worked examples). Outside the root lie files holding a sentinel: it must never appear
 * in any diagnostic, source, test failure or document, and nothing outside may change.
 */
class PolicyTreeFuzzTest {
    private static final String SENTINEL = "SENTINEL-OUTSIDE-9d41";
    private static final String[] NAMES = {"a.ppl", "b.ppl", "t.test.json", "v.json", "sub", "tests", "examples"};
    private static final String[] POLICY_TEXT = {"payer acme \"Acme\"\n", "payer   acme \"Acme\"  {plan gold \"Gold\"}\n",
            "policy p {\n  audit 96417 above units\n}\n", "{\"id\": \"v\"}\n"};

    /** The first documents rendered load the templates: not in any input's time. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() throws IOException {
        Path base = Files.createTempDirectory("pplc-tree-");
        try {
            Files.writeString(Files.createDirectories(base.resolve("policies")).resolve("a.ppl"), POLICY_TEXT[1]);
            Compilation c = PolicyCompiler.compileDirectory(base.resolve("policies"));
            DocumentSite.renderToMemory(c, base.resolve("policies"));
            PolicyTestRunner.load(base.resolve("policies"));
        } finally {
            deleteWithoutFollowing(base);
        }
    }

    @FuzzTest
    @Timeout(value = 3, unit = TimeUnit.SECONDS)
    void linkedTree(FuzzedDataProvider data) throws IOException {
        Path base = Files.createTempDirectory("pplc-tree-");
        try {
            run(base, data);
        } finally {
            deleteWithoutFollowing(base);
        }
    }

    private static void run(Path base, FuzzedDataProvider data) throws IOException {
        Path root = Files.createDirectories(base.resolve("policies"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(outside.resolve("dir/tests"));
        Map<Path, String> secrets = Map.of(
                outside.resolve("secret.ppl"), SENTINEL + " is not policy text\n",
                outside.resolve("claim.json"), "{\"id\": \"" + SENTINEL + "\", broken",
                outside.resolve("dir/x.ppl"), "payer " + SENTINEL + "\n",
                outside.resolve("dir/tests/x.test.json"), "[" + SENTINEL + "]",
                outside.resolve("dir/v.json"), "{\"id\": \"" + SENTINEL + "\"");
        for (Map.Entry<Path, String> s : secrets.entrySet()) Files.writeString(s.getKey(), s.getValue());
        List<Path> folders = new ArrayList<>(List.of(root));
        List<Path> made = new ArrayList<>();
        String[] targets = {outside.resolve("secret.ppl").toString(), outside.resolve("dir").toString(), outside.toString(),
                base.toString(), root.toString(), "..", "../..", "../outside/secret.ppl", "../../outside/claim.json",
                "nowhere.ppl", outside.resolve("claim.json").toString(), outside.resolve("dir/tests").toString(), "."};
        int n = data.consumeInt(0, 14);
        for (int i = 0; i < n; i++) {
            Path parent = folders.get(data.consumeInt(0, folders.size() - 1));
            String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
            Path p = parent.resolve(name.contains(".") ? i + name : name + i);
            if (name.equals("tests") || name.equals("examples")) p = parent.resolve(name);
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            switch (data.consumeInt(0, 3)) {
                case 0 -> Files.writeString(p, POLICY_TEXT[data.consumeInt(0, POLICY_TEXT.length - 1)]);
                case 1 -> folders.add(Files.createDirectories(p));
                case 2 -> {
                    String target = data.consumeBoolean() || made.isEmpty() ? targets[data.consumeInt(0, targets.length - 1)]
                            : made.get(data.consumeInt(0, made.size() - 1)).toString();
                    Files.createSymbolicLink(p, Path.of(target));
                }
                default -> Files.writeString(p, "[{\"name\": \"n\", \"claimFile\": \"" + targets[data.consumeInt(0, targets.length - 1)]
                        + "\", \"expect\": {\"decision\": \"pass\"}}]");
            }
            made.add(p);
        }

        Compilation c = PolicyCompiler.compileDirectory(root);
        StringBuilder seen = new StringBuilder(c.diagnosticsText());
        for (SourceFile s : c.sources()) seen.append(s.path()).append(s.text());

        FormatFiles.Run fmt = FormatFiles.run(List.of(root), data.consumeBoolean());
        seen.append(fmt.diagnosticsText());
        for (FormatFiles.Outcome o : fmt.outcomes()) seen.append(o.path()).append(o.originalText());

        PolicyTestRunner tests = PolicyTestRunner.load(root);
        for (PolicyTestCase t : tests.cases()) seen.append(t.problem()).append(t.input());
        if (!tests.compilation().hasErrors()) {
            for (PolicyTestRunner.CaseResult r : tests.runAll().results()) seen.append(r.failures());
        }
        if (!c.hasErrors()) {
            try {
                for (byte[] page : DocumentSite.renderToMemory(c, root).values()) seen.append(new String(page, StandardCharsets.UTF_8));
            } catch (IOException e) {
                seen.append(e.getMessage());
            }
        }
        assertFalse(seen.toString().contains(SENTINEL), "something outside the root was read");
        for (Map.Entry<Path, String> s : secrets.entrySet()) {
            assertEquals(s.getValue(), Files.readString(s.getKey()), "nothing outside the root is written");
        }
    }

    /** Removes the tree; links are removed themselves, never followed. */
    private static void deleteWithoutFollowing(Path base) throws IOException {
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
