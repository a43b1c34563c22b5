package org.pplc.compiler.diag;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
