package org.pplc.runtime.claim;

import java.math.BigDecimal;

/**
 * How much of a drug was given, e.g. 675 mg: an amount above 0 and its unit. {@code discarded} is
 * the amount left in a single-dose container and thrown away (JW), 0 or more, or null when the
 * record does not say (derive then assumes none: JZ).
 *
 * @throws InvalidClaimException naming the field that breaks the schema
 */
public record Dose(BigDecimal amount, String unit, BigDecimal discarded) {
    public Dose {
        ClaimSchema.refuse(ClaimSchema.dose(null, "", amount, unit, discarded));
    }

    public Dose(BigDecimal amount, String unit) {
        this(amount, unit, null);
    }
}
