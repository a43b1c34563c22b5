package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.RuleContext;

/**
 * The quick scanner's tokens as the parser's input: an array already complete, so looking ahead
 * is an index (CommonTokenStream fetches on demand and steps over hidden tokens on every look).
 */
final class ArrayTokenStream implements TokenStream {
    private final FastScanner.Tok[] tokens;
    private final int size;
    private final String sourceName;
    private int p;

    ArrayTokenStream(FastScanner.Tokens t, String sourceName) {
        this.tokens = t.tokens;
        this.size = t.size;
        this.sourceName = sourceName;
    }

    @Override
    public Token LT(int k) {
        if (k == 0) return null;
        if (k < 0) return p + k >= 0 ? tokens[p + k] : null;
        int i = p + k - 1;
        return tokens[i < size ? i : size - 1];
    }

    @Override
    public int LA(int i) {
        if (i == 0) return 0;
        if (i < 0) return p + i >= 0 ? tokens[p + i].getType() : 0;
        int k = p + i - 1;
        return tokens[k < size ? k : size - 1].getType();
    }

    @Override
    public void consume() {
        if (tokens[p].getType() == Token.EOF) throw new IllegalStateException("cannot consume EOF");
        p++;
    }

    @Override
    public Token get(int index) {
        return tokens[index];
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.min(index, size - 1);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String getSourceName() {
        return sourceName;
    }

    @Override
    public TokenSource getTokenSource() {
        return SOURCE;
    }

    @Override
    public String getText(Interval interval) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, interval.a); i <= interval.b && i < size; i++) {
            if (tokens[i].getType() == Token.EOF) break;
            b.append(tokens[i].getText());
        }
        return b.toString();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, size - 1));
    }

    @Override
    public String getText(RuleContext ctx) {
        return getText(ctx.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        if (start == null || stop == null) return "";
        return getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }

    /** Only the parser's error recovery asks for a source (to make a missing token); the quick path bails first. */
    private static final TokenSource SOURCE = new TokenSource() {
        @Override
        public Token nextToken() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getCharPositionInLine() {
            return 0;
        }

        @Override
        public CharStream getInputStream() {
            return null;
        }

        @Override
        public String getSourceName() {
            return "";
        }

        @Override
        public void setTokenFactory(TokenFactory<?> factory) {
        }

        @Override
        public TokenFactory<?> getTokenFactory() {
            return CommonTokenFactory.DEFAULT;
        }
    };
}
