package org.pplc.compiler.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The CMS add-on code edit file as read: the edits in force, sorted by add-on then primary code.
 *
 * @param deleted        edits left out because they were deleted as of the import date
 * @param notYetInForce  edits left out because they take effect after the import date
 * @param skipped        edits left out because the policies do not define the add-on or the primary
 */
public record AocTable(String fileName, List<AocEdit> edits, List<RowProblem> problems, int deleted, int notYetInForce,
                       int skipped) {
    private static final Comparator<AocEdit> ORDER = Comparator.comparing(AocEdit::addOn)
            .thenComparing(e -> e.primary() == null ? "" : e.primary());

    public AocTable {
        List<AocEdit> sorted = new ArrayList<>(edits);
        sorted.sort(ORDER);
        edits = List.copyOf(sorted);
        problems = List.copyOf(problems);
    }

    /**
     * Only edits whose add-on code, and primary code when it names one, the policies define;
     * the others are counted in {@link #skipped}.
     */
    public AocTable restrictTo(Set<String> definedCodes) {
        List<AocEdit> kept = edits.stream()
                .filter(e -> definedCodes.contains(e.addOn()) && (e.contractorDefined() || definedCodes.contains(e.primary())))
                .toList();
        return new AocTable(fileName, kept, problems, deleted, notYetInForce, skipped + edits.size() - kept.size());
    }
}
