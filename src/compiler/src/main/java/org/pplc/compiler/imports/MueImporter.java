package org.pplc.compiler.imports;

import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.MueSetting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CMS MUE table (practitioner services or outpatient hospital services) as CMS publishes
 * it in CSV. Bad rows are reported with their row and left out; the rest is imported.
 */
public final class MueImporter {
    /** The indicator is text led by its digit: "3 Date of Service Edit: Clinical". */
    private static final Pattern INDICATOR = Pattern.compile("([0-9]+)(?![0-9]).*", Pattern.DOTALL);
    private static final String EXPECTED = "'HCPCS/CPT Code', 'Practitioner Services MUE Values' or "
            + "'Outpatient Hospital Services MUE Values', 'MUE Adjudication Indicator'";

    /** Where the header put each column; rationale is -1 when the file has none. */
    private record Header(int code, int value, String valueName, int indicator, int rationale) {
    }

    private MueImporter() {
    }

    /**
     * Reads the table of one setting.
     *
     * @param displayName the file as named in messages (usually the path the user gave)
     * @throws ImportException when the file cannot be read, has no MUE header, or is the other setting's table
     */
    public static MueTable read(Path file, String displayName, MueSetting setting) throws ImportException {
        CmsCsv.Parsed<Header> parsed = CmsCsv.read(file, displayName, MueImporter::header, EXPECTED);
        Header h = parsed.header();
        MueSetting tableSetting = settingOf(h.valueName());
        if (tableSetting == null) {
            throw new ImportException(displayName + ":" + parsed.headerLine() + ": error: this MUE table is neither the "
                    + "practitioner nor the outpatient hospital table (its value column is '" + h.valueName() + "')");
        }
        if (tableSetting != setting) {
            throw new ImportException(displayName + ":" + parsed.headerLine() + ": error: this is the "
                    + tableSetting.id() + " MUE table, not the " + setting.id() + " one; run with --setting " + tableSetting.id());
        }

        List<RowProblem> problems = new ArrayList<>();
        List<MueEntry> entries = new ArrayList<>();
        Map<String, Long> firstRow = new HashMap<>();
        int needed = Math.max(h.code(), Math.max(h.value(), h.indicator())) + 1;
        for (CmsCsv.Row row : parsed.rows()) {
            if (row.blank()) continue;
            if (row.record().size() < needed) {
                problems.add(problem(displayName, row, "the row has " + row.record().size() + " fields; the header has " + needed
                        + " or more"));
                continue;
            }
            String rawCode = row.cell(h.code());
            String code = HcpcsCode.normalize(rawCode);
            if (code == null) {
                problems.add(problem(displayName, row, "'" + rawCode + "' is not a CPT or HCPCS code (five characters, e.g. 96417, J9312, 0001U)"));
                continue;
            }
            String rawValue = row.cell(h.value());
            Integer cap = units(rawValue);
            if (cap == null) {
                problems.add(problem(displayName, row, "the MUE value '" + rawValue + "' of " + code
                        + " is not a whole number of units"));
                continue;
            }
            String rawIndicator = row.cell(h.indicator());
            Mai mai = indicator(rawIndicator);
            if (mai == null) {
                problems.add(problem(displayName, row, "the adjudication indicator '" + rawIndicator + "' of " + code
                        + " does not start with 1 (line), 2 (date of service, policy) or 3 (date of service, clinical)"));
                continue;
            }
            Long earlier = firstRow.putIfAbsent(code, row.line());
            if (earlier != null) {
                problems.add(problem(displayName, row, code + " is listed again (first on row " + earlier + "); this row is left out"));
                continue;
            }
            String rationale = h.rationale() < 0 ? "" : row.cell(h.rationale()).replaceAll("\\s+", " ");
            entries.add(new MueEntry(code, cap, mai, rationale, row.line()));
        }
        problems.addAll(parsed.problems());
        return new MueTable(Path.of(displayName).getFileName().toString(), setting, entries, problems, 0);
    }

    private static RowProblem problem(String file, CmsCsv.Row row, String message) {
        return new RowProblem(file, row.line(), message);
    }

    private static Optional<Header> header(List<String> cells) {
        int code = -1, value = -1, indicator = -1, rationale = -1;
        String valueName = null;
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (code < 0 && (c.equals("hcpcscptcode") || c.equals("cpthcpcscode") || c.equals("hcpcscode"))) code = i;
            else if (value < 0 && (c.endsWith("muevalues") || c.endsWith("muevalue"))) {
                value = i;
                valueName = c;
            } else if (indicator < 0 && c.contains("adjudicationindicator")) indicator = i;
            else if (rationale < 0 && c.contains("rationale")) rationale = i;
        }
        if (code < 0 || value < 0 || indicator < 0) return Optional.empty();
        return Optional.of(new Header(code, value, valueName, indicator, rationale));
    }

    private static MueSetting settingOf(String valueColumn) {
        if (valueColumn.startsWith("practitioner")) return MueSetting.PRACTITIONER;
        if (valueColumn.startsWith("outpatienthospital") || valueColumn.startsWith("facility")) return MueSetting.OUTPATIENT;
        return null;
    }

    private static Integer units(String text) {
        if (!text.matches("[0-9]{1,9}")) return null;
        return Integer.parseInt(text);
    }

    static Mai indicator(String text) {
        Matcher m = INDICATOR.matcher(text.strip());
        if (!m.matches()) return null;
        String digits = m.group(1);
        return digits.length() == 1 ? Mai.fromDigit(digits.charAt(0) - '0') : null;
    }
}
