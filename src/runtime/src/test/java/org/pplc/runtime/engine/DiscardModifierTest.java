package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.model.SourceRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pplc.runtime.engine.Fixture.lines;
import static org.pplc.runtime.model.Setting.FACILITY;

/** JW and JZ where they do not belong (Medicare Claims Processing Manual, ch. 17, section 40; CMS JW/JZ FAQ). */
class DiscardModifierTest {
    static PolicySet set() {
        Fixture.Builder b = Fixture.medicare();
        String f = Fixture.MEDICARE;
        b.rule("medicare", f, RuleKind.DRUG_MODIFIERS_CONFLICT, Action.DENY, "4", List.of("N519"),
                "{code} carries {modifiers}", "Keep one", null);
        b.rule("medicare", f, RuleKind.DRUG_MODIFIER_ON_ADMINISTRATION, Action.DENY, "4", List.of("N823"),
                "{modifier} on administration code {code}", "Move {modifier} to the drug line", null);
        b.rule("medicare", f, RuleKind.DRUG_MODIFIER_MULTI_DOSE, Action.DENY, "4", List.of("N823"),
                "{modifier} on {code} ({drug}), not single-dose", "Remove {modifier}", null);
        b.rule("medicare", f, RuleKind.DRUG_MODIFIER_CONTRADICTION, Action.DENY, "4", List.of("N519"),
                "{code} ({drug}) carries JZ but line {discardedLine} bills a discarded amount", "Remove JZ", null);
        Policy p = b.build("medicare", "medicare", null, "core", Fixture.MEDICARE_FROM, null);
        return new PolicySet(List.of(new Payer("medicare", "Medicare", List.of(), new SourceRef(f, 1, 1))), List.of(p));
    }

    private final Adjudicator engine = new Adjudicator(set());

    private List<String> found(String... specs) {
        Result r = engine.evaluate(Fixture.claim("medicare", null, FACILITY, lines(specs)));
        return r.findings().stream().map(f -> f.line() + ":" + f.rule().id()).toList();
    }

    @Test
    void jwAndJzOnOneLineConflict() {
        assertEquals(List.of("2:drug-modifiers-conflict"), found("96413", "J9312x68:JW,JZ"));
        Result r = engine.evaluate(Fixture.claim("medicare", null, FACILITY, lines("96413", "J9312x68:JZ,JW")));
        assertEquals("J9312 carries JW and JZ", r.findings().get(0).message());
        assertEquals(List.of("N519"), r.findings().get(0).rarc());
    }

    @Test
    void jwOrJzOnAnAdministrationCode() {
        assertEquals(List.of("1:drug-modifier-on-administration"), found("96413:JZ", "J9312x68:JZ"));
        assertEquals(List.of("1:drug-modifier-on-administration"), found("96372:JW"));
        Result r = engine.evaluate(Fixture.claim("medicare", null, FACILITY, lines("96413:JW", "J9312x68:JZ")));
        assertEquals("JW on administration code 96413", r.findings().get(0).message());
    }

    @Test
    void jwOrJzOnAMultiDoseDrug() {
        // cyclophosphamide (J9070) is not single-dose in the drug table
        assertEquals(List.of("2:drug-modifier-multi-dose"), found("96413", "J9070x10:JZ"));
        Result r = engine.evaluate(Fixture.claim("medicare", null, FACILITY, lines("96413", "J9070x10:JW")));
        assertEquals("JW on J9070 (cyclophosphamide), not single-dose", r.findings().get(0).message());
        assertEquals(List.of(), found("96413", "J9070x10"));
    }

    @Test
    void aJzLineAndAJwLineOfTheSameDrugContradictOnTheJzLine() {
        assertEquals(List.of("2:drug-modifier-contradiction"), found("96413", "J9312x60:JZ", "J9312x8:JW"));
        assertEquals(List.of("3:drug-modifier-contradiction"), found("96413", "J9312x8:JW", "J9312x60:JZ"));
        Result r = engine.evaluate(Fixture.claim("medicare", null, FACILITY, lines("96413", "J9312x8:JW", "J9312x60:JZ")));
        assertEquals("J9312 (rituximab) carries JZ but line 2 bills a discarded amount", r.findings().get(0).message());
        // the administered amount without a modifier beside the discarded amount with JW is right
        assertEquals(List.of(), found("96413", "J9312x60", "J9312x8:JW"));
        // JZ and JW on different drugs say nothing about each other
        assertEquals(List.of(), found("96413", "96417", "J9312x68:JZ", "J9000x5:JW"));
    }

    @Test
    void findingsDoNotDependOnLineOrder() {
        String[] pool = {"96413", "96417", "J9312", "J9070", "J9000", "96372"};
        String[][] mods = {{}, {"JW"}, {"JZ"}, {"JW", "JZ"}};
        Random random = new Random(40);
        for (int c = 0; c < 300; c++) {
            List<ClaimLine> lines = new ArrayList<>();
            int size = 1 + random.nextInt(6);
            for (int k = 0; k < size; k++) {
                lines.add(new ClaimLine(k + 1, pool[random.nextInt(pool.length)], 1 + random.nextInt(3),
                        List.of(mods[random.nextInt(mods.length)])));
            }
            Set<String> expected = findings(lines);
            for (int p = 0; p < 4; p++) {
                List<ClaimLine> shuffled = new ArrayList<>(lines);
                Collections.shuffle(shuffled, random);
                assertEquals(expected, findings(shuffled), () -> lines + " as " + shuffled);
            }
        }
    }

    private Set<String> findings(List<ClaimLine> lines) {
        Claim c = new Claim("P", "medicare", null, Setting.FACILITY, null, LocalDate.of(2026, 3, 2), lines, List.of(), List.of());
        Set<String> out = new TreeSet<>();
        for (Finding f : engine.evaluate(c).findings()) out.add(f.line() + ":" + f.rule().id() + ":" + f.message());
        return out;
    }
}
