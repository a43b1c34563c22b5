package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.model.TableQuarter;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pplc.runtime.engine.Fixture.lines;
import static org.pplc.runtime.model.Setting.FACILITY;
import static org.pplc.runtime.model.Setting.PROFESSIONAL;

/** A CMS MUE table past its quarter is a warning on the claim, once, on its lowest-numbered line that uses it. */
class MueTableOutOfDateTest {
    static final TableQuarter Q3_2024 = new TableQuarter(2024, 3);

    /** Medicare's MUEs from the 2024Q3 table, except 96413's outpatient row, which names no quarter. */
    static PolicySet set() {
        Fixture.Builder b = Fixture.medicare();
        for (Map.Entry<String, Mue> me : b.mues.entrySet()) {
            Mue m = me.getValue();
            boolean unquartered = m.code().equals("96413") && me.getKey().endsWith("/o");
            me.setValue(new Mue(m.code(), m.setting(), m.cap(), m.indicator(), unquartered ? null : Q3_2024, m.provenance()));
        }
        b.rule("medicare", Fixture.MEDICARE, RuleKind.MUE_TABLE_OUT_OF_DATE, Action.WARN, "N/A", List.of(),
                "{code}: MUE table {quarter} ended {lastDay}; claim of {dateOfService}", "Re-import with pplc import mue", null);
        Policy p = b.build("medicare", "medicare", null, "core", Fixture.MEDICARE_FROM, null);
        return new PolicySet(List.of(new Payer("medicare", "Medicare", List.of(), new SourceRef(Fixture.MEDICARE, 1, 1))), List.of(p));
    }

    private final Adjudicator engine = new Adjudicator(set());

    private Result on(LocalDate day, Setting setting, ClaimLine... lines) {
        return engine.evaluate(new Claim("Q", "medicare", null, setting, null, day, List.of(lines), List.of(), List.of()));
    }

    @Test
    void quarterHasItsFirstAndLastDay() {
        assertEquals(LocalDate.of(2024, 7, 1), Q3_2024.firstDay());
        assertEquals(LocalDate.of(2024, 9, 30), Q3_2024.lastDay());
        assertEquals(Q3_2024, TableQuarter.parse("2024Q3"));
        assertEquals(new TableQuarter(2024, 4), TableQuarter.of(LocalDate.of(2024, 12, 31)));
        assertNull(TableQuarter.parse("2024Q5"));
        assertNull(TableQuarter.parse("2024-07"));
    }

    @Test
    void aClaimAfterTheQuarterGetsOneWarningOnTheLowestLineUsingTheTable() {
        Result r = on(LocalDate.of(2026, 3, 2), FACILITY, lines("96413", "96415x3", "96417", "96411x2"));
        // 96413's outpatient MUE names no quarter: the warning goes on 96415, line 2
        assertEquals(List.of("2:mue-table-out-of-date"), r.findings().stream().map(f -> f.line() + ":" + f.rule().id()).toList());
        assertEquals("96415: MUE table 2024Q3 ended 2024-09-30; claim of 2026-03-02", r.findings().get(0).message());
        assertEquals(Decision.WARN, r.decision());
        // in the professional setting 96413's practitioner MUE is quartered: line 1
        Result office = on(LocalDate.of(2026, 3, 2), PROFESSIONAL, lines("96413", "96415x3"));
        assertEquals(1, office.findings().size());
        assertEquals(1, office.findings().get(0).line());
    }

    @Test
    void withinOrOnTheLastDayOfTheQuarterNothing() {
        assertEquals(List.of(), on(LocalDate.of(2024, 9, 30), FACILITY, lines("96413", "96415x3")).findings());
        assertEquals(List.of(), on(LocalDate.of(2024, 7, 1), PROFESSIONAL, lines("96413")).findings());
        assertEquals(Decision.WARN, on(LocalDate.of(2024, 10, 1), PROFESSIONAL, lines("96413")).decision());
    }

    @Test
    void theLowestLineNumberNotTheFirstInTheArray() {
        Result r = on(LocalDate.of(2026, 3, 2), FACILITY, Fixture.line(9, "96415", 1), Fixture.line(4, "96413", 1),
                Fixture.line(6, "96366", 1));
        assertEquals(List.of(6), r.findings().stream().map(Finding::line).toList());
    }

    @Test
    void aStrongerFindingDecidesAndTheWarningStays() {
        Result r = on(LocalDate.of(2026, 3, 2), FACILITY, lines("96413", "96415x9"));
        assertEquals(Decision.DENY, r.decision());
        assertEquals(List.of(RuleKind.MUE_EXCEEDED, RuleKind.MUE_TABLE_OUT_OF_DATE), r.findings().stream().map(Finding::rule).toList());
    }

    @Test
    void noLineWithAQuarteredMueNoWarning() {
        assertEquals(List.of(), on(LocalDate.of(2026, 3, 2), FACILITY, lines("96413", "J9070x3")).findings());
    }
}
