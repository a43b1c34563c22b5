package org.pplc.bench.drools;

import java.util.List;

/** A claim line as a Drools fact. */
public final class DLine {
    private final int line;
    private final String code;
    private final int units;
    private final List<String> modifiers;

    public DLine(int line, String code, int units, List<String> modifiers) {
        this.line = line;
        this.code = code;
        this.units = units;
        this.modifiers = modifiers;
    }

    public int getLine() { return line; }

    public String getCode() { return code; }

    public int getUnits() { return units; }

    public List<String> getModifiers() { return modifiers; }
}
