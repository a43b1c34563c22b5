package org.pplc.runtime.model;

/**
 * Who set a fact and on whose word: the policy (layer) that set it, the position of its text,
 * and the outside source it cites (a CMS table, a payer bulletin), or null when it cites none.
 */
public record Provenance(String layer, SourceRef source, String citation) {
}
