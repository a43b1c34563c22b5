package org.pplc.runtime.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeTest {
    private static final String[] FAMILIES = {"chemo", "therapeutic", "hydration"};
    private static final Method[] METHODS = {Method.PUSH, Method.INFUSION, Method.PUMP, Method.INJECTION};

    private static Code code(String code, boolean addOn, String family, Method method, Role role, List<String> primaries) {
        return new Code(code, code, addOn, family, method, role, UnitBasis.ENCOUNTER, primaries, null, null, null);
    }

    @Test
    void initialServiceIsAnIvServiceNeverAnInjectionPumpStartOrRefill() {
        assertTrue(code("96413", false, "chemo", Method.INFUSION, Role.INITIAL, List.of()).initialIvService());
        assertTrue(code("96374", false, "therapeutic", Method.PUSH, Role.INITIAL, List.of()).initialIvService());
        assertFalse(code("96372", false, "therapeutic", Method.INJECTION, Role.INITIAL, List.of()).initialIvService());
        assertFalse(code("96401", false, "chemo", Method.INJECTION, Role.INITIAL, List.of()).initialIvService());
        assertFalse(code("96416", false, "chemo", Method.PUMP, Role.PUMP_START, List.of()).initialIvService());
        assertFalse(code("96521", false, "chemo", Method.PUMP, Role.REFILL, List.of()).initialIvService());
        assertFalse(code("96523", false, "chemo", Method.INFUSION, Role.REFILL, List.of()).initialIvService());
        assertFalse(code("96415", true, "chemo", Method.INFUSION, Role.ADDITIONAL_HOUR, List.of("96413")).initialIvService());
    }

    @Test
    void suggestedPrimaryOfTheShippedKinds() {
        Map<String, Code> codes = new HashMap<>();
        for (Code c : List.of(code("96360", false, "hydration", Method.INFUSION, Role.INITIAL, List.of()),
                code("96365", false, "therapeutic", Method.INFUSION, Role.INITIAL, List.of()),
                code("96374", false, "therapeutic", Method.PUSH, Role.INITIAL, List.of()),
                code("96409", false, "chemo", Method.PUSH, Role.INITIAL, List.of()),
                code("96413", false, "chemo", Method.INFUSION, Role.INITIAL, List.of()),
                code("96367", true, "therapeutic", Method.INFUSION, Role.SEQUENTIAL, List.of("96360", "96365", "96374", "96409", "96413")))) {
            codes.put(c.code(), c);
        }
        assertEquals("96365", codes.get("96367").suggestedPrimary(codes::get));
        Code hour = code("96366", true, "therapeutic", Method.INFUSION, Role.ADDITIONAL_HOUR, List.of("96367", "96360", "96413", "96365"));
        assertEquals("96365", hour.suggestedPrimary(codes::get), "an initial primary over an add-on one");
        Code push = code("96375", true, "therapeutic", Method.PUSH, Role.SEQUENTIAL, List.of("96360", "96365", "96374", "96409", "96413"));
        assertEquals("96374", push.suggestedPrimary(codes::get));
        Code chemoPush = code("96411", true, "chemo", Method.PUSH, Role.SEQUENTIAL, List.of("96413", "96409"));
        assertEquals("96409", chemoPush.suggestedPrimary(codes::get));
        Code unknown = code("99999", true, "chemo", Method.PUSH, Role.SEQUENTIAL, List.of("00001", "96413"));
        assertEquals("96413", unknown.suggestedPrimary(codes::get), "a primary the policy defines over one it does not");
        assertNull(code("96413", false, "chemo", Method.INFUSION, Role.INITIAL, List.of()).suggestedPrimary(codes::get));
    }

    /** Generated hierarchies: the named primary is never beaten by another on (initial, family, method), and is the first listed among its equals. */
    @Test
    void suggestedPrimaryOnGeneratedHierarchies() {
        Random random = new Random(17);
        for (int round = 0; round < 2000; round++) {
            Map<String, Code> codes = new HashMap<>();
            List<String> primaries = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                String id = "P" + i;
                primaries.add(id);
                if (random.nextInt(8) == 0) continue; // a primary the policy does not define
                codes.put(id, code(id, random.nextInt(4) == 0, FAMILIES[random.nextInt(3)], METHODS[random.nextInt(4)],
                        Role.INITIAL, List.of()));
            }
            Code addOn = code("A", true, FAMILIES[random.nextInt(3)], METHODS[random.nextInt(4)], Role.SEQUENTIAL, primaries);
            String named = addOn.suggestedPrimary(codes::get);
            int best = primaries.indexOf(named);
            assertTrue(best >= 0);
            for (int i = 0; i < primaries.size(); i++) {
                int cmp = Integer.compare(rank(addOn, codes.get(primaries.get(i))), rank(addOn, codes.get(named)));
                assertFalse(cmp < 0, round + ": " + primaries.get(i) + " beats " + named + " for " + addOn + " among " + codes);
                if (cmp == 0) assertTrue(best <= i, round + ": " + named + " is not the first of its equals");
            }
        }
    }

    /** The order the rule states, spelt out on its own: defined, initial, own family, own method. */
    private static int rank(Code addOn, Code p) {
        if (p == null) return 100;
        return (p.addOn() ? 10 : 0) + (Objects.equals(p.family(), addOn.family()) ? 0 : 5) + (p.method() == addOn.method() ? 0 : 1);
    }
}
