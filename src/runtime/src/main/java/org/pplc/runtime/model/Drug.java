package org.pplc.runtime.model;

import java.math.BigDecimal;

/**
 * A drug of the drug table: HCPCS code, name, the family it is administered under,
 * and how much of it one billed unit is (J9312: 10 mg).
 */
public record Drug(String hcpcs, String name, String category, BigDecimal unitAmount, String unitOfMeasure,
                   boolean singleDose, Provenance provenance) {
}
