package org.pplc.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command, at every depth, answers --help with its usage and exit 0 (picocli's standard help options). */
class HelpTest {
    @TestFactory
    Stream<DynamicTest> everyCommandTakesHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 10, "commands found: " + paths);
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help", () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Run run = Cli.run("", args.toArray(String[]::new));
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("Usage: pplc" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    run.out());
            assertEquals("", run.err());
        }));
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) continue; // 'pplc help' is itself the help
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            collect(e.getValue(), sub, out);
        }
    }
}
