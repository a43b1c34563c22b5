package org.pplc.runtime.claim;

import java.math.BigDecimal;

/**
 * How much of a drug was given, e.g. 675 mg. {@code discarded} is the amount left in a single-dose
 * container and thrown away (JW), or null when the record does not say (derive then assumes none: JZ).
 */
public record Dose(BigDecimal amount, String unit, BigDecimal discarded) {
    public Dose(BigDecimal amount, String unit) {
        this(amount, unit, null);
    }
}
