package org.pplc.bench.drools;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.utils.KieHelper;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer: the same rule set written in Drools DRL. Every policy that governs a payer (after
 * layering) becomes DRL rules guarded by the claim's payer and plan, one rule per MUE, add-on,
 * authorization, audit and allowed-modifier statement, plus the single-initial, setting and
 * JW/JZ rules, as a DRL author would write them. Findings go to the global {@code findings}.
 */
public final class Drl {
    private Drl() {
    }

    public static String write(PolicySet set) {
        StringBuilder b = new StringBuilder(1 << 20);
        b.append("package org.pplc.bench.drools.rules;\n\n");
        b.append("import org.pplc.bench.drools.DClaim;\nimport org.pplc.bench.drools.DLine;\n");
        b.append("import org.pplc.bench.drools.DAuth;\nimport org.pplc.bench.drools.DFinding;\n\n");
        b.append("global java.util.List findings;\n\n");
        int n = 0;
        for (Policy p : set.policies().values()) {
            if (p.payer() == null) continue;
            String guard = "DClaim(payer == \"" + p.payer() + "\", plan == " + (p.plan() == null ? "null" : "\"" + p.plan() + "\"");
            String id = p.id();
            for (Mue m : p.mues()) {
                String setting = m.setting() == MueSetting.OUTPATIENT ? "facility" : "professional";
                String fire = "findings.add(new DFinding($l.getLine(), \"" + m.code() + "\", \"mue-exceeded\", \"deny\", \"151\", \""
                        + m.code() + ": \" + $t + \" units over the MUE of " + m.cap() + "\"));";
                if (m.indicator().perDateOfService()) {
                    rule(b, id + " mue " + m.code() + " " + setting + " " + n++, guard + ", setting == \"" + setting + "\")",
                            "$l : DLine(code == \"" + m.code() + "\")",
                            "not DLine(code == \"" + m.code() + "\", line < $l.line)",
                            "Number($t : intValue > " + m.cap() + ") from accumulate(DLine(code == \"" + m.code()
                                    + "\", $u : units), sum($u))")
                            .append("then\n    ").append(fire).append("\nend\n\n");
                } else {
                    rule(b, id + " mue " + m.code() + " " + setting + " " + n++, guard + ", setting == \"" + setting + "\")",
                            "$l : DLine(code == \"" + m.code() + "\", $t : units > " + m.cap() + ")")
                            .append("then\n    ").append(fire).append("\nend\n\n");
                }
            }
            List<String> initials = new ArrayList<>();
            for (Code c : p.codes().values()) {
                if (c.role() == Role.INITIAL) initials.add(c.code());
                if (c.addOn()) {
                    rule(b, id + " addon " + c.code() + " " + n++, guard + ")", "$l : DLine(code == \"" + c.code() + "\")",
                            "not DLine(code in (" + quoted(c.primaries()) + "))")
                            .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(c.code())
                            .append("\", \"addon-requires-primary\", \"deny\", \"107\", \"").append(c.code())
                            .append(" is an add-on of ").append(String.join(" or ", c.primaries()))
                            .append(", which is not on this claim\"));\nend\n\n");
                }
                if (c.onlyIn() != null) {
                    rule(b, id + " setting " + c.code() + " " + n++, guard + ", setting != \"" + c.onlyIn().id() + "\")",
                            "$l : DLine(code == \"" + c.code() + "\")")
                            .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(c.code())
                            .append("\", \"setting-not-allowed\", \"deny\", \"96\", \"").append(c.code())
                            .append(" is not billed in this setting\"));\nend\n\n");
                }
            }
            ModifierRule.SecondInitial second = p.secondInitialModifiers();
            StringBuilder noSecond = new StringBuilder();
            if (second != null) for (String m : second.modifiers()) noSecond.append(", modifiers not contains \"").append(m).append('"');
            rule(b, id + " single initial " + n++, guard + ")", "$a : DLine(code in (" + quoted(initials) + "))",
                    "$l : DLine(code in (" + quoted(initials) + "), line > $a.line" + noSecond + ")")
                    .append("then\n    findings.add(new DFinding($l.getLine(), $l.getCode(), \"single-initial-code\", \"deny\", \"4\", ")
                    .append("$l.getCode() + \" is a second initial code after \" + $a.getCode()));\nend\n\n");
            p.authorizations().forEach((code, a) -> {
                if (a.required()) {
                    rule(b, id + " auth missing " + code, guard + ")", "$l : DLine(code == \"" + code + "\")",
                            "not DAuth(code == \"" + code + "\")")
                            .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(code)
                            .append("\", \"authorization-missing\", \"deny\", \"197\", \"").append(code)
                            .append(" needs a prior authorization\"));\nend\n\n");
                }
                rule(b, id + " auth exceeded " + code, guard + ")", "$l : DLine(code == \"" + code + "\")",
                        "not DLine(code == \"" + code + "\", line < $l.line)", "DAuth(code == \"" + code + "\", $a : units)",
                        "Number($t : intValue > $a) from accumulate(DLine(code == \"" + code + "\", $u : units), sum($u))")
                        .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(code)
                        .append("\", \"authorization-exceeded\", \"deny\", \"198\", \"").append(code)
                        .append(": \" + $t + \" units over the \" + $a + \" approved\"));\nend\n\n");
            });
            p.audits().forEach((code, a) -> rule(b, id + " audit " + code, guard + ")", "$l : DLine(code == \"" + code + "\")",
                    "not DLine(code == \"" + code + "\", line < $l.line)",
                    "Number($t : intValue > " + a.units() + ") from accumulate(DLine(code == \"" + code + "\", $u : units), sum($u))")
                    .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(code)
                    .append("\", \"audit-threshold\", \"review\", \"151\", \"").append(code)
                    .append(": \" + $t + \" units above the audit threshold of ").append(a.units()).append("\"));\nend\n\n"));
            ModifierRule.DrugLine drugLine = p.drugLineModifiers();
            List<String> singleDose = new ArrayList<>();
            for (Drug d : p.drugs().values()) if (d.singleDose()) singleDose.add(d.hcpcs());
            if (drugLine != null && !singleDose.isEmpty()) {
                StringBuilder none = new StringBuilder();
                for (String m : drugLine.modifiers()) none.append(", modifiers not contains \"").append(m).append('"');
                rule(b, id + " drug modifier " + n++, guard + ")", "$l : DLine(code in (" + quoted(singleDose) + ")" + none + ")")
                        .append("then\n    findings.add(new DFinding($l.getLine(), $l.getCode(), \"drug-modifier-required\", \"deny\", \"4\", ")
                        .append("$l.getCode() + \" is single-dose and needs ").append(String.join(" or ", drugLine.modifiers()))
                        .append("\"));\nend\n\n");
            }
            for (ModifierRule r : p.modifierRules()) {
                if (!(r instanceof ModifierRule.Allowed a)) continue;
                rule(b, id + " allowed " + a.code(), guard + ")", "$l : DLine(code == \"" + a.code() + "\", $m : modifiers)",
                        "$x : String(this not in (" + quoted(a.modifiers()) + ")) from $m")
                        .append("then\n    findings.add(new DFinding($l.getLine(), \"").append(a.code())
                        .append("\", \"modifier-not-allowed\", \"deny\", \"4\", \"modifier \" + $x + \" is not allowed on ")
                        .append(a.code()).append("\"));\nend\n\n");
            }
        }
        return b.toString();
    }

