package org.pplc.runtime.claim;

import java.math.BigDecimal;

/** How much of a drug was given, e.g. 675 mg. */
public record Dose(BigDecimal amount, String unit) {
}
