package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.policy.PolicySet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An appeal text is the payer's own wording: Medicare's ("Redetermination request") stays with
 * Medicare; a commercial payer that builds on Medicare's edits appeals in the core's payer-neutral
 * words unless its own layers say otherwise. Every other fact and text still layers as before.
 */
class PayerWordingTest {
    static final PolicySet SHIPPED = PolicyCompiler.compileDirectory(Path.of("policies")).policySet();

    @Test
    void medicaresAppealWordingDoesNotReachAnotherPayer() {
        String core = SHIPPED.policy("ama-core").rule(RuleKind.MUE_EXCEEDED).appeal();
        String medicare = SHIPPED.policy("medicare-part-b").rule(RuleKind.MUE_EXCEEDED).appeal();
        assertTrue(medicare.startsWith("Redetermination request"), medicare);
        assertFalse(core.contains("Redetermination"), core);
        List<String> checked = new ArrayList<>();
        SHIPPED.policies().values().forEach(p -> {
            if (p.payer() == null || p.payer().equals("medicare")) return;
            for (RuleKind kind : RuleKind.values()) {
                RuleText t = p.rule(kind);
                if (t != null && t.appeal() != null) {
                    assertFalse(t.appeal().contains("Redetermination"), p.id() + " " + kind.id() + ": " + t.appeal());
                }
            }
            assertEquals(core, p.rule(RuleKind.MUE_EXCEEDED).appeal(), p.id());
            checked.add(p.id());
        });
        assertTrue(checked.contains("uhc-commercial") && checked.contains("aetna-medicare-advantage"), checked.toString());
    }

    @Test
    void aPayerStillInheritsMedicaresCodesAndTextsOtherThanTheAppeal() {
        RuleText medicare = SHIPPED.policy("medicare-part-b").rule(RuleKind.DRUG_MODIFIER_REQUIRED);
        RuleText uhc = SHIPPED.policy("uhc").rule(RuleKind.DRUG_MODIFIER_REQUIRED);
        assertEquals(medicare.carc(), uhc.carc());
        assertEquals(medicare.rarc(), uhc.rarc());
        assertEquals(medicare.fix(), uhc.fix());
        assertEquals(SHIPPED.policy("medicare-part-b").mues(), SHIPPED.policy("uhc").mues());
    }

    @Test
    void aPayersOwnAppealReachesItsPlans() {
        List<SourceFile> files = new ArrayList<>();
        try {
            files.addAll(DiagnosticTableTest.base());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        files.add(new SourceFile("acme.ppl", """
                policy acme {
                  applies to payer acme
                  extends medicare-b
                  effective 2025-01-01
                  override rule mue-exceeded { appeal "Acme reconsideration: {code}" }
                }
                policy acme-gold {
                  applies to payer acme plan gold
                  extends acme
                  effective 2025-01-01
                  override rule mue-exceeded { carc 96 rarc N362 }
                }
                """));
        PolicySet set = PolicyCompiler.compileSources(files).policySet();
        assertEquals("Acme reconsideration: {code}", set.policy("acme-gold").rule(RuleKind.MUE_EXCEEDED).appeal());
        assertEquals("96", set.policy("acme-gold").rule(RuleKind.MUE_EXCEEDED).carc());
    }
}
