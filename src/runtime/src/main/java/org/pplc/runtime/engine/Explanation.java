package org.pplc.runtime.engine;

import org.pplc.runtime.model.RuleKind;

/**
 * One check that looked at a claim line, whether it fired, why, and the policy fact it used
 * (the layer that set it and its source position): "why denied" and "why not denied".
 */
public record Explanation(RuleKind rule, boolean fired, String reason, String layer, String source) {
    public String outcome() {
        return fired ? "fired" : "passed";
    }
}
