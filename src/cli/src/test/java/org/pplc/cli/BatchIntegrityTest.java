package org.pplc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A billing batch loses nothing: 1,000,000 NDJSON claims, 1% of them malformed, give exactly
 * 1,000,000 output records in input order, the malformed ones as error records with their index.
 */
class BatchIntegrityTest {
    static final int CLAIMS = Integer.getInteger("pplc.batch.claims", 1_000_000);

    @Test
    void aMillionClaimsWithOnePercentMalformedGiveAMillionRecordsInOrder(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("claims.ndjson");
        Path out = dir.resolve("results.ndjson");
        Claims.writeBatch(in, 7, CLAIMS);

        long start = System.nanoTime();
        Cli.Run run = Cli.run(null, "adjudicate", "--policies", "policies", "--out", out.toString(), in.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(2, run.exit(), run.err());
        assertEquals("", run.out(), "with --out nothing goes to standard output");

        int count = 0;
        int malformed = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode o = Cli.MAPPER.readTree(line);
                int i = count++;
                if (Claims.isMalformed(i)) {
                    malformed++;
                    assertEquals("error", o.get("decision").asText(), line);
                    assertEquals(i, o.get("index").asInt(), line);
                    assertTrue(o.get("error").asText().contains("input line " + (i + 1))
                            || o.get("error").asText().startsWith("dateOfService"), line);
                } else {
                    assertEquals("c" + i, o.get("id").asText(), () -> "record " + i + " out of order: " + o);
                    if (o.get("decision").asText().equals("error")) assertEquals(i, o.get("index").asInt(), line);
                }
            }
        }
        assertEquals(CLAIMS, count, "one output record per input record");
        assertEquals(CLAIMS / 100, malformed);
        assertTrue(run.err().startsWith(CLAIMS + " claims: "), run.err());
        System.out.println("batch of " + CLAIMS + " claims adjudicated in " + seconds + " s");
    }
}
