package org.pplc.runtime.model;

/** A code family (chemo, therapeutic, hydration); a lower rank wins the initial code in the facility order. */
public record Family(String id, String title, int rank, Provenance provenance) {
}
