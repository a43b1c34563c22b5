package org.pplc.runtime.model;

import java.util.List;
import java.util.Set;

/**
 * Every check the engine knows, with the placeholders its texts may use. The policy language
 * names them; a policy sets their action, CARC/RARC and texts.
 */
public enum RuleKind {
    ADDON_REQUIRES_PRIMARY("addon-requires-primary", "code", "units", "primaries", "primary"),
    MUE_EXCEEDED("mue-exceeded", "code", "units", "cap", "setting", "indicator"),
    SINGLE_INITIAL_CODE("single-initial-code", "code", "units", "initials", "modifiers"),
    SETTING_NOT_ALLOWED("setting-not-allowed", "code", "units", "setting", "allowed"),
    /** A code that needs an authorization, on a claim that carries none. */
    AUTHORIZATION_MISSING("authorization-missing", "code", "units"),
    /** A code that needs an authorization, on a claim whose authorizations do not list it. */
    AUTHORIZATION_NOT_COVERING("authorization-not-covering", "code", "units", "authorization"),
    AUTHORIZATION_EXCEEDED("authorization-exceeded", "code", "units", "approved", "authorization"),
    AUDIT_THRESHOLD("audit-threshold", "code", "units", "threshold"),
    DRUG_MODIFIER_REQUIRED("drug-modifier-required", "code", "units", "drug", "modifiers"),
    MODIFIER_NOT_ALLOWED("modifier-not-allowed", "code", "units", "modifier", "allowed"),
    /** 96417-type line with no further distinct drug of the family on the claim: extra time billed as a new drug. */
    SEQUENTIAL_SAME_DRUG("sequential-same-drug", "code", "units", "drugs", "hourCode"),
    /** Chemo add-on whose extra drug is a pre-medication (drug table says therapeutic). */
    CHEMO_ADDON_FOR_PREMEDICATION("chemo-addon-for-premedication", "code", "units", "drugs", "therapeuticCodes"),
    // JW (amount discarded) and JZ (none discarded) say what became of a single-dose container's
    // rest (Medicare Claims Processing Manual, ch. 17, section 40; CMS JW/JZ FAQ):
    /** JW and JZ on one line: both "discarded" and "none discarded". */
    DRUG_MODIFIERS_CONFLICT("drug-modifiers-conflict", "code", "units", "modifiers"),
    /** JW or JZ on an administration code (a code of the hierarchy): they belong on the drug line. */
    DRUG_MODIFIER_ON_ADMINISTRATION("drug-modifier-on-administration", "code", "units", "modifier"),
    /** JW or JZ on a drug the drug table does not mark single-dose: they are for single-dose containers. */
    DRUG_MODIFIER_MULTI_DOSE("drug-modifier-multi-dose", "code", "units", "modifier", "drug"),
    /** A JZ line and a JW line of the same drug: JZ says none was discarded, JW bills a discarded amount. */
    DRUG_MODIFIER_CONTRADICTION("drug-modifier-contradiction", "code", "units", "drug", "discardedLine"),
    /** The claim's date of service is past the quarter of the CMS MUE table an MUE of the claim comes from. */
    MUE_TABLE_OUT_OF_DATE("mue-table-out-of-date", "code", "units", "quarter", "lastDay", "dateOfService");

    private final String id;
    private static final RuleKind[] ALL = values();
    private final Set<String> placeholders;

    RuleKind(String id, String... placeholders) {
        this.id = id;
        this.placeholders = Set.of(placeholders);
    }

    public String id() {
        return id;
    }

    /** Names that may stand in braces in the rule's message, fix and appeal. */
    public Set<String> placeholders() {
        return placeholders;
    }

    public static RuleKind fromId(String id) {
        for (RuleKind k : ALL) if (k.id.equals(id)) return k;
        return null;
    }

    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(RuleKind::id).toList();
    }
}
