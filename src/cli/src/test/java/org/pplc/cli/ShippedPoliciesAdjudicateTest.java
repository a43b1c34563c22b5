package org.pplc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** adjudicate over the shipped policies/ directory. */
class ShippedPoliciesAdjudicateTest {
    @Test
    void correctedRegimensPassAndHydrationCapFollowsTheSetting() {
        Cli.Run r = Cli.run(null, "adjudicate", "src/cli/src/test/resources/claims/regimens-medicare.ndjson");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = r.records();
        for (String id : List.of("RCHOP", "FOLFOX", "FOLFIRINOX", "HYDRATION-FACILITY")) {
            JsonNode res = out.stream().filter(n -> n.get("id").asText().equals(id)).findFirst().orElseThrow();
            // the shipped Medicare MUE table is 2024Q3: a 2026 claim carries its out-of-date warning and nothing else
            assertEquals("warn", res.get("decision").asText(), res.toString());
            assertEquals(1, res.get("findings").size(), res.toString());
            assertEquals("mue-table-out-of-date", res.get("findings").get(0).get("rule").asText(), res.toString());
            assertEquals("medicare-part-b", res.get("policy").asText());
        }
        JsonNode office = out.get(4);
        assertEquals("deny", office.get("decision").asText());
        assertEquals("mue-exceeded", office.get("findings").get(0).get("rule").asText());
        assertTrue(office.get("findings").get(0).get("source").asText().startsWith("policies/medicare/part-b.ppl:"));
    }

    @Test
    void addOnWithoutPrimaryIsDeniedUnderEveryPayerAndPlan() {
        StringBuilder in = new StringBuilder();
        List<String> payers = List.of("medicare", "uhc", "aetna", "cigna", "humana", "bcbs");
        for (String payer : payers) {
            for (String plan : payer.equals("medicare") ? new String[]{null} : new String[]{null, "commercial", "medicare-advantage"}) {
                in.append("{\"id\":\"").append(payer).append('/').append(plan).append("\",\"payer\":\"").append(payer).append('"')
                        .append(plan == null ? "" : ",\"plan\":\"" + plan + "\"")
                        .append(",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\",\"lines\":[{\"code\":\"96409\"},"
                                + "{\"code\":\"96417\"}],\"authorizations\":[{\"id\":\"PA\",\"units\":{\"96409\":1,\"96417\":1}}]}\n");
            }
        }
        Cli.Run r = Cli.run(in.toString(), "adjudicate", "-");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = r.records();
        assertEquals(16, out.size());
        for (JsonNode res : out) {
            assertEquals("deny", res.get("decision").asText(), res.toString());
            JsonNode f = res.get("findings").get(0);
            assertEquals("addon-requires-primary", f.get("rule").asText(), res.toString());
            assertEquals(2, f.get("line").asInt());
            assertTrue(f.get("source").asText().startsWith("policies/core/cpt-admin.ppl:"), f.toString());
            String plan = res.get("id").asText().split("/")[1];
            String payer = res.get("payer").asText();
            String expected = payer.equals("medicare") ? "medicare-part-b" : plan.equals("null") ? payer : payer + "-" + plan;
            assertEquals(expected, res.get("policy").asText());
        }
    }
}
