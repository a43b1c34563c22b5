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
    CHEMO_ADDON_FOR_PREMEDICATION("chemo-addon-for-premedication", "code", "units", "drugs", "therapeuticCodes");

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
