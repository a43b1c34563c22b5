package org.pplc.bench;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same checks written by hand in plain Java, the baseline pplc is measured against: the rule
 * data of one policy copied into plain maps and sets once, then if-statements per line. It does
 * what a careful developer would write for one payer: MUE (per line and per day), add-on without
 * primary, one initial code (59/XU/XS), setting, prior authorization missing/exceeded, audit,
 * JW/JZ on single-dose drugs, allowed modifiers; findings carry the filled message.
 */
public final class HandWritten {
    public record Finding(int line, String code, String rule, String action, String carc, String message) {
    }

    private final Map<String, int[]> practitionerMue = new HashMap<>(); // cap, per-day (1) or per-line (0)
    private final Map<String, int[]> outpatientMue = new HashMap<>();
    private final Map<String, List<String>> primaries = new HashMap<>();
    private final Set<String> initials = new HashSet<>();
    private final Map<String, Setting> onlyIn = new HashMap<>();
    private final Set<String> authRequired = new HashSet<>();
    private final Set<String> authLimited = new HashSet<>();
    private final Map<String, Integer> audits = new HashMap<>();
    private final Map<String, String> singleDose = new HashMap<>(); // code -> drug name
    private final Map<String, List<String>> allowed = new HashMap<>();
    private final List<String> drugModifiers;
    private final List<String> secondInitial;

    public HandWritten(Policy policy) {
        for (Mue m : policy.mues()) {
            (m.setting() == MueSetting.PRACTITIONER ? practitionerMue : outpatientMue)
                    .put(m.code(), new int[]{m.cap(), m.indicator().perDateOfService() ? 1 : 0});
        }
        for (Code c : policy.codes().values()) {
            if (c.addOn()) primaries.put(c.code(), c.primaries());
            if (c.role() == Role.INITIAL) initials.add(c.code());
            if (c.onlyIn() != null) onlyIn.put(c.code(), c.onlyIn());
        }
        policy.authorizations().forEach((code, a) -> (a.required() ? authRequired : authLimited).add(code));
        policy.audits().forEach((code, a) -> audits.put(code, a.units()));
        for (Drug d : policy.drugs().values()) if (d.singleDose()) singleDose.put(d.hcpcs(), d.name());
        for (ModifierRule r : policy.modifierRules()) {
            if (r instanceof ModifierRule.Allowed a) allowed.put(a.code(), a.modifiers());
        }
        drugModifiers = policy.drugLineModifiers() == null ? List.of() : policy.drugLineModifiers().modifiers();
        secondInitial = policy.secondInitialModifiers() == null ? List.of() : policy.secondInitialModifiers().modifiers();
    }

    public List<Finding> evaluate(Claim claim) {
        List<Finding> out = new ArrayList<>(2);
        List<ClaimLine> lines = claim.lines();
        Map<String, int[]> mues = claim.setting() == Setting.FACILITY ? outpatientMue : practitionerMue;
        Map<String, Integer> totals = new HashMap<>(32);
        for (ClaimLine l : lines) totals.merge(l.code(), l.units(), Integer::sum);
        Set<String> done = new HashSet<>(16);
        String firstInitial = null;
        for (ClaimLine l : lines) {
            String code = l.code();
            boolean firstOfCode = done.add(code);
            Setting only = onlyIn.get(code);
            if (only != null && only != claim.setting()) {
                out.add(new Finding(l.line(), code, "setting-not-allowed", "deny", "96", code + " is not billed in the "
                        + claim.setting().id() + " setting"));
            }
            List<String> prim = primaries.get(code);
            if (prim != null && !anyBilled(lines, prim)) {
                out.add(new Finding(l.line(), code, "addon-requires-primary", "deny", "107", code + " is an add-on of "
                        + String.join(" or ", prim) + ", which is not on this claim"));
            }
            if (initials.contains(code)) {
                if (firstInitial == null && l.units() == 1) firstInitial = code;
                else if (!hasAny(l, secondInitial)) {
                    out.add(new Finding(l.line(), code, "single-initial-code", "deny", "4", code
                            + " is a second initial code after " + firstInitial));
                }
            }
            int[] mue = mues.get(code);
            if (mue != null) {
                int units = mue[1] == 1 ? (firstOfCode ? totals.get(code) : 0) : l.units();
                if (units > mue[0]) {
                    out.add(new Finding(l.line(), code, "mue-exceeded", "deny", "151", code + ": " + units
                            + " units over the MUE of " + mue[0]));
                }
            }
            boolean required = authRequired.contains(code);
            if (required || authLimited.contains(code)) {
                int approved = 0;
                boolean listed = false;
                for (PriorAuthorization a : claim.authorizations()) {
                    Integer u = a.units().get(code);
                    if (u != null) {
                        listed = true;
                        approved += u;
                    }
                }
                if (required && !listed) {
                    out.add(new Finding(l.line(), code, "authorization-missing", "deny", "197", code + " needs a prior authorization"));
                } else if (listed && firstOfCode && totals.get(code) > approved) {
                    out.add(new Finding(l.line(), code, "authorization-exceeded", "deny", "198", code + ": "
                            + totals.get(code) + " units over the " + approved + " approved"));
                }
            }
            Integer audit = audits.get(code);
            if (audit != null && firstOfCode && totals.get(code) > audit) {
                out.add(new Finding(l.line(), code, "audit-threshold", "review", "151", code + ": " + totals.get(code)
                        + " units above the audit threshold of " + audit));
            }
            String drug = singleDose.get(code);
            if (drug != null && !drugModifiers.isEmpty() && !hasAny(l, drugModifiers)) {
                out.add(new Finding(l.line(), code, "drug-modifier-required", "deny", "4", drug + " (" + code
                        + ") is single-dose and needs " + String.join(" or ", drugModifiers)));
            }
            List<String> ok = allowed.get(code);
            if (ok != null) {
                for (String m : l.modifiers()) {
                    if (!ok.contains(m)) {
                        out.add(new Finding(l.line(), code, "modifier-not-allowed", "deny", "4", "modifier " + m
                                + " is not allowed on " + code));
                    }
                }
            }
        }
        return out;
    }

    private static boolean anyBilled(List<ClaimLine> lines, List<String> codes) {
        for (ClaimLine l : lines) if (codes.contains(l.code())) return true;
        return false;
    }

    private static boolean hasAny(ClaimLine l, List<String> modifiers) {
        for (String m : l.modifiers()) if (modifiers.contains(m)) return true;
        return false;
    }
}
