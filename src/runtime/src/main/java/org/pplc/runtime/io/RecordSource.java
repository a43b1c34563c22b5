package org.pplc.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Cuts the input into the text of one record at a time, so that memory stays bounded by one record
 * and a broken record does not take the rest of the input with it. It only finds where a record
 * ends (brackets and strings); Jackson parses each record.
 *
 * <p>Three shapes: a JSON array of records, NDJSON (one record a line: a broken line is skipped at
 * its newline), or records written one after another (a single, possibly pretty-printed, object).
 */
final class RecordSource {
    /**
     * The text of one record, or why it could not be cut out; {@code line} is the input line it
     * starts on. An NDJSON line is kept as the characters read, handed to Jackson as they are: the
     * String is made only when something asks for the text (an error message, the tree read).
     */
    static final class Raw {
        private final char[] chars;
        private final int length;
        private String text;
        private final String error;
        private final int line;

        Raw(String text, String error, int line) {
            this.chars = null;
            this.length = text.length();
            this.text = text;
            this.error = error;
            this.line = line;
        }

        private Raw(char[] chars, int length, int line) {
            this.chars = chars;
            this.length = length;
            this.error = null;
            this.line = line;
        }

        String text() {
            if (text == null) text = new String(chars, 0, length);
            return text;
        }

        String error() {
            return error;
        }

        int line() {
            return line;
        }

        JsonParser parser(JsonFactory factory) throws IOException {
            return chars != null ? factory.createParser(chars, 0, length) : factory.createParser(text);
        }
    }

    private enum Shape { ARRAY, LINES, VALUES }

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    /** The NDJSON line being read; grows to the longest line seen (at most maxChars). */
    private char[] lineBuf = new char[4096];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;
    private Shape shape;
    private boolean done;

    RecordSource(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next record, or null at the end of the input. */
    Raw next() throws IOException {
        if (done) return null;
        if (shape == null) detect();
        if (done) return null;
        return switch (shape) {
            case LINES -> nextLine();
            case ARRAY -> nextElement();
            case VALUES -> nextValue();
        };
    }

    // ---- shape detection ----

    private void detect() throws IOException {
        skipWhitespace();
        int c = peek();
        if (c < 0) {
            done = true;
            return;
        }
        if (c == '[') {
            take();
            shape = Shape.ARRAY;
            return;
        }
        // NDJSON when the first line holds a complete value (or is broken before its end);
        // a value that runs on past the first line is a (pretty-printed) document.
        String firstLine = peekLine();
        shape = firstLine == null || RecordParser.completeOrBroken(firstLine) ? Shape.LINES : Shape.VALUES;
    }

    /** The rest of the current line without consuming it, or null when it does not fit the buffer. */
    private String peekLine() throws IOException {
        while (true) {
            for (int p = pos; p < limit; p++) {
                if (buf[p] == '\n') return new String(buf, pos, p - pos);
            }
            if (eof) return new String(buf, pos, limit - pos);
            compact();
            if (limit == buf.length) return null; // a first line longer than the buffer: one record a line
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
    }

    // ---- NDJSON ----

    private Raw nextLine() throws IOException {
        while (true) {
            int c = peek();
            if (c < 0) {
                done = true;
                return null;
            }
            int startLine = line;
            // the usual line lies whole in the buffer: one copy out of it
            int nl = pos;
            while (nl < limit && buf[nl] != '\n') nl++;
            if (nl < limit && nl - pos <= maxChars) {
                int from = pos;
                pos = nl + 1;
                line++;
                if (!blank(buf, from, nl)) return new Raw(Arrays.copyOfRange(buf, from, nl), nl - from, startLine);
                continue;
            }
            int length = 0;
            boolean tooLong = false;
            // copy runs of the buffer up to the newline at once, not char by char
            while (true) {
                if (pos >= limit && !fill()) break;
                int p = pos;
                while (p < limit && buf[p] != '\n') p++;
                int room = maxChars - length;
                int run = p - pos;
                if (run > room) {
                    run = Math.max(0, room);
                    tooLong = true;
                }
                if (length + run > lineBuf.length) {
                    lineBuf = Arrays.copyOf(lineBuf, Math.min(maxChars, Math.max(length + run, 2 * lineBuf.length)));
                }
                System.arraycopy(buf, pos, lineBuf, length, run);
                length += run;
                pos = p;
                if (p < limit) {
                    pos++;
                    line++;
                    break;
                }
            }
            if (tooLong) {
                return new Raw(new String(lineBuf, 0, Math.min(length, 200)), "record is longer than " + maxChars + " characters", startLine);
            }
            if (!blank(lineBuf, 0, length)) return new Raw(Arrays.copyOf(lineBuf, length), length, startLine);
        }
    }

    /** As String.isBlank, on the characters chars[from, to). */
    private static boolean blank(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(chars[i])) return false;
        }
        return true;
    }

    // ---- a JSON array ----

    private Raw nextElement() throws IOException {
        skipWhitespace();
        int c = peek();
        if (c < 0) {
            done = true;
            return null;
        }
        if (c == ']') {
            take();
            done = true;
            return null;
        }
        if (c == ',') {
            take();
            skipWhitespace();
            c = peek();
            if (c == ']' || c < 0) {
                take();
                done = true;
                return null;
            }
            if (c == ',') return new Raw("", "empty array element", line);
        }
        return cut(true);
    }

    // ---- values one after another ----

    private Raw nextValue() throws IOException {
        skipWhitespace();
        if (peek() < 0) {
            done = true;
            return null;
        }
        return cut(false);
    }

    /**
     * Reads one value. In an array, it ends at a comma or the closing bracket at depth 0; outside,
     * at the bracket that closes it (or whitespace, for a bare scalar).
     */
    private Raw cut(boolean inArray) throws IOException {
        int startLine = line;
        StringBuilder b = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        boolean tooLong = false;
        while (true) {
            int c = peek();
            if (c < 0) {
                done = true;
                if (depth > 0 || inString) {
                    return new Raw(b.toString(), "input ends inside this record (an unclosed bracket or string)", startLine);
                }
                break;
            }
            if (inString) {
                take();
                if (escape) escape = false;
                else if (c == '\\') escape = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                take();
                inString = true;
            } else if (c == '{' || c == '[') {
                take();
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0 && inArray && c == ']') {
                    break; // the array's own closing bracket: leave it for nextElement
                }
                take();
                depth--;
                if (depth <= 0 && !inArray) {
                    append(b, c);
                    break;
                }
            } else if (depth == 0 && (inArray ? c == ',' : Character.isWhitespace(c))) {
                break; // leave the comma for nextElement
            } else {
                take();
            }
            if (!append(b, c)) tooLong = true;
        }
        if (tooLong) return new Raw(b.substring(0, 200), "record is longer than " + maxChars + " characters", startLine);
        return new Raw(b.toString(), null, startLine);
    }

    private boolean append(StringBuilder b, int c) {
        if (b.length() >= maxChars) return false;
        b.append((char) c);
        return true;
    }

    // ---- characters ----

    private void skipWhitespace() throws IOException {
        int c;
        while ((c = peek()) >= 0 && (Character.isWhitespace(c) || c == '\uFEFF')) take();
    }

    private int peek() throws IOException {
        if (pos >= limit && !fill()) return -1;
        return buf[pos];
    }

    private int take() throws IOException {
        if (pos >= limit && !fill()) return -1;
        char c = buf[pos++];
        if (c == '\n') line++;
        return c;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        compact();
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
            return false;
        }
        limit += r;
        return true;
    }
}
