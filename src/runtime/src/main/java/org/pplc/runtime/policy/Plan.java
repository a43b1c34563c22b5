package org.pplc.runtime.policy;

import org.pplc.runtime.model.SourceRef;

/** A plan of a payer (commercial, medicare-advantage). */
public record Plan(String id, String name, SourceRef source) {
}
