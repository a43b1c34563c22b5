package org.pplc.runtime.model;

/** A Medically Unlikely Edit: at most {@code cap} units of the code in the setting, counted per the indicator. */
public record Mue(String code, MueSetting setting, int cap, Mai indicator, Provenance provenance) {
}
