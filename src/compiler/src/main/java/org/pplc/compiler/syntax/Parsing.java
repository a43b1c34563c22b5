package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.TokenStream;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Stage 1, syntax: text to parse tree. Tries the fast SLL mode first and falls back to full LL
 * only when SLL fails (as Trino does): correct files never pay for LL, broken ones get LL's
 * precise error position and recovery.
 *
 * <p>The compiler goes through {@link #parseQuick} first: {@link FastScanner}'s tokens, SLL, and
 * no parse tree (the AST is built from the parser's events). Any file that path declines or fails
 * is parsed again by {@link #parse}, the generated lexer and the parse tree, which alone makes
 * every syntax diagnostic. The formatter uses {@link #parse}, since it needs the comments.
 *
 * <p>Limits keep a hostile or broken file from exhausting memory or time: the text's length and
 * the number of tokens (spaces and comments included: the full path's token stream keeps them,
 * and the quick scanner counts them the same way). The grammar has no recursive rule, so nesting
 * is bounded by the language itself.
 */
public final class Parsing {
    /** Characters in one policy text (the same 8 MB a policy file may hold on disk). */
    public static final int MAX_TEXT_CHARS = 8 * 1024 * 1024;
    /** Tokens in one policy text; the shipped policies use about a thousandth of this per file. */
    public static final int MAX_TOKENS = 2_000_000;

    private Parsing() {
    }

    /**
     * The parse tree (null when a limit stopped the parse) and the number of errors reported for the
     * file, and every token (spaces and comments on the hidden channel).
     */
    public record Parsed(PolicyParser.PolicyFileContext tree, CommonTokenStream tokens, int errors) {
    }

    /** Thrown by the lexer past {@link #MAX_TOKENS}: the parse stops at once rather than running on. */
    private static final class TooManyTokens extends RuntimeException {
        final transient Token at;

        TooManyTokens(Token at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /**
     * What the quick parse reports as it goes, instead of building a parse tree: a rule starts, a
     * token is matched, a rule ends (its context has its start and stop tokens and its labeled
     * alternative's class, no children).
     */
    public interface Events {
        void enterRule();

        void token(Token t);

        void exitRule(ParserRuleContext ctx);
    }

    /** Stops at the first error, and says so: the rules it unwinds then end without being built. */
    private static final class Bail extends BailErrorStrategy {
        boolean failed;

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            failed = true;
            super.recover(recognizer, e);
        }

        @Override
        public Token recoverInline(Parser recognizer) throws RecognitionException {
            failed = true;
            return super.recoverInline(recognizer);
        }
    }

    /** The generated parser, reporting {@link Events} (ANTLR's parse listeners would cost a node per token). */
    private static final class EventParser extends PolicyParser {
        private final Events events;
        private final Bail bail;

        EventParser(TokenStream input, Events events, Bail bail) {
            super(input);
            this.events = events;
            this.bail = bail;
        }

        @Override
        public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
            super.enterRule(localctx, state, ruleIndex);
            events.enterRule();
        }

        @Override
        public void exitRule() {
            ParserRuleContext c = _ctx;
            super.exitRule();
            // A rule cut short by an error is left by its finally block: not a finished rule.
            if (!bail.failed) events.exitRule(c);
        }

        @Override
        public Token consume() {
            Token t = super.consume();
            events.token(t);
            return t;
        }
    }

    /**
     * The compiler's quick path: the quick scanner's tokens (no spaces or comments) and SLL, with
     * no parse tree: the events see every rule and token as the parser goes (the AST builder
     * builds from those). Returns false, having reported nothing, when the text needs the full path:
     * a character or text the scanner declines, a limit, or any syntax error. The caller then
     * uses {@link #parse}, so every diagnostic is the one the generated lexer and LL recovery give.
     *
     * @param events null to parse only (for measuring)
     */
    public static boolean parseQuick(String file, String text, Events events) {
        if (text.length() > MAX_TEXT_CHARS) return false;
        FastScanner.Tokens scanned = FastScanner.scan(text);
        if (scanned == null) return false;
        TokenStream input = new ArrayTokenStream(scanned, file);
        Bail bail = new Bail();
        PolicyParser parser = events == null ? new PolicyParser(input) : new EventParser(input, events, bail);
        parser.removeErrorListeners();
        parser.setBuildParseTree(false);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(bail);
        try {
            parser.policyFile();
            return true;
        } catch (ParseCancellationException sllFailed) {
            return false;
        }
    }

    /**
     * Every token the quick scanner gives (spaces and comments on the hidden channel, as the
     * generated lexer has them), or null where it declines the text: for comparing the two in tests
     * and benchmarks.
     */
    public static List<Token> quickScanAll(String text) {
        FastScanner.Tokens t = FastScanner.scanAll(text, MAX_TOKENS);
        return t == null ? null : Collections.unmodifiableList(Arrays.asList(t.tokens).subList(0, t.size));
    }

    /** The quick scanner alone: the number of tokens it keeps, or -1 where it declines the text (for measuring). */
    public static int quickScan(String file, String text) {
        FastScanner.Tokens t = text.length() > MAX_TEXT_CHARS ? null : FastScanner.scan(text);
        return t == null ? -1 : t.size;
    }

    /** The parse tree and every token (spaces and comments on the hidden channel), for the formatter. */
    public static Parsed parse(String file, String text, Diagnostics diagnostics) {
        if (text.length() > MAX_TEXT_CHARS) {
            diagnostics.error("file-too-large", new Span(file, 1, 1, 1, 1), "policy text is longer than "
                    + count(MAX_TEXT_CHARS) + " characters", "split it into several files");
            return new Parsed(null, null, 1);
        }
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text, file)) {
            private int tokens;

            @Override
            public Token nextToken() {
                Token t = super.nextToken();
                if (t.getType() != Token.EOF && ++tokens > MAX_TOKENS) throw new TooManyTokens(t);
                return t;
            }
        };
        lexer.removeErrorListeners(); // unknown characters reach the parser as UNKNOWN_CHAR tokens
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PolicyParser parser = new PolicyParser(tokens);
        parser.removeErrorListeners();
        try {
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            try {
                PolicyParser.PolicyFileContext tree = parser.policyFile();
                return new Parsed(tree, tokens, 0);
            } catch (ParseCancellationException sllFailed) {
                tokens.seek(0);
                parser.reset();
                SyntaxErrors errors = new SyntaxErrors(file, diagnostics);
                parser.addErrorListener(errors);
                parser.setErrorHandler(new DefaultErrorStrategy());
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                PolicyParser.PolicyFileContext tree = parser.policyFile();
                return new Parsed(tree, tokens, errors.count());
            }
        } catch (TooManyTokens tooMany) {
            Token t = tooMany.at;
            int column = t.getCharPositionInLine() + 1;
            diagnostics.error("too-many-tokens", new Span(file, t.getLine(), column, t.getLine(), column),
                    "policy file has more than " + count(MAX_TOKENS) + " tokens (words, numbers, symbols, spaces and "
                            + "comments); reading stopped here", "split it into several files");
            return new Parsed(null, null, 1);
        }
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
