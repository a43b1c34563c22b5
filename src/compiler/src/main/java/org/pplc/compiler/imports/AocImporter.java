package org.pplc.compiler.imports;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the CMS add-on code (AOC) edit file in CSV: add-on code, primary code ({@code CCCCC} when
 * the contractor defines the primaries), edit type, Julian (YYYYDDD) effective and deletion dates
 * of the pair (and of either code), special instructions. Deleted edits are left out.
 */
public final class AocImporter {
    /** CMS's placeholder for "the contractor defines the primary codes". */
    public static final String CONTRACTOR_DEFINED = "CCCCC";
    private static final String EXPECTED = "'Add-on Code', 'Primary Code', 'AOC Edit Type'";

    private record Header(int addOn, int primary, int editType, List<Integer> effective, List<Integer> deletion, int notes) {
    }

    private AocImporter() {
    }

    /**
     * Reads the edits in force on a date.
     *
     * @param asOf the import date: an edit whose deletion date is on or before it is deleted, one whose
     *             effective date is after it is not yet in force. Null: every edit with a deletion date is
     *             left out, and effective dates are not checked.
     */
    public static AocTable read(Path file, String displayName, LocalDate asOf) throws ImportException {
        CmsCsv.Parsed<Header> parsed = CmsCsv.read(file, displayName, AocImporter::header, EXPECTED);
        Header h = parsed.header();
        List<RowProblem> problems = new ArrayList<>();
        List<AocEdit> edits = new ArrayList<>();
        Map<String, Long> firstRow = new HashMap<>();
        int deleted = 0, notYet = 0;
        int needed = Math.max(h.addOn(), Math.max(h.primary(), h.editType())) + 1;
        rows:
        for (CmsCsv.Row row : parsed.rows()) {
            if (row.blank()) continue;
            if (row.record().size() < needed) {
                problems.add(new RowProblem(displayName, row.line(), "the row has " + row.record().size()
                        + " fields; the header has " + needed + " or more"));
                continue;
            }
            String rawAddOn = row.cell(h.addOn());
            String addOn = HcpcsCode.normalize(rawAddOn);
            if (addOn == null) {
                problems.add(new RowProblem(displayName, row.line(), "add-on code '" + rawAddOn + "' is not a CPT or HCPCS code"));
                continue;
            }
            String rawPrimary = row.cell(h.primary());
            String primary = rawPrimary.equalsIgnoreCase(CONTRACTOR_DEFINED) ? null : HcpcsCode.normalize(rawPrimary);
            if (primary == null && !rawPrimary.equalsIgnoreCase(CONTRACTOR_DEFINED)) {
                problems.add(new RowProblem(displayName, row.line(), "primary code '" + rawPrimary + "' of add-on " + addOn
                        + " is not a CPT or HCPCS code (or CCCCC for contractor-defined primaries)"));
                continue;
            }
            String rawType = row.cell(h.editType());
            int type = rawType.matches("[123](?![0-9]).*") ? rawType.charAt(0) - '0' : 0;
            if (type == 0) {
                problems.add(new RowProblem(displayName, row.line(), "edit type '" + rawType + "' of add-on " + addOn
                        + " is not 1, 2 or 3"));
                continue;
            }
            LocalDate effective = null;
            for (int col : h.effective()) {
                LocalDate d;
                try {
                    d = date(row.cell(col));
                } catch (IllegalArgumentException e) {
                    problems.add(new RowProblem(displayName, row.line(), "effective date " + e.getMessage()));
                    continue rows;
                }
                if (d != null && (effective == null || d.isAfter(effective))) effective = d;
            }
            LocalDate deletion = null;
            for (int col : h.deletion()) {
                LocalDate d;
                try {
                    d = date(row.cell(col));
                } catch (IllegalArgumentException e) {
                    problems.add(new RowProblem(displayName, row.line(), "deletion date " + e.getMessage()));
                    continue rows;
                }
                if (d != null && (deletion == null || d.isBefore(deletion))) deletion = d;
            }
            // A deletion date is the first day the edit no longer applies.
            if (deletion != null && (asOf == null || !deletion.isAfter(asOf))) {
                deleted++;
                continue;
            }
            if (asOf != null && effective != null && effective.isAfter(asOf)) {
                notYet++;
                continue;
            }
            String key = addOn + "/" + (primary == null ? CONTRACTOR_DEFINED : primary);
            Long earlier = firstRow.putIfAbsent(key, row.line());
            if (earlier != null) {
                problems.add(new RowProblem(displayName, row.line(), "the pair " + addOn + " with "
                        + (primary == null ? CONTRACTOR_DEFINED : primary) + " is listed again (first on row " + earlier
                        + "); this row is left out"));
                continue;
            }
            String notes = h.notes() < 0 ? "" : row.cell(h.notes()).replaceAll("\\s+", " ");
            edits.add(new AocEdit(addOn, primary, type, effective, notes, row.line()));
        }
        problems.addAll(parsed.problems());
        return new AocTable(Path.of(displayName).getFileName().toString(), edits, problems, deleted, notYet, 0);
    }

    /** A Julian date, or null when the cell is empty or CMS's "no date" mark. */
    private static LocalDate date(String cell) {
        if (cell.isEmpty() || cell.equals("*")) return null;
        return JulianDate.parse(cell);
    }

    private static Optional<Header> header(List<String> cells) {
        int addOn = -1, primary = -1, type = -1, notes = -1;
        List<Integer> effective = new ArrayList<>(), deletion = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (c.contains("date")) {
                if (c.contains("delet") || c.contains("termination")) deletion.add(i);
                else if (c.contains("effective")) effective.add(i);
            } else if (c.contains("edittype") || c.equals("type")) {
                if (type < 0) type = i;
            } else if (c.contains("primary") && c.contains("code")) {
                if (primary < 0) primary = i;
            } else if ((c.contains("addon") && c.contains("code")) || c.equals("aoc")) {
                if (addOn < 0) addOn = i;
            } else if (c.contains("special") || c.contains("instruction") || c.contains("notes")) {
                if (notes < 0) notes = i;
            }
        }
        if (addOn < 0 || primary < 0 || type < 0) return Optional.empty();
        return Optional.of(new Header(addOn, primary, type, List.copyOf(effective), List.copyOf(deletion), notes));
    }
}
