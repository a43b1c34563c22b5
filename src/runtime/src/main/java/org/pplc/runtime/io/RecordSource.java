package org.pplc.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts the input into the text of one record at a time, so that memory stays bounded by one record
 * and a broken record does not take the rest of the input with it. It only finds where a record
 * ends (brackets and strings); Jackson parses each record.
 *
 * <p>Three shapes: a JSON array of records, NDJSON (one record a line: a broken line is skipped at
 * its newline), or records written one after another (a single, possibly pretty-printed, object).
 *
 * <p>NDJSON is cut as bytes: a line of ASCII goes to Jackson's UTF-8 parser as the bytes read,
 * with no decoding to characters and no second copy. A line with any other byte is decoded as the
 * character path would have decoded it (a malformed sequence becomes U+FFFD) and read as text,
 * and any input that does not start as plain NDJSON is read as characters throughout, so records,
 * line numbers, limits and messages are the same either way ({@code ByteLinesTest} compares).
 */
final class RecordSource {
    /**
     * The text of one record, or why it could not be cut out; {@code line} is the input line it
     * starts on. An NDJSON line is kept as the characters read, handed to Jackson as they are: the
     * String is made only when something asks for the text (an error message, the tree read).
     */
    static final class Raw {
        private final char[] chars;
        /** An ASCII line as read, at {@link #offset} (lines of one batch share an array), or null. */
        private final byte[] bytes;
        private final int offset;
        private final int length;
        private String text;
        private final String error;
        private final int line;

        Raw(String text, String error, int line) {
            this.chars = null;
            this.bytes = null;
            this.offset = 0;
            this.length = text.length();
            this.text = text;
            this.error = error;
            this.line = line;
        }

        private Raw(char[] chars, int length, int line) {
            this.chars = chars;
            this.bytes = null;
            this.offset = 0;
            this.length = length;
            this.error = null;
            this.line = line;
        }

        /** An ASCII line (the caller checked: every byte under 0x80). */
        Raw(byte[] bytes, int line) {
            this(bytes, 0, bytes.length, line);
        }

        /** An ASCII line held in bytes[offset, offset + length). */
        Raw(byte[] bytes, int offset, int length, int line) {
            this.chars = null;
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
            this.error = null;
            this.line = line;
        }

        String text() {
            if (text == null) text = bytes != null ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1) : new String(chars, 0, length);
            return text;
        }

        /** The array of an ASCII line (null for any other record), shared with the batch's other lines. */
        byte[] bytes() {
            return bytes;
        }

        int offset() {
            return offset;
        }

        /** Where the line ends in {@link #bytes()} (exclusive). */
        int end() {
            return offset + length;
        }

        String error() {
            return error;
        }

        int line() {
            return line;
        }

