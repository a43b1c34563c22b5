package org.pplc.runtime.model;

/** How the single initial code of an encounter is chosen in a setting. */
public record InitialCodeRule(Setting setting, Order order, Provenance provenance) {
    public enum Order {
        /** chemo > therapeutic > hydration, then infusion > push > injection, whatever the order given. */
        HIERARCHY,
        /** The administration that was the main reason for the visit. */
        PRIMARY_REASON
    }
}
