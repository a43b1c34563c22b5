package org.pplc.compiler.imports;

import java.time.LocalDate;

/**
 * One row of the CMS add-on code edit file: the add-on may be billed with the primary.
 *
 * @param primary   the primary code, or null when CMS lets the contractor define the primaries ({@code CCCCC})
 * @param editType  1 only the listed primaries; 2 contractor-defined primaries; 3 listed primaries, and contractors may add others
 * @param effective the day the pair took effect, or null when the file does not say
 * @param notes     CMS's special instructions, empty when none
 */
public record AocEdit(String addOn, String primary, int editType, LocalDate effective, String notes, long row) {
    public boolean contractorDefined() {
        return primary == null;
    }
}
