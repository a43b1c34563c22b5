package org.pplc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Jackson itself costs per NDJSON claim, with nothing of pplc's: creating and closing a
 * parser per line, a bare token loop per line (text values decoded), and one parser over all the
 * lines. The floor under {@code NdjsonStages}' parse figure. Usage:
 * {@code JacksonFloor CLAIMS.ndjson [LINES] [ROUNDS]} (CPU time of the thread, last four rounds printed).
 */
public final class JacksonFloor {
    private JacksonFloor() {
    }

    public static void main(String[] args) throws Exception {
        int max = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[0]))) {
            String s;
            while ((s = r.readLine()) != null && lines.size() < max) lines.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int total = 0;
        for (byte[] b : lines) total += b.length + 1;
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : lines) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
            all[at++] = '\n';
        }
        JsonFactory f = new JsonFactory();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double n = lines.size();
        for (int round = 1; round <= rounds; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (byte[] b : lines) {
                try (JsonParser p = f.createParser(b, 0, b.length)) {
                    sink += p.nextToken().ordinal();
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (byte[] b : lines) {
                try (JsonParser p = f.createParser(b, 0, b.length)) {
                    sink += tokens(p);
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            try (JsonParser p = f.createParser(all, 0, all.length)) {
                sink += tokens(p);
            }
            long t3 = mx.getCurrentThreadCpuTime();
            if (round > rounds - 4) {
                System.out.printf("round %d, %d lines, CPU us per line: create+close a parser %.3f; token loop, a parser per line %.3f; one parser for all lines %.3f%n",
                        round, lines.size(), (t1 - t0) / n / 1000, (t2 - t1) / n / 1000, (t3 - t2) / n / 1000);
            }
        }
        if (sink == 42) System.out.println(); // keeps the loops' work observable
    }

    private static long tokens(JsonParser p) throws java.io.IOException {
        long sum = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            sum += t.ordinal();
            if (t == JsonToken.VALUE_STRING) sum += p.getTextLength();
        }
        return sum;
    }
}