    private static StringBuilder rule(StringBuilder b, String name, String... when) {
        b.append("rule \"").append(name).append("\"\nwhen\n");
        for (String w : when) b.append("    ").append(w).append('\n');
        return b;
    }

    private static String quoted(List<String> codes) {
        StringBuilder s = new StringBuilder();
        for (String c : codes) {
            if (s.length() > 0) s.append(", ");
            s.append('"').append(c).append('"');
        }
        return s.toString();
    }

    /** Builds the KieBase from DRL text (parse, compile, Rete network), as a Drools user does at start-up. */
    public static KieBase build(String drl) {
        return new KieHelper().addContent(drl, ResourceType.DRL).build();
    }

    /** The claim as facts: a header, one fact a line, approved units summed by code. */
    public static List<Object> facts(Claim c) {
        List<Object> facts = new ArrayList<>(c.lines().size() + 4);
        facts.add(new DClaim(c.payer(), c.plan(), c.setting().id()));
        for (ClaimLine l : c.lines()) facts.add(new DLine(l.line(), l.code(), l.units(), l.modifiers()));
        Map<String, Integer> approved = new LinkedHashMap<>();
        for (PriorAuthorization a : c.authorizations()) a.units().forEach((k, v) -> approved.merge(k, v, Integer::sum));
        approved.forEach((k, v) -> facts.add(new DAuth(k, v)));
        return facts;
    }

    /** Evaluates one claim: facts in, rules fired, findings out. */
    public static List<DFinding> evaluate(StatelessKieSession session, Claim c) {
        List<DFinding> findings = new ArrayList<>(4);
        session.setGlobal("findings", findings);
        session.execute(facts(c));
        return findings;
    }
}
