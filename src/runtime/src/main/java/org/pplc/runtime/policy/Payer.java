package org.pplc.runtime.policy;

import org.pplc.runtime.model.SourceRef;

import java.util.List;

/** A payer declared in the policies, with its plans. */
public record Payer(String id, String name, List<Plan> plans, SourceRef source) {
    public Payer {
        plans = List.copyOf(plans);
    }

    public Plan plan(String id) {
        for (Plan p : plans) if (p.id().equals(id)) return p;
        return null;
    }
}
