package org.pplc.bench.drools;

/** Units a prior authorization approved for one code, summed over the claim's authorizations. */
public final class DAuth {
    private final String code;
    private final int units;

    public DAuth(String code, int units) {
        this.code = code;
        this.units = units;
    }

    public String getCode() { return code; }

    public int getUnits() { return units; }
}
