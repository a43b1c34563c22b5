package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.pplc.compiler.syntax.antlr.PolicyLexer;

import java.util.Arrays;

/**
 * A quick scanner for the common case of policy text: the tokens the generated {@link PolicyLexer}
 * gives, for text made of the language's own characters. grammar/PolicyLexer.g4 stays the
 * definition of the language; this class only repeats it faster (the ANTLR lexer's ATN simulation
 * costs ~12 ns a character, this ~4 with the token objects) and must give the same tokens, type,
 * text, start and stop index, line, column and channel, token for token ({@code QuickPathTest}
 * compares the two on the shipped policies, the diagnostics cases, the fuzz corpus and random
 * mutations of them; CompileStages on the benchmark corpus).
 *
 * <p>It declines (returns null) on anything it is not sure of: a character the language does not
 * use (the lexer's UNKNOWN_CHAR), a text without its closing quote, an escape before a line end,
 * a surrogate pair (ANTLR counts columns in code points), or more tokens than {@link
 * Parsing#MAX_TOKENS}. The caller then lexes with the generated lexer, whose tokens feed the
 * error messages.
 *
 * <p>Spaces, line ends and comments are counted (the token limit counts them) but not kept unless
 * asked for: the compiler does not need them; the formatter, which does, uses the generated lexer.
 */
final class FastScanner {
    /** Keyword texts by type, from the generated vocabulary so that a new keyword needs no change here. */
    private static final String[] KEYWORDS;
    private static final int[] KEYWORD_TYPES;
    private static final char[][] KEYWORD_CHARS;
    private static final int[] KEYWORD_HASHES;
    private static final int TABLE_MASK;

    static {
        int size = 256;
        String[] words = new String[size];
        int[] types = new int[size];
        for (int t = 1; t <= PolicyLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = PolicyLexer.VOCABULARY.getLiteralName(t);
            if (lit == null) continue;
            String w = lit.substring(1, lit.length() - 1);
            if (w.isEmpty() || !isWordStart(w.charAt(0))) continue;
            int slot = w.hashCode() & (size - 1);
            while (words[slot] != null) slot = (slot + 1) & (size - 1);
            words[slot] = w;
            types[slot] = t;
        }
        KEYWORDS = words;
        KEYWORD_TYPES = types;
        KEYWORD_CHARS = new char[size][];
        KEYWORD_HASHES = new int[size];
        for (int k = 0; k < size; k++) {
            if (words[k] == null) continue;
            KEYWORD_CHARS[k] = words[k].toCharArray();
            KEYWORD_HASHES[k] = words[k].hashCode();
        }
        TABLE_MASK = size - 1;
    }

    /** The tokens of one text: kept tokens in order, then EOF. */
    static final class Tokens {
        final Tok[] tokens;
        final int size;

        Tokens(Tok[] tokens, int size) {
            this.tokens = tokens;
            this.size = size;
        }
    }

    private final String text;
    private final boolean keepTrivia;
    private final int maxTokens;
    private Tok[] tokens;
    private int size;

    private FastScanner(String text, boolean keepTrivia, int maxTokens) {
        this.text = text;
        this.keepTrivia = keepTrivia;
        this.maxTokens = maxTokens;
        // Policy text averages about six characters a token, spaces included.
        int guess = 16 + (keepTrivia ? text.length() / 2 : text.length() / 6);
        this.tokens = new Tok[guess];
    }

    /** The text's tokens without spaces, line ends and comments; null where the generated lexer must do it. */
    static Tokens scan(String text) {
        return new FastScanner(text, false, Parsing.MAX_TOKENS).run();
    }

    /** Every token, spaces and comments included (hidden channel), as the generated lexer gives them; for tests. */
    static Tokens scanAll(String text, int maxTokens) {
        return new FastScanner(text, true, maxTokens).run();
    }