        JsonParser parser(JsonFactory factory) throws IOException {
            if (bytes != null) return factory.createParser(bytes, offset, length);
            return chars != null ? factory.createParser(chars, 0, length) : factory.createParser(text);
        }
    }

    private enum Shape { ARRAY, LINES, VALUES }

    private final InputStream stream;
    /** The characters of an input read as text; null while (and when) the input is cut as bytes. */
    private Reader in;
    private final boolean bytesAllowed;
    private final int maxChars;
    /** Grows only while the shape is decided (see {@link #peekNextLine}). */
    private char[] buf = new char[1 << 16];
    /** The NDJSON line being read; grows to the longest line seen (at most maxChars). */
    private char[] lineBuf = new char[4096];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;
    private Shape shape;
    private boolean done;

    // NDJSON as bytes
    private byte[] bytes = new byte[1 << 16];
    private int bpos;
    private int blimit;
    private boolean beof;
    private boolean byteLines;
    /** A line that does not lie whole in the byte buffer; grows to the longest such line seen. */
    private byte[] lineBytes = new byte[4096];
    /**
     * Where ASCII lines are copied, one after another with a newline between them: the lines of a
     * batch then lie in one array, and one parser reads them all ({@link RecordParser.Lines})
     * instead of one parser a line. A new array when the line does not fit; never written again
     * where a line was handed out, so a reader on another thread sees what was there.
     */
    private byte[] chunk = new byte[0];
    private int chunkUsed;
    private static final int CHUNK = 1 << 18;

    RecordSource(InputStream stream, int maxChars) {
        this(stream, maxChars, true);
    }

    /** {@code bytesAllowed} false reads every input as characters: the reference the byte path is tested against. */
    RecordSource(InputStream stream, int maxChars, boolean bytesAllowed) {
        this.stream = stream;
        this.maxChars = maxChars;
        this.bytesAllowed = bytesAllowed;
    }

    /** True once the input is known to be NDJSON cut as bytes (for tests). */
    boolean cutsBytes() {
        return byteLines;
    }

    void close() throws IOException {
        if (in != null) in.close();
        else stream.close();
    }

    /** The next record, or null at the end of the input. */
    Raw next() throws IOException {
        if (done) return null;
        if (shape == null) detect();
        if (done) return null;
        return switch (shape) {
            case LINES -> byteLines ? nextByteLine() : nextLine();
            case ARRAY -> nextElement();
            case VALUES -> nextValue();
        };
    }

    // ---- shape detection ----

    private void detect() throws IOException {
        if (bytesAllowed && detectByteLines()) {
            shape = Shape.LINES;
            byteLines = true;
            return;
        }
        // read as characters: what was looked at as bytes first, then the rest of the stream
        InputStream rest = blimit == 0 ? stream : new SequenceInputStream(new ByteArrayInputStream(bytes, 0, blimit), stream);
        in = new InputStreamReader(rest, StandardCharsets.UTF_8);
        bytes = null;
        lineBytes = null;
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
        String firstLine = peekLine();
        shape = firstLine == null || startsLines(firstLine, peekNextLine()) ? Shape.LINES : Shape.VALUES;
    }

    /**
     * Whether an input whose first line is {@code first} is NDJSON. It is when that line holds a
     * complete value, or is broken before its end. A line that stops inside a value (after a comma,
     * a colon, a bracket, inside a string) starts a wrapped or pretty-printed object, unless the
     * next non-blank line ({@code next}, null when there is none or it is too long to look at)
     * is a whole object by itself: no wrapped object goes on like that, so the first line is one
     * broken record and each later line its own (issue 18: a broken first line lost the batch).
     */
    private static boolean startsLines(String first, String next) {
        return RecordParser.completeOrBroken(first) || next != null && RecordParser.wholeObject(next);
    }

    /**
     * The first non-blank line after the current one, consuming nothing; null at the end of the
     * input or when it runs past the look-ahead (a record's limit plus the buffer).
     */
    private String peekNextLine() throws IOException {
        int at = 0; // offsets from pos, which compact() moves
        boolean pastFirst = false;
        int from = -1;
        while (true) {
            int p = pos + at;
            for (; p < limit; p++) {
                char c = buf[p];
                if (!pastFirst) {
                    if (c == '\n') pastFirst = true;
                } else if (from < 0) {
                    if (!Character.isWhitespace(c)) from = p - pos;
                } else if (c == '\n') {
                    return new String(buf, pos + from, p - pos - from);
                }
            }
            at = p - pos;
            if (eof) return from < 0 ? null : new String(buf, pos + from, limit - pos - from);
            compact();
            if (limit == buf.length) {
                if (buf.length >= maxChars + (1 << 17)) return null;
                buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxChars + (1 << 17)));
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
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

    // ---- NDJSON as bytes ----

    /**
     * True when the input starts as NDJSON in plain ASCII: leading whitespace (and byte order
     * marks), then a first line that holds a whole value or is broken. Consumes the leading
     * whitespace then, as {@link #skipWhitespace} would; otherwise consumes nothing, and the input
     * is read as characters from its first byte.
     */
    private boolean detectByteLines() throws IOException {
        int p = 0;
        int newlines = 0;
        while (true) {
            if (p >= blimit) {
                if (!fillBytes()) return false; // blank input: the character path ends it
                continue;
            }
            int b = bytes[p];
            if (b == '\n') {
                newlines++;
                p++;
            } else if (b >= 0 && Character.isWhitespace(b)) {
                p++;
            } else if (b == (byte) 0xEF) {
                // a byte order mark, U+FEFF, is skipped like whitespace
                while (blimit - p < 3 && fillBytes()) {
                }
                if (blimit - p < 3 || bytes[p + 1] != (byte) 0xBB || bytes[p + 2] != (byte) 0xBF) return false;
                p += 3;
            } else {
                break;
            }
        }
        if (bytes[p] == '[') return false;
        int start = p;
        int q = p;
        while (true) {
            while (q < blimit && bytes[q] != '\n') {
                if (bytes[q] < 0) return false;
                q++;
            }
            if (q < blimit || beof) break;
            if (!fillBytes() && !beof) return false; // a first line longer than the buffer: the character path decides
        }
        String first = new String(bytes, start, q - start, StandardCharsets.ISO_8859_1);
        if (!RecordParser.completeOrBroken(first)) {
            // the next line decides (startsLines); the character path looks at one that is not
            // plain ASCII or does not lie whole in the buffer
            int from = q;
            while (from < blimit && Character.isWhitespace(bytes[from])) from++;
            int to = from;
            while (true) {
                while (to < blimit && bytes[to] != '\n') {
                    if (bytes[to] < 0) return false;
                    to++;
                }
                if (to < blimit || beof) break;
                if (!fillBytes()) return false;
            }
            if (from >= blimit || !startsLines(first, new String(bytes, from, to - from, StandardCharsets.ISO_8859_1))) return false;
        }
        bpos = start;
        line += newlines;
        return true;
    }

    /** Reads more bytes after those held; false at the end of the input or when the buffer is full. */
    private boolean fillBytes() throws IOException {
        if (beof || blimit == bytes.length) return false;
        int r = stream.read(bytes, blimit, bytes.length - blimit);
        if (r < 0) {
            beof = true;
            return false;
        }
        blimit += r;
        return true;
    }

    /** Moves the unread bytes to the front and reads more; false at the end of the input. */
    private boolean refillBytes() throws IOException {
        if (beof) return false;
        if (bpos > 0) {
            System.arraycopy(bytes, bpos, bytes, 0, blimit - bpos);
            blimit -= bpos;
            bpos = 0;
        }
        return fillBytes() || blimit > bpos;
    }

    private Raw nextByteLine() throws IOException {
        while (true) {
            if (bpos >= blimit && !refillBytes()) {
                done = true;
                return null;
            }
            int startLine = line;
            // the usual line lies whole in the buffer: one copy out of it
            int nl = bpos;
            int high = 0;
            while (nl < blimit && bytes[nl] != '\n') high |= bytes[nl++];
            if (nl < blimit && nl - bpos <= maxChars) {
                int from = bpos;
                bpos = nl + 1;
                line++;
                Raw raw = high >= 0 ? asciiLine(bytes, from, nl, startLine) : textLine(bytes, from, nl - from, startLine);
                if (raw != null) return raw;
                continue;
            }
            // a line past the buffer's end or longer than the limit in bytes: gather it. A line of
            // at most maxChars characters has at most 3 bytes a character, so gathering stops there.
            long cap = 3L * maxChars + 3;
            int length = 0;
            boolean capped = false;
            while (true) {
                if (bpos >= blimit && !refillBytes()) break;
                int p = bpos;
                while (p < blimit && bytes[p] != '\n') p++;
                int run = (int) Math.max(0, Math.min(p - bpos, cap - length));
                if (run < p - bpos) capped = true;
                if (length + run > lineBytes.length) {
                    lineBytes = Arrays.copyOf(lineBytes, (int) Math.min(cap, Math.max(length + run, 2L * lineBytes.length)));
                }
                System.arraycopy(bytes, bpos, lineBytes, length, run);
                length += run;
                bpos = p;
                if (p < blimit) {
                    bpos++;
                    line++;
                    break;
                }
            }
            boolean ascii = true;
            for (int i = 0; i < length && ascii; i++) ascii = lineBytes[i] >= 0;
            if (ascii && !capped && length <= maxChars) {
                Raw raw = asciiLine(lineBytes, 0, length, startLine);
                if (raw != null) return raw;
                continue;
            }
            String text = new String(lineBytes, 0, length, StandardCharsets.UTF_8);
            if (capped || text.length() > maxChars) {
                return new Raw(text.substring(0, Math.min(text.length(), 200)), "record is longer than " + maxChars + " characters", startLine);
            }
            Raw raw = textLine(lineBytes, 0, length, startLine);
            if (raw != null) return raw;
        }
    }

    /** The ASCII line b[from, to) copied into the chunk, or null when it is blank. */
    private Raw asciiLine(byte[] b, int from, int to, int at) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(b[i])) {
                int length = to - from;
                if (chunkUsed + length + 1 > chunk.length) {
                    chunk = new byte[Math.max(CHUNK, length + 1)];
                    chunkUsed = 0;
                }
                int offset = chunkUsed;
                System.arraycopy(b, from, chunk, offset, length);
                chunk[offset + length] = '\n';
                chunkUsed = offset + length + 1;
                return new Raw(chunk, offset, length, at);
            }
        }
        return null;
    }

    /** A line with other bytes, decoded as the character path decodes it; null when blank. */
    private static Raw textLine(byte[] b, int from, int length, int at) {
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) return new Raw(text, null, at);
        }
        return null;
    }

    // ---- a JSON array ----

    private Raw nextElement() throws IOException {
        skipWhitespace();
        int c = peek();
        if (c < 0) return unclosedArray();
        if (c == ']') {
            take();
            done = true;
            return null;
        }
        if (c == ',') {
            take();
            skipWhitespace();
            c = peek();
            if (c < 0) return unclosedArray();
            if (c == ']') {
                take();
                done = true;
                return null;
            }
            if (c == ',') return new Raw("", "empty array element", line);
        }
        return cut(true);
    }

    /** The input ended where the array needs an element or its closing bracket: one error record. */
    private Raw unclosedArray() {
        done = true;
        return new Raw("", "the array is not closed: the input ends before its closing ]", line);
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
                if (depth > 0 || inString) {
                    done = true;
                    return new Raw(b.toString(), "input ends inside this record (an unclosed bracket or string)", startLine);
                }
                if (!inArray) done = true; // in an array, nextElement reports the missing bracket
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
            if (!append(b, c)) {
                tooLong = true;
                if (!inArray) {
                    // a value that never closes (a broken first line taken for a wrapped object)
                    // ends at the limit; the next record starts on the next line
                    while ((c = take()) >= 0 && c != '\n') {
                    }
                    break;
                }
            }
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
