package org.pplc.runtime.model;

/** Units of a code above which a line goes to review instead of payment. */
public record AuditThreshold(String code, int units, Provenance provenance) {
}
