package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pplc.compiler.diag.Diagnostic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 18: a policy file that is not UTF-8 is reported at its first bad byte, not at 1:1. */
class EncodingTest {
    private static Diagnostic only(Path dir, byte[] bytes) throws Exception {
        Files.write(dir.resolve("bad.ppl"), bytes);
        Compilation c = PolicyCompiler.compileDirectory(dir);
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code().equals("encoding")).findFirst().orElseThrow(() -> new AssertionError(c.diagnosticsText()));
        return d;
    }

    private static byte[] join(String before, int... bad) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int x : bad) b.write(x);
        b.writeBytes("rest of the line\n}\n".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void theFirstBadByteIsNamedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Diagnostic d = only(dir, join("policy t {\n  title \"ab", 0xFF));
        assertEquals("bad.ppl:2:12", d.span().toString().replaceAll("^.*/", ""));
        assertEquals("policy file is not UTF-8 text: the byte 0xFF here starts no UTF-8 character", d.message());
        // columns count characters, not bytes; \r\n and a lone \r end lines as the lexer's do; a BOM is not a column
        assertEquals("bad.ppl:3:4", only(dir, join("\uFEFFa\r\nb\rééé", 0xC3, 0x28)).span().toString().replaceAll("^.*/", ""));
        assertEquals("bad.ppl:1:2", only(dir, join("\uFEFF\uD83D\uDE00", 0x80)).span().toString().replaceAll("^.*/", ""));
        // a sequence cut at the end of the file, and an encoded surrogate
        Files.write(dir.resolve("bad.ppl"), new byte[] {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82});
        assertEquals("bad.ppl:2:2", PolicyCompiler.compileDirectory(dir).diagnostics().get(0).span().toString().replaceAll("^.*/", ""));
        assertEquals("bad.ppl:1:4", only(dir, join("abc", 0xED, 0xA0, 0x80)).span().toString().replaceAll("^.*/", ""));
    }

    /** Generated: a bad byte put at a random place of a shipped-looking text is found where it was put. */
    @Test
    void aBadByteAnywhereIsFoundWhereItIs(@TempDir Path dir) throws Exception {
        String text = "policy t {\r\n  title \"Ünïcödé ☂ text\"\n\n  summary \"x\"\r  audit 96413 above 3 units\n}\n";
        Random random = new Random(18);
        for (int k = 0; k < 40; k++) {
            int cut = random.nextInt(text.length());
            if (Character.isLowSurrogate(text.charAt(cut))) cut--;
            String before = text.substring(0, cut);
            int line = 1, col = 1;
            for (int i = 0; i < before.length(); i++) {
                char c = before.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                    col = 1;
                } else if (c != '\r') {
                    col++;
                }
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(before.getBytes(StandardCharsets.UTF_8));
            b.write(0xFE);
            b.writeBytes(text.substring(cut).getBytes(StandardCharsets.UTF_8));
            Diagnostic d = only(dir, b.toByteArray());
            assertEquals(line + ":" + col, d.span().line() + ":" + d.span().column(), before);
        }
    }
}
