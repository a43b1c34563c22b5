package org.pplc.runtime.model;

/**
 * A prior-authorization rule for one code. {@code required}: the claim needs an authorization that
 * lists the code. Either way, billed units must stay within the units an authorization approved.
 */
public record Authorization(String code, boolean required, Provenance provenance) {
}
