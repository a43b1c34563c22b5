package org.pplc.compiler;

import org.pplc.compiler.diag.Span;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A policy file's bytes as UTF-8 text, or where they stop being UTF-8: the line and column of the
 * first bad byte, counted as the lexer counts them (code points; a line ends at \n, \r\n or a
 * lone \r), so the author is sent to the byte to fix rather than to 1:1 (issue 18).
 */
public sealed interface PolicyBytes {
    /** The text, its byte-order mark removed. */
    record Text(String text) implements PolicyBytes {
    }

    /** The first byte that is not UTF-8, at its line and column. */
    record NotUtf8(int line, int column, int badByte) implements PolicyBytes {
        public Span span(String file) {
            return new Span(file, line, column, line, column);
        }

        public String message() {
            return String.format(Locale.ROOT, "policy file is not UTF-8 text: the byte 0x%02X here starts no UTF-8 character", badByte);
        }
    }

    static PolicyBytes decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1); // UTF-8 never gives more chars than bytes
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (r.isError()) return at(text, bytes[in.position()] & 0xFF);
        return new Text(!text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text);
    }

    /** Where the decoding stopped: after {@code good}, the text before the bad byte. */
    private static NotUtf8 at(String good, int badByte) {
        int from = !good.isEmpty() && good.charAt(0) == '\uFEFF' ? 1 : 0;
        int line = 1;
        int lineStart = from;
        for (int i = from; i < good.length(); i++) {
            char c = good.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= good.length() || good.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new NotUtf8(line, good.codePointCount(lineStart, good.length()) + 1, badByte);
    }
}
