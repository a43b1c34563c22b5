package org.pplc.runtime.model;

/**
 * A Medically Unlikely Edit: at most {@code cap} units of the code in the setting, counted per the indicator.
 *
 * @param tableQuarter the quarter of the CMS MUE table the value comes from (the policy's {@code from
 *                     ... quarter 2024Q3} group), or null when the policy does not say
 */
public record Mue(String code, MueSetting setting, int cap, Mai indicator, TableQuarter tableQuarter,
                  Provenance provenance) {
    /** An MUE that names no CMS table quarter. */
    public Mue(String code, MueSetting setting, int cap, Mai indicator, Provenance provenance) {
        this(code, setting, cap, indicator, null, provenance);
    }
}
