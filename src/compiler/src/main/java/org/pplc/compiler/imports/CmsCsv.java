package org.pplc.compiler.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a CSV file as CMS publishes it: a byte-order mark perhaps, a preamble of copyright lines,
 * then a header row, then the data. The preamble is free text (it may hold commas and stray
 * quotes), so the header is looked for line by line and only the text from it on is parsed as CSV.
 */
final class CmsCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .build();

    /** A data record and the 1-based line of the file where it starts. */
    record Row(long line, CSVRecord record) {
        String cell(int column) {
            return column < record.size() ? record.get(column).strip() : "";
        }

        boolean blank() {
            for (String v : record) if (!v.isBlank()) return false;
            return true;
        }
    }

    /** The header found (as the caller's matcher described it), its line, the data rows, and any CSV-level problem. */
    record Parsed<H>(H header, long headerLine, List<Row> rows, List<RowProblem> problems) {
    }

    private CmsCsv() {
    }

    /** Header cells as the matchers compare them: lower case, letters and digits only. */
    static String normalize(String cell) {
        StringBuilder b = new StringBuilder();
        for (char c : cell.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) b.append(c);
        }
        return b.toString();
    }

    /**
     * Reads the file and splits it at the first line the matcher recognises as the header.
     *
     * @param displayName the file name used in messages
     * @param header      takes a line's normalized cells; returns the header description when they are the header
     * @param expected    what the header should hold, for the refusal message
     */
    static <H> Parsed<H> read(Path file, String displayName, Function<List<String>, Optional<H>> header, String expected)
            throws ImportException {
        String text = decode(file, displayName);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);

        // Find the header line by line; a preamble line that is not valid CSV simply is not the header.
        int offset = 0;
        long line = 1;
        while (offset < text.length()) {
            int end = text.indexOf('\n', offset);
            int next = end < 0 ? text.length() : end + 1;
            String physical = text.substring(offset, end < 0 ? text.length() : end);
            Optional<H> h = cells(physical).flatMap(header);
            if (h.isPresent()) {
                return parseData(text.substring(next), line + 1, h.get(), line, displayName);
            }
            offset = next;
            line++;
        }
        throw new ImportException(displayName + ": error: no header row found; expected a row with the columns " + expected
                + " (is this the right CMS file?)");
    }

    private static Optional<List<String>> cells(String physicalLine) {
        try (CSVParser p = CSVParser.parse(physicalLine, FORMAT)) {
            List<String> out = new ArrayList<>();
            for (CSVRecord r : p) {
                for (String v : r) out.add(normalize(v));
                return Optional.of(out);
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static <H> Parsed<H> parseData(String data, long firstLine, H header, long headerLine, String displayName) {
        long[] lineStarts = lineStarts(data);
        List<Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int from = 0; // where the parser starts: the data's start, or the line after a stray quote's
        while (from < data.length()) {
            int resume = -1;
            try (CSVParser p = CSVParser.parse(new StringReader(data.substring(from)), FORMAT)) {
                var it = p.iterator();
                long nextLine = 0; // lines the parser has consumed: the next record starts on or after it
                while (true) {
                    CSVRecord r;
                    try {
                        if (!it.hasNext()) break;
                        r = it.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        // A quote that opens a field and never closes: Commons CSV reads to the end of the
                        // file and fails there. Only the row where the quote opened is lost; the rows after
                        // it are read again from the next line (issue 18: they were all lost).
                        int recordStart = (int) firstNonBreak(data, lineStarts[(int) Math.min(lineStarts.length - 1,
                                lineIndex(lineStarts, from) + nextLine)]);
                        int quote = unclosedQuote(data, recordStart);
                        int quoteLine = (int) lineIndex(lineStarts, quote);
                        problems.add(new RowProblem(displayName, firstLine + quoteLine, "a quoted field opened on this row is"
                                + " not closed before the end of the file; the row is left out and reading goes on with the next row"));
                        resume = quoteLine + 1 < lineStarts.length ? (int) lineStarts[quoteLine + 1] : data.length();
                        break;
                    }
                    long start = firstNonBreak(data, from + r.getCharacterPosition());
                    rows.add(new Row(firstLine + lineIndex(lineStarts, start), r));
                    nextLine = p.getCurrentLineNumber();
                }
            } catch (IOException e) {
                problems.add(new RowProblem(displayName, firstLine, "could not read the file: " + e.getMessage()));
            }
            if (resume < 0) break;
            from = resume;
        }
        return new Parsed<>(header, headerLine, List.copyOf(rows), List.copyOf(problems));
    }

    /**
     * Where the quote that is never closed opens, in the record starting at {@code start}: fields
     * are read as {@link #FORMAT} reads them (a quote opens a field only at its start, after spaces;
     * {@code ""} inside is a quote). The record's own start when no such quote is found.
     */
    private static int unclosedQuote(String data, int start) {
        boolean fieldStart = true;
        int open = -1;
        for (int i = start; i < data.length(); i++) {
            char c = data.charAt(i);
            if (open >= 0) {
                if (c == '"') {
                    if (i + 1 < data.length() && data.charAt(i + 1) == '"') i++;
                    else open = -1;
                }
            } else if (fieldStart && c == '"') {
                open = i;
            } else if (c == ',' || c == '\n' || c == '\r') {
                fieldStart = true;
            } else if (c != ' ' && c != '\t') {
                fieldStart = false;
            }
        }
        return open >= 0 ? open : start;
    }

    // The parser reports where it started looking, which may be at skipped blank lines before the record.
    private static long firstNonBreak(String data, long pos) {
        int i = (int) pos;
        while (i < data.length() && (data.charAt(i) == '\n' || data.charAt(i) == '\r')) i++;
        return i;
    }

    private static long[] lineStarts(String data) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < data.length(); i++) if (data.charAt(i) == '\n') starts.add(i + 1);
        long[] out = new long[starts.size()];
        for (int i = 0; i < out.length; i++) out[i] = starts.get(i);
        return out;
    }

    private static long lineIndex(long[] starts, long pos) {
        int i = java.util.Arrays.binarySearch(starts, pos);
        return i >= 0 ? i : -i - 2;
    }

    // CMS files are usually UTF-8 or ASCII; older ones come from Excel in Windows-1252.
    private static String decode(Path file, String displayName) throws ImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImportException(displayName + ": error: no such file");
        } catch (IOException e) {
            throw new ImportException(displayName + ": error: cannot read the file (" + e.getMessage() + ")");
        }
        String utf16 = utf16(bytes);
        if (utf16 != null) {
            throw new ImportException(displayName + ": error: the file is " + utf16
                    + " text; save it as CSV UTF-8 (or plain CSV) and import it again");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            Charset legacy = Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
            return new String(bytes, legacy);
        }
    }

    /**
     * "UTF-16 little-endian" or "UTF-16 big-endian" when the bytes are UTF-16 (what Excel writes as
     * "Unicode text"): a byte-order mark FF FE or FE FF, or NUL bytes among the first ones, which
     * no CSV in UTF-8 or Windows-1252 has. Null otherwise. Read as Windows-1252 such a file was
     * garbage and ended in "no header row found".
     */
    static String utf16(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) return "UTF-16 little-endian";
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) return "UTF-16 big-endian";
        int even = 0, odd = 0;
        for (int i = 0; i < Math.min(bytes.length, 512); i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) even++;
                else odd++;
            }
        }
        if (even + odd == 0) return null;
        return odd >= even ? "UTF-16 little-endian" : "UTF-16 big-endian";
    }
}
