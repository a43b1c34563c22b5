package org.pplc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process, capturing standard output and error. */
final class Cli {
    record Run(int exit, String out, String err) {
        /** Standard output as one JSON document a line. */
        List<JsonNode> records() {
            List<JsonNode> nodes = new ArrayList<>();
            try {
                for (String line : out.split("\n")) if (!line.isBlank()) nodes.add(MAPPER.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not NDJSON: " + out, e);
            }
            return nodes;
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Cli() {
    }

    static synchronized Run run(String stdin, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
            int exit = Main.run(args);
            System.out.flush();
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
