package org.pplc.runtime.derive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Visits for tests: read from the example files, or written inline on one date. */
final class Visits {
    private Visits() {
    }

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    /** One of the worked examples under policies/examples (the tests run from the repository root). */
    static Claim example(String name) {
        try {
            JsonNode n = new ObjectMapper().readTree(Path.of("policies/examples", name).toFile());
            List<Administration> given = new ArrayList<>();
            for (JsonNode a : n.path("administrations")) {
                JsonNode dose = a.get("dose");
                given.add(new Administration(text(a, "drug"), text(a, "hcpcs"), text(a, "category"),
                        Method.fromId(text(a, "method")), time(a, "start"), time(a, "end"), text(a, "site"),
                        dose == null ? null : new Dose(dose.get("amount").decimalValue(), text(dose, "unit"),
                                dose.has("discarded") ? dose.get("discarded").decimalValue() : null),
                        a.path("primary").asBoolean(false)));
            }
            return new Claim(text(n, "id"), text(n, "payer"), text(n, "plan"), Setting.fromId(text(n, "setting")),
                    text(n, "placeOfService"), LocalDate.parse(text(n, "dateOfService")), List.of(), List.of(), given);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read example " + name, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static LocalDateTime time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : LocalDateTime.parse(t);
    }

    static Claim visit(String payer, Setting setting, Administration... given) {
        return new Claim("T-1", payer, null, setting, setting == Setting.FACILITY ? "22" : "11", DAY, List.of(),
                List.of(), List.of(given));
    }

    /** An administration on site A from start for the given minutes (start "09:00"). */
    static Administration given(String drug, String hcpcs, String category, Method method, String start, int minutes) {
        return given(drug, hcpcs, category, method, start, minutes, "A", null, false);
    }

    static Administration given(String drug, String hcpcs, String category, Method method, String start, int minutes,
                                String site, Dose dose, boolean primary) {
        LocalDateTime from = DAY.atTime(LocalTime.parse(start));
        return new Administration(drug, hcpcs, category, method, from, from.plusMinutes(minutes), site, dose, primary);
    }

    static Dose dose(String amount, String unit) {
        return new Dose(new BigDecimal(amount), unit);
    }

    /** Lines as a biller reads them: "96415 x3", "J9312-JZ x68". */
    static List<String> codes(Derivation d) {
        if (!(d instanceof Derivation.Derived derived)) throw new AssertionError("not derived: " + d);
        return derived.claim().lines().stream().map(Visits::show).toList();
    }

    static String show(ClaimLine l) {
        return l.code() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers())) + " x" + l.units();
    }

    static Derivation.Derived derived(Derivation d) {
        if (!(d instanceof Derivation.Derived derived)) throw new AssertionError("not derived: " + d);
        return derived;
    }
}
