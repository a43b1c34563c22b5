package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pplc.runtime.engine.Fixture.claim;
import static org.pplc.runtime.engine.Fixture.lines;
import static org.pplc.runtime.model.Setting.FACILITY;
import static org.pplc.runtime.model.Setting.PROFESSIONAL;

/**
 * The one-initial rule (single-initial-code): CPT allows one initial IV service per encounter
 * unless protocol needs two IV sites; per-injection codes, pump starts, refills and the port flush
 * are not initial IV services; the hierarchy (facility) or the add-ons' primaries (professional)
 * decide which initial line stands, never the order of the lines.
 */
class SingleInitialCodeTest {
    private final Adjudicator engine = new Adjudicator(Fixture.set());

    private Result medicare(Setting setting, String... specs) {
        return engine.evaluate(claim("medicare", null, setting, lines(specs)));
    }

    /** "line:rule" of each single-initial-code finding. */
    private static List<String> initialFindings(Result r) {
        return r.findings().stream().filter(f -> f.rule() == RuleKind.SINGLE_INITIAL_CODE)
                .map(f -> f.line() + ":" + f.code()).toList();
    }

    @Test
    void injectionsAreReportedPerInjectionBesideEachOtherAndBesideIvCodes() {
        // a hormone injection and a bone-agent injection in the office: 96402 + 96372
        assertEquals(List.of(), initialFindings(medicare(PROFESSIONAL, "96402", "96372")));
        assertEquals(List.of(), initialFindings(medicare(PROFESSIONAL, "96372", "96372")));
        assertEquals(List.of(), initialFindings(medicare(FACILITY, "96413", "96372")));
        assertEquals(List.of(), initialFindings(medicare(FACILITY, "96372", "96413", "96401", "96402x2")));
        assertEquals(Decision.PASS, medicare(FACILITY, "96372", "96413").decision());
    }

    @Test
    void refillsPortFlushAndPumpStartsAreNotInitialIvCodes() {
        assertEquals(List.of(), initialFindings(medicare(FACILITY, "96521", "96413", "96522", "96523", "96416")));
        assertEquals(List.of(), initialFindings(medicare(PROFESSIONAL, "96369", "96365")));
    }

    @Test
    void facilityTheHierarchyDecidesWhichInitialLineStands() {
        // hydration on line 1, chemo on line 2: the chemo infusion stands, the hydration is flagged
        assertEquals(List.of("1:96360"), initialFindings(medicare(FACILITY, "96360", "96413")));
        // a chemo push before the chemo infusion: the infusion stands (infusion > push)
        assertEquals(List.of("1:96409"), initialFindings(medicare(FACILITY, "96409", "96413")));
        assertEquals(List.of("1:96374", "2:96365"), initialFindings(medicare(FACILITY, "96374", "96365", "96409")));
        Result r = medicare(FACILITY, "96360", "96413");
        assertEquals("96360 is a second initial code (96413) without 59, XU or XS", r.findings().get(0).message());
    }

    @Test
    void professionalTheInitialLineTheAddOnsNeedStands() {
        // 96366 (therapeutic added hour) may follow 96365 but not 96409: 96365 stands though chemo ranks higher
        assertEquals(List.of("1:96409"), initialFindings(medicare(PROFESSIONAL, "96409", "96365", "96366")));
        // the same lines in the facility: the hierarchy, so the chemo push stands
        assertEquals(List.of("2:96365"), initialFindings(medicare(FACILITY, "96409", "96365", "96366")));
        // 96417 needs 96413; 96365 on line 1 is the one flagged
        assertEquals(List.of("1:96365"), initialFindings(medicare(PROFESSIONAL, "96365", "96413", "96417")));
        // add-ons that either could carry (96361): the higher in the hierarchy
        assertEquals(List.of("1:96365"), initialFindings(medicare(PROFESSIONAL, "96365", "96413", "96361")));
        // no add-on: the hierarchy
        assertEquals(List.of("1:96374"), initialFindings(medicare(PROFESSIONAL, "96374", "96409")));
    }

    @Test
    void sameCodeTwiceTheLowestLineNumberStandsWhateverTheOrder() {
        Claim c = claim("medicare", null, FACILITY, Fixture.line(7, "96365", 1), Fixture.line(3, "96365", 1));
        assertEquals(List.of("7:96365"), initialFindings(engine.evaluate(c)));
    }

    @Test
    void aDistinctSiteModifierExcusesTheRuleButTheMueStillCountsEveryUnit() {
        // facility: 96365 MUE 2 per day, so two lines with XU pass
        assertEquals(Decision.PASS, medicare(FACILITY, "96365", "96365:XU").decision());
        // professional: MUE 1 per day: the rule is excused, the MUE denies the second unit
        Result office = medicare(PROFESSIONAL, "96365", "96365:XU");
        assertEquals(List.of(), initialFindings(office));
        assertEquals(List.of(RuleKind.MUE_EXCEEDED), office.findings().stream().map(Finding::rule).toList());
        assertEquals(1, office.findings().get(0).line());
        // the modifier on the standing line does not excuse the other one
        assertEquals(List.of("1:96360"), initialFindings(medicare(FACILITY, "96360", "96413:XU")));
    }

    private static final String[] POOL = {"96360", "96361", "96365", "96366", "96367", "96368", "96372", "96374",
            "96375", "96401", "96402", "96409", "96411", "96413", "96415", "96416", "96417", "96521", "96523",
            "J9312", "J9070", "J1200"};
    private static final String[] MODIFIERS = {"XU", "59", "JZ", "JW"};

    /** Property: permuting a claim's lines (each keeps its line number) never changes its findings. */
    @Test
    void permutingTheLinesNeverChangesWhichLinesGetFindings() {
        Random random = new Random(17);
        int checked = 0;
        for (int claimNo = 0; claimNo < 400; claimNo++) {
            int size = 2 + random.nextInt(7);
            List<ClaimLine> lines = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                String code = POOL[random.nextInt(POOL.length)];
                List<String> mods = random.nextInt(4) == 0 ? List.of(MODIFIERS[random.nextInt(MODIFIERS.length)]) : List.of();
                lines.add(new ClaimLine(k + 1, code, 1 + random.nextInt(2), mods));
            }
            for (Setting setting : Setting.values()) {
                Set<String> expected = findings(setting, lines);
                for (int p = 0; p < 6; p++) {
                    List<ClaimLine> shuffled = new ArrayList<>(lines);
                    Collections.shuffle(shuffled, random);
                    assertEquals(expected, findings(setting, shuffled), () -> setting + " " + lines + " as " + shuffled);
                    checked++;
                }
            }
        }
        assertEquals(400 * 2 * 6, checked);
    }

    private Set<String> findings(Setting setting, List<ClaimLine> lines) {
        Claim c = new Claim("P", "medicare", null, setting, null, LocalDate.of(2026, 3, 2), lines, List.of(), List.of());
        Set<String> out = new TreeSet<>();
        for (Finding f : engine.evaluate(c).findings()) out.add(f.line() + ":" + f.code() + ":" + f.rule().id() + ":" + f.message());
        return out;
    }
}
