package org.pplc.runtime.model;

import java.util.List;

/** What a payer says about modifiers. */
public sealed interface ModifierRule {
    List<String> modifiers();

    Provenance provenance();

    /** One of these must be on every single-dose drug line (JW, JZ). */
    record DrugLine(List<String> modifiers, Provenance provenance) implements ModifierRule {
        /**
         * The HCPCS modifiers for a single-dose container's rest, whose meaning CMS fixes nationally:
         * JW bills an amount discarded, JZ says none was (Medicare Claims Processing Manual, ch. 17, section 40).
         */
        public static final String DISCARDED = "JW", NONE_DISCARDED = "JZ";

        public DrugLine {
            modifiers = List.copyOf(modifiers);
        }
    }

    /** One of these lets a second initial code through (59, XU, XS): a separate IV site. */
    record SecondInitial(List<String> modifiers, Provenance provenance) implements ModifierRule {
        public SecondInitial {
            modifiers = List.copyOf(modifiers);
        }
    }

    /** Only these modifiers may be billed on the code. */
    record Allowed(String code, List<String> modifiers, Provenance provenance) implements ModifierRule {
        public Allowed {
            modifiers = List.copyOf(modifiers);
        }
    }
}
