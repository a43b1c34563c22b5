package org.pplc.runtime.derive;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of derive over generated visits: what a visit bills does not depend on how its record
 * is written (the order of the administrations, one infusion written as two back-to-back pieces), and
 * hydration is billed by its minutes outside other infusions, added up over the visit.
 */
class DeriveProperties {
    private static final Deriver DERIVER = new Deriver(TestPolicies.standard());

    /** Drugs of the test hierarchy: name, HCPCS, family. */
    private static final String[][] DRUGS = {
            {"rituximab", "J9312", "chemo"}, {"cyclophosphamide", "J9070", "chemo"}, {"doxorubicin", "J9000", "chemo"},
            {"infliximab", "J1745", "therapeutic"}, {"ondansetron", "J2405", "therapeutic"},
            {"diphenhydramine", "J1200", "therapeutic"}, {"normal saline", "J7050", "hydration"},
    };

    private static Administration administration(String[] drug, Method method, int startMinute, int minutes,
                                                  String site, boolean primary) {
        LocalDateTime start = Visits.DAY.atTime(7, 0).plusMinutes(startMinute);
        return new Administration(drug[0], drug[1], drug[2], method, start, start.plusMinutes(minutes), site, null, primary);
    }

    @Provide
    Arbitrary<Administration> administrations() {
        Arbitrary<String[]> drug = Arbitraries.of(DRUGS);
        Arbitrary<Method> method = Arbitraries.of(Method.PUSH, Method.INFUSION, Method.INFUSION, Method.INJECTION);
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 84).map(i -> i * 5);   // 07:00 to 14:00
        Arbitrary<Integer> infusion = Arbitraries.integers().between(5, 240);
        Arbitrary<Integer> push = Arbitraries.integers().between(1, 10);
        Arbitrary<String> site = Arbitraries.of("A", "A", "A", "B");
        Arbitrary<Boolean> primary = Arbitraries.of(false, false, false, true);
        return Combinators.combine(drug, method, start, infusion, push, site, primary).as((d, m, s, inf, p, st, pr) ->
                administration(d, m, s, m == Method.INFUSION ? inf : p, st, pr));
    }

    @Provide
    Arbitrary<List<Administration>> visits() {
        return administrations().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Setting> settings() {
        return Arbitraries.of(Setting.FACILITY, Setting.PROFESSIONAL);
    }

    private static Claim visit(Setting setting, List<Administration> given) {
        return new Claim("P-1", "medicare", null, setting, setting == Setting.FACILITY ? "22" : "11", Visits.DAY,
                List.of(), List.of(), given);
    }

    /** The lines as a claim holds them whatever their numbering: code, modifiers and units, counted. */
    private static Map<String, Integer> billed(Derivation d) {
        Map<String, Integer> out = new TreeMap<>();
        for (ClaimLine l : Visits.derived(d).claim().lines()) {
            out.merge(l.code() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers())), l.units(),
                    Integer::sum);
        }
        return out;
    }

    @Property(tries = 400)
    void theOrderOfTheAdministrationsNeverChangesTheLines(@ForAll("visits") List<Administration> given,
                                                         @ForAll("settings") Setting setting, @ForAll Random random) {
        List<Administration> shuffled = new ArrayList<>(given);
        Collections.shuffle(shuffled, random);
        Derivation a = DERIVER.derive(visit(setting, given));
        Derivation b = DERIVER.derive(visit(setting, shuffled));
        assertEquals(billed(a), billed(b), () -> "given " + given + "\nshuffled " + shuffled);
        becauseIsTrueOfTheClock(a, given);
    }

    @Property(tries = 400)
    void anInfusionWrittenAsTwoBackToBackPiecesBillsTheSame(@ForAll("visits") List<Administration> given,
                                                           @ForAll("settings") Setting setting,
                                                           @ForAll @IntRange(min = 0, max = 5) int which,
                                                           @ForAll @IntRange(min = 1, max = 239) int cut) {
        int i = which % given.size();
        Administration whole = given.get(i);
        long minutes = java.time.Duration.between(whole.start(), whole.end()).toMinutes();
        if (whole.method() != Method.INFUSION || minutes < 2) return;
        LocalDateTime at = whole.start().plusMinutes(1 + cut % (minutes - 1));
        List<Administration> split = new ArrayList<>(given);
        split.set(i, new Administration(whole.drug(), whole.hcpcs(), whole.category(), whole.method(), whole.start(), at,
                whole.site(), null, whole.primary()));
        split.add(i + 1, new Administration(whole.drug(), whole.hcpcs(), whole.category(), whole.method(), at, whole.end(),
                whole.site(), null, whole.primary()));
        assertEquals(billed(DERIVER.derive(visit(setting, given))), billed(DERIVER.derive(visit(setting, split))),
                () -> "whole " + given + "\nsplit " + split);
    }

    /**
     * Hydration periods and drug infusions on one day: the hydration minutes when no drug infusion runs,
     * counted minute by minute here, decide 96360/96361 as the 30-minute rules say: beside a drug's initial
     * service each hour of 96361 needs more than 30 minutes; as the initial service itself, 96360 needs more
     * than 30 minutes and each further hour more than 30 past the first hour.
     */
    @Property(tries = 400)
    void hydrationMinutesOutsideInfusionsAddUp(@ForAll("hydrationVisits") List<Administration> given) {
        boolean[] hydrating = new boolean[24 * 60];
        boolean[] busy = new boolean[24 * 60];
        Map<String, boolean[]> drugs = new TreeMap<>();
        for (Administration a : given) {
            int from = a.start().getHour() * 60 + a.start().getMinute();
            int minutes = (int) java.time.Duration.between(a.start(), a.end()).toMinutes();
            boolean[] mark = "hydration".equals(a.category()) ? hydrating
                    : drugs.computeIfAbsent(a.drug(), k -> new boolean[24 * 60]);
            for (int m = from; m < from + minutes; m++) mark[m] = true;
        }
        boolean drugGiven = !drugs.isEmpty();
        for (boolean[] drug : drugs.values()) {
            int minutes = 0;
            for (boolean on : drug) if (on) minutes++;
            // a drug's pieces add up; 15 minutes or less in all is a push, not an infusion: hydration beside it counts
            if (minutes <= 15) continue;
            for (int m = 0; m < drug.length; m++) busy[m] |= drug[m];
        }
        int count = 0;
        for (int m = 0; m < hydrating.length; m++) if (hydrating[m] && !busy[m]) count++;
        int outside = count;

        Map<String, Integer> expected = new TreeMap<>();
        if (outside > 30) {
            if (drugGiven) {
                expected.put("96361", outside / 60 + (outside % 60 > 30 ? 1 : 0));
            } else {
                expected.put("96360", 1);
                int beyond = outside - 60;
                int hours = beyond <= 0 ? 0 : beyond / 60 + (beyond % 60 > 30 ? 1 : 0);
                if (hours > 0) expected.put("96361", hours);
            }
        }
        Map<String, Integer> hydration = new TreeMap<>(billed(DERIVER.derive(visit(Setting.FACILITY, given))));
        hydration.keySet().retainAll(List.of("96360", "96361"));
        assertEquals(expected, hydration, () -> outside + " minutes outside infusions in " + given);
    }

    @Provide
    Arbitrary<List<Administration>> hydrationVisits() {
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 96).map(i -> i * 5);
        Arbitrary<Integer> length = Arbitraries.integers().between(5, 240);
        Arbitrary<Administration> saline = Combinators.combine(start, length, Arbitraries.of("A", "B"))
                .as((s, l, site) -> administration(DRUGS[6], Method.INFUSION, s, l, site, false));
        Arbitrary<Administration> drug = Combinators.combine(Arbitraries.of(DRUGS[0], DRUGS[3]), start, length)
                .as((d, s, l) -> administration(d, Method.INFUSION, s, l, "A", false));
        return Combinators.combine(saline.list().ofMinSize(1).ofMaxSize(3), drug.list().ofMaxSize(2))
                .as((h, d) -> {
                    List<Administration> all = new ArrayList<>(h);
                    all.addAll(d);
                    return all;
                });
    }

    private static final Pattern FOLLOWED = Pattern.compile("(?:^|; )([a-z ]+?) followed ([a-z ]+?) on the same line");
    private static final Pattern BEFORE = Pattern.compile("(?:^|; )([a-z ]+?) ran before ([a-z ]+?) on the same line");

    /** "X followed Y" only when a piece of Y ended before a piece of X started; "X ran before Y" the other way round. */
    private static void becauseIsTrueOfTheClock(Derivation d, List<Administration> given) {
        if (!(d instanceof Derivation.Derived derived)) return;
        for (ClaimLine l : derived.claim().lines()) {
            check(FOLLOWED.matcher(l.because()), given, l);
            Matcher before = BEFORE.matcher(l.because());
            while (before.find()) {
                String later = before.group(2), earlier = before.group(1);
                assertTrue(endsBeforeStart(given, earlier, later), () -> l.because() + " in " + given);
            }
        }
    }

    private static void check(Matcher followed, List<Administration> given, ClaimLine l) {
        while (followed.find()) {
            String later = followed.group(1), earlier = followed.group(2);
            assertTrue(endsBeforeStart(given, earlier, later), () -> l.because() + " in " + given);
        }
    }

    private static boolean endsBeforeStart(List<Administration> given, String earlier, String later) {
        for (Administration e : given) {
            if (!e.drug().equals(earlier)) continue;
            for (Administration x : given) {
                if (x.drug().equals(later) && !e.end().isAfter(x.start())) return true;
            }
        }
        return false;
    }
}
