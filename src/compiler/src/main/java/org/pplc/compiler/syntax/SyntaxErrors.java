package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser;
import org.pplc.runtime.policy.Suggest;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ANTLR's complaints into sentences a policy author understands: what was found, what
 * the language expected there (in its own words, never token names), and "did you mean" for a
 * misspelled keyword. Reports at most one error per line so one mistake does not cascade.
 */
final class SyntaxErrors extends BaseErrorListener {
    static final String CODE = "syntax";

    private final String file;
    private final Diagnostics diagnostics;
    private int lastLine = -1;
    private int count;

    SyntaxErrors(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (line == lastLine) return;
        // After a first error, a complaint about a closing brace or the end of the file is almost
        // always the parser recovering from that error: reporting it would be a cascade.
        if (count > 0 && offendingSymbol instanceof Token t
                && (t.getType() == Token.EOF || t.getType() == PolicyLexer.RBRACE)) return;
        // Recovery from an error inside a block can leave the parser at the top level while the
        // rest of the block is still ahead; an indented line there belongs to that block.
        if (count > 0 && offendingSymbol instanceof Token t && t.getCharPositionInLine() > 0
                && recognizer instanceof Parser p && isTopLevel(p.getContext())) return;
        lastLine = line;
        count++;
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            Span span = new Span(file, line, charPositionInLine + 1, line, charPositionInLine + 1);
            diagnostics.error(CODE, span, msg);
            return;
        }
        Span span = spanOf(token);
        String found = describeFound(token);
        if (token.getType() == PolicyLexer.UNKNOWN_CHAR) {
            diagnostics.error(CODE, span, found + " is not part of the policy language",
                    "names may use letters, digits, '-' and '_'; texts go in double quotes");
            return;
        }
        if (token.getType() == PolicyLexer.UNTERMINATED) {
            diagnostics.error(CODE, span, "this text has no closing quote", "end the text with \" on the same line");
            return;
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                : parser.getExpectedTokens();
        // A misspelled code property ("initail") parses as the setting of "<setting> only" and the
        // parser complains at the next word: point at the misspelling instead.
        Token previous = parser.getTokenStream().LT(-1);
        if (expected.size() == 1 && expected.contains(PolicyLexer.ONLY) && previous != null
                && previous.getType() == PolicyLexer.WORD) {
            List<String> props = List.of("initial", "add-on", "family", "method", "role", "unit", "description", "source");
            diagnostics.error(CODE, spanOf(previous), "expected a code property (initial, add-on of, family, method, "
                    + "role, unit, facility only, description, source) or '}', found '" + shorten(previous.getText()) + "'"
                    + Suggest.didYouMean(previous.getText(), props));
            return;
        }
        String expectedWords = expectedWords(parser, expected);
        String suggestion = "";
        if (token.getType() == PolicyLexer.WORD || isKeyword(token.getType())) {
            suggestion = Suggest.didYouMean(token.getText(), keywordTexts(expected));
        }
        diagnostics.error(CODE, span, "expected " + expectedWords + ", found " + found + suggestion);
    }

    private Span spanOf(Token token) {
        int col = token.getCharPositionInLine() + 1;
        int len = token.getType() == Token.EOF ? 1 : Math.max(1, token.getText().length());
        return new Span(file, token.getLine(), col, token.getLine(), col + len - 1);
    }

    private static boolean isTopLevel(ParserRuleContext c) {
        return c == null || c.getRuleIndex() == PolicyParser.RULE_policyFile
                || c.getRuleIndex() == PolicyParser.RULE_declaration;
    }

    private static boolean isKeyword(int type) {
        return type >= PolicyLexer.POLICY && type <= PolicyLexer.FOLLOWS;
    }

    private static String describeFound(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "the end of the file";
            case PolicyLexer.STRING -> "the text " + shorten(token.getText());
            case PolicyLexer.UNTERMINATED -> "an unfinished text";
            default -> "'" + shorten(token.getText()) + "'";
        };
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }

    private static List<String> keywordTexts(IntervalSet expected) {
        List<String> out = new ArrayList<>();
        Vocabulary v = PolicyParser.VOCABULARY;
        for (int t : expected.toArray()) {
            if (isKeyword(t)) out.add(v.getLiteralName(t).replace("'", ""));
        }
        return out;
    }

    /** The expected tokens in words; a long list is named by where the parser is instead. */
    private static String expectedWords(Parser parser, IntervalSet expected) {
        List<String> words = new ArrayList<>();
        boolean name = expected.contains(PolicyLexer.WORD);
        boolean code = name && expected.contains(PolicyLexer.INT);
        for (int t : expected.toArray()) {
            if (t == Token.EOF && expected.size() > 1) continue; // "or the end of the file" helps nobody
            if (name && SOFT_KEYWORDS.contains(t)) continue;    // keywords that double as names
            String w = code && (t == PolicyLexer.INT || t == PolicyLexer.WORD) ? "a code" : tokenWords(t);
            if (!words.contains(w)) words.add(w);
        }
        if (words.size() > 5) {
            String context = contextWords(parser.getContext());
            if (context != null) return context;
        }
        return join(words);
    }

    private static final java.util.Set<Integer> SOFT_KEYWORDS = java.util.Set.of(PolicyLexer.INITIAL,
            PolicyLexer.DRUG, PolicyLexer.CODE, PolicyLexer.LINE, PolicyLexer.DAY, PolicyLexer.UNIT, PolicyLexer.UNITS,
            PolicyLexer.POLICY);

    static String tokenWords(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case PolicyLexer.STRING -> "a text in double quotes";
            case PolicyLexer.INT -> "a whole number";
            case PolicyLexer.DECIMAL -> "a number";
            case PolicyLexer.DATE -> "a date (YYYY-MM-DD)";
            case PolicyLexer.WORD -> "a name or code";
            default -> {
                String lit = PolicyParser.VOCABULARY.getLiteralName(type);
                yield lit != null ? lit : PolicyParser.VOCABULARY.getDisplayName(type);
            }
        };
    }

    private static String contextWords(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            switch (c.getRuleIndex()) {
                case PolicyParser.RULE_codeProp, PolicyParser.RULE_definition, PolicyParser.RULE_ruleProp -> {
                    if (c instanceof PolicyParser.CodeDefContext || c.getRuleIndex() == PolicyParser.RULE_codeProp) {
                        return "a code property (initial, add-on of, family, method, role, unit, facility only, "
                                + "description, source) or '}'";
                    }
                    if (c instanceof PolicyParser.RuleDefContext || c.getRuleIndex() == PolicyParser.RULE_ruleProp) {
                        return "a rule property (title, action, carc, rarc, message, fix, appeal) or '}'";
                    }
                }
                case PolicyParser.RULE_ruleItem -> {
                    return "a rule (family, code, drug, mue, prior authorization, audit, modifier, rule, timing, "
                            + "initial code), 'override' or '}'";
                }
                case PolicyParser.RULE_policyItem, PolicyParser.RULE_policyDecl -> {
                    return "a policy statement (title, summary, source, reviewed, update when, applies to, extends, "
                            + "effective, from, or a rule such as code, drug, mue, audit, rule) or '}'";
                }
                case PolicyParser.RULE_policyFile, PolicyParser.RULE_declaration -> {
                    return "'payer' or 'policy'";
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static String join(List<String> words) {
        if (words.isEmpty()) return "something else";
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