    /** Up to this many chars, the text is copied into the thread's reused buffer (kept in cache from file to file). */
    private static final int BUFFER_CHARS = 1 << 16;
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[BUFFER_CHARS]);

    private static char[] buffer(int n) {
        return n <= BUFFER_CHARS ? BUFFER.get() : new char[n];
    }

    private Tokens run() {
        // One copy into a char array: indexing it is cheaper than String.charAt on every character.
        final int n = text.length();
        final char[] s = buffer(n);
        text.getChars(0, n, s, 0);
        int i = 0;
        int line = 1;
        int lineStart = 0;
        int count = 0;
        while (i < n) {
            char c = s[i];
            int start = i;
            int type;
            boolean hidden = false;
            boolean newline = false;
            if (c == ' ' || c == '\t' || c == '\f') {
                do i++; while (i < n && ((c = s[i]) == ' ' || c == '\t' || c == '\f'));
                type = PolicyLexer.WS;
                hidden = true;
            } else if (c == '\n') {
                i++;
                type = PolicyLexer.NEWLINE;
                hidden = true;
                newline = true;
            } else if (c == '\r') {
                // The lexer counts a line only at '\n': a lone '\r' is a line end token on the same line.
                i++;
                newline = i < n && s[i] == '\n';
                if (newline) i++;
                type = PolicyLexer.NEWLINE;
                hidden = true;
            } else if (isWordStart(c)) {
                int end = i + 1;
                int hash = c; // String.hashCode of the word, for the keyword table
                char ch;
                while (end < n && isWordChar(ch = s[end])) {
                    hash = 31 * hash + ch;
                    end++;
                }
                if (c <= '9') {
                    int digitsEnd = i + 1;
                    while (digitsEnd < n && isDigit(s[digitsEnd])) digitsEnd++;
                    if (end - i == 10 && isDate(s, i)) {
                        type = PolicyLexer.DATE;
                    } else if (digitsEnd + 1 < n && s[digitsEnd] == '.' && isDigit(s[digitsEnd + 1])) {
                        end = digitsEnd + 2; // DECIMAL is longer than any WORD here: '.' ends a word
                        while (end < n && isDigit(s[end])) end++;
                        type = PolicyLexer.DECIMAL;
                    } else {
                        type = end == digitsEnd ? PolicyLexer.INT : PolicyLexer.WORD;
                    }
                } else {
                    type = keyword(s, i, end, hash);
                }
                i = end;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) return null;                 // no closing quote: UNTERMINATED
                    char ch = s[i];
                    if (ch == '"') {
                        i++;
                        break;
                    }
                    if (ch == '\n' || ch == '\r') return null; // UNTERMINATED
                    if (ch == '\\') {
                        if (i + 1 >= n) return null;
                        ch = s[i + 1];
                        if (ch == '\n' || ch == '\r') return null; // an escaped line end: rare, the lexer counts its line
                        i++;
                    }
                    if (Character.isSurrogate(ch)) return null;
                    i++;
                }
                type = PolicyLexer.STRING;
            } else if (c == '#' || c == '/' && i + 1 < n && s[i + 1] == '/') {
                i++;
                while (i < n) {
                    char ch = s[i];
                    if (ch == '\n' || ch == '\r') break;
                    if (Character.isSurrogate(ch)) return null;
                    i++;
                }
                type = PolicyLexer.COMMENT;
                hidden = true;
            } else if (c == '{') {
                i++;
                type = PolicyLexer.LBRACE;
            } else if (c == '}') {
                i++;
                type = PolicyLexer.RBRACE;
            } else if (c == '(') {
                i++;
                type = PolicyLexer.LPAREN;
            } else if (c == ')') {
                i++;
                type = PolicyLexer.RPAREN;
            } else if (c == ',') {
                i++;
                type = PolicyLexer.COMMA;
            } else {
                return null; // UNKNOWN_CHAR: the parser reports it
            }
            if (++count > maxTokens) return null; // the generated lexer's path reports where reading stopped
            if (!hidden || keepTrivia) {
                if (!add(type, start, i - 1, line, start - lineStart)) return null;
            }
            if (newline) {
                line++;
                lineStart = i;
            }
        }
        if (!add(Token.EOF, n, n - 1, line, n - lineStart)) return null;
        return new Tokens(tokens, size);
    }

    /** False (the file then goes to the generated lexer) where a token's fields do not fit {@link Tok}'s packing. */
    private boolean add(int type, int start, int stop, int line, int column) {
        int length = stop - start + 1;
        if (column > 0xFFFF || length > 0xFFFF || size >= Tok.MAX_INDEX) return false;
        if (size == tokens.length) {
            tokens = Arrays.copyOf(tokens, size * 2);
        }
        tokens[size] = new Tok(type, start, length, line, column, size, text);
        size++;
        return true;
    }

    private static int keyword(char[] s, int from, int to, int hash) {
        int len = to - from;
        for (int slot = hash & TABLE_MASK; KEYWORDS[slot] != null; slot = (slot + 1) & TABLE_MASK) {
            if (KEYWORD_HASHES[slot] != hash) continue;
            char[] w = KEYWORD_CHARS[slot];
            if (w.length == len && Arrays.equals(w, 0, len, s, from, to)) return KEYWORD_TYPES[slot];
        }
        return PolicyLexer.WORD;
    }

    /** DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT at from. */
    private static boolean isDate(char[] s, int from) {
        for (int k = 0; k < 10; k++) {
            char ch = s[from + k];
            if (k == 4 || k == 7 ? ch != '-' : !isDigit(ch)) return false;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return c < 128 && WORD_CHAR[c];
    }

    private static final boolean[] WORD_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) WORD_CHAR[c] = isWordStart(c) || c == '-' || c == '_';
    }

    /**
     * A token of the quick scanner. Its text is cut from the file's text when asked for, and its
     * indexes are char indexes (the same as ANTLR's code point indexes: the scanner declines
     * surrogate pairs).
     */
    static final class Tok implements Token {
        /** Indexes from here on do not fit the 23 bits left beside the type. */
        static final int MAX_INDEX = 1 << 23;

        static {
            // The type is kept in a byte: a grammar with more token types needs another packing.
            if (PolicyLexer.VOCABULARY.getMaxTokenType() > Byte.MAX_VALUE) throw new IllegalStateException("token types");
        }

        // Four ints and a reference: 32 bytes a token rather than 40 (there are ~7 tokens a line).
        private final int start;
        private final int line;
        private final int indexType;    // index << 8 | type (types are -1 for EOF .. 79)
        private final int columnLength; // column << 16 | length (each under 65,536, or the scanner declines)
        final String source;

        Tok(int type, int start, int length, int line, int column, int index, String source) {
            this.start = start;
            this.line = line;
            this.indexType = index << 8 | (type & 0xFF);
            this.columnLength = column << 16 | length;
            this.source = source;
        }

        @Override
        public String getText() {
            return getType() == EOF ? "<EOF>" : source.substring(start, start + (columnLength & 0xFFFF));
        }

        @Override
        public int getType() {
            return (byte) indexType; // sign-extended: EOF's 0xFF is -1
        }

        @Override
        public int getLine() {
            return line;
        }

        @Override
        public int getCharPositionInLine() {
            return columnLength >>> 16;
        }

        @Override
        public int getChannel() {
            // The lexer's rules for spaces, line ends and comments say channel(HIDDEN).
            int type = getType();
            return type == PolicyLexer.WS || type == PolicyLexer.NEWLINE || type == PolicyLexer.COMMENT
                    ? HIDDEN_CHANNEL : DEFAULT_CHANNEL;
        }

        @Override
        public int getTokenIndex() {
            return indexType >> 8;
        }

        @Override
        public int getStartIndex() {
            return start;
        }

        @Override
        public int getStopIndex() {
            return start + (columnLength & 0xFFFF) - 1;
        }

        @Override
        public TokenSource getTokenSource() {
            return null;
        }

        @Override
        public CharStream getInputStream() {
            return null;
        }

        @Override
        public String toString() {
            return "[@" + getTokenIndex() + "," + start + ":" + getStopIndex() + "='" + getText() + "',<" + getType() + ">,"
                    + (getChannel() > 0 ? "channel=" + getChannel() + "," : "") + line + ":" + getCharPositionInLine() + "]";
        }
    }
}
