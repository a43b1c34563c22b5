package org.pplc.compiler.imports;

import org.pplc.runtime.model.MueSetting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A CMS MUE table as read: its entries sorted by code, and the rows that could not be imported.
 *
 * @param fileName the file's name (no directory), as the output cites it
 * @param skipped  entries left out because the policies do not define their code (see {@link #restrictTo})
 */
public record MueTable(String fileName, MueSetting setting, List<MueEntry> entries, List<RowProblem> problems,
                       int skipped) {
    public MueTable {
        List<MueEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(MueEntry::code));
        entries = List.copyOf(sorted);
        problems = List.copyOf(problems);
    }

    /** The table with only the codes the policies define; the others are counted in {@link #skipped}. */
    public MueTable restrictTo(Set<String> definedCodes) {
        List<MueEntry> kept = entries.stream().filter(e -> definedCodes.contains(e.code())).toList();
        return new MueTable(fileName, setting, kept, problems, skipped + entries.size() - kept.size());
    }
}
