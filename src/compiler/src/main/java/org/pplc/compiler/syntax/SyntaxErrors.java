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
import org.pplc.runtime.engine.Texts;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.UnitBasis;
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
    /** The line the last error was reported on (its span's). */
    private int reportedLine = -1;
    /** The token index of the last error reported (-1 before the first). */
    private int lastErrorToken = -1;

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
        // After an error, a complaint about a closing brace or the end of the file is the parser
        // recovering from it (a cascade) while it is still in a statement or block that began at or
        // before that error. A statement begun after it is a mistake of its own, such as a
        // property without its value right before the block's '}' (issue 18: those were dropped).
        if (count > 0 && offendingSymbol instanceof Token t
                && (t.getType() == Token.EOF || t.getType() == PolicyLexer.RBRACE)
                && !(recognizer instanceof Parser p && startedAfterLastError(p.getContext()))) return;
        // Recovery from an error inside a block can leave the parser at the top level while the
        // rest of the block is still ahead; an indented line there belongs to that block.
        if (count > 0 && offendingSymbol instanceof Token t && t.getCharPositionInLine() > 0
                && recognizer instanceof Parser p && isTopLevel(p.getContext())) return;
        lastLine = line;
        count++;
        if (offendingSymbol instanceof Token t) lastErrorToken = t.getTokenIndex();
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
        Token previous = parser.getTokenStream().LT(-1);
        // A block whose '}' is missing shows where the next thing starts (or at the end of the
        // file): name the block and where it opened, and point where its '}' belongs.
        ParserRuleContext open = expected.contains(PolicyLexer.RBRACE) ? openBlock(parser.getContext()) : null;
        if (open != null && startsOutside(token, open)) {
            diagnostics.error(CODE, after(previous, token), blockName(open) + ", opened at " + open.getStart().getLine()
                    + ":" + (open.getStart().getCharPositionInLine() + 1) + ", is not closed",
                    "add '}' after its last statement");
            return;
        }
        // 'per day' needs its indicator: list them rather than "expected '('".
        if (expected.size() == 1 && expected.contains(PolicyLexer.LPAREN) && previous != null
                && previous.getType() == PolicyLexer.DAY) {
            diagnostics.error(CODE, after(previous, token), "expected the MUE indicator after 'per day': (clinical) "
                    + "for MAI 3 or (policy) for MAI 2, found " + found, "a per-line cap (MAI 1) is written 'per line'; "
                    + "a payer's own daily cap may leave the indicator out: 'mue <code> <setting> <units>'");
            return;
        }
        // A misspelled code property ("initail") parses as the setting of "<setting> only" and the
        // parser complains at the next word: point at the misspelling instead.
        if (expected.size() == 1 && expected.contains(PolicyLexer.ONLY) && previous != null
                && previous.getType() == PolicyLexer.WORD) {
            if (previous.getLine() != line && previous.getLine() == reportedLine) return; // that line has its error
            reportedLine = previous.getLine();
            List<String> props = List.of("initial", "add-on", "family", "method", "role", "unit", "description", "source");
            diagnostics.error(CODE, spanOf(previous), "expected a code property (initial, add-on of, family, method, "
                    + "role, unit, facility only, description, source) or '}', found '" + shorten(previous.getText()) + "'"
                    + Suggest.didYouMean(previous.getText(), props));
            return;
        }
        String valueWords = valueWords(parser.getContext(), expected);
        String expectedWords = valueWords != null ? valueWords : expectedWords(parser, expected);
        if (valueWords != null && previous != null && previous.getLine() < token.getLine()) {
            // a property left without its value at the end of its line: the mistake is that line's,
            // not the next statement's (or the block's '}')
            if (previous.getLine() == reportedLine) return;
            reportedLine = previous.getLine();
            diagnostics.error(CODE, spanOf(previous), "expected " + expectedWords + ", found nothing before the end of the line");
            return;
        }
        reportedLine = token.getLine();
        String suggestion = "";
        if (token.getType() == PolicyLexer.WORD || isKeyword(token.getType())) {
            suggestion = Suggest.didYouMean(token.getText(), keywordTexts(expected));
            // at the start of a statement (many things expected), the statement may be a phrase
            if (suggestion.isEmpty() && expected.size() > 5) suggestion = phraseSuggestion(parser, token);
        }
        diagnostics.error(CODE, span, "expected " + expectedWords + ", found " + found + suggestion);
    }

    /** Whether the innermost statement the parser is in began after the last error reported. */
    private boolean startedAfterLastError(ParserRuleContext c) {
        for (; c != null; c = c.getParent()) {
            int rule = c.getRuleIndex();
            if (rule == PolicyParser.RULE_codeProp || rule == PolicyParser.RULE_ruleProp || rule == PolicyParser.RULE_mueCap
                    || rule == PolicyParser.RULE_timingItem || rule == PolicyParser.RULE_ruleItem
                    || rule == PolicyParser.RULE_policyItem) {
                return c.getStart() != null && c.getStart().getTokenIndex() > lastErrorToken;
            }
        }
        return false;
    }

    /**
     * What a property keyword takes, when the parser stopped right after it ({@code family }}):
     * "a family name" says more than the name rule's "a name or code", which is not even true
     * there (a code is not a family).
     */
    private static String valueWords(ParserRuleContext c, IntervalSet expected) {
        for (; c != null; c = c.getParent()) {
            int rule = c.getRuleIndex();
            if (rule != PolicyParser.RULE_codeProp && rule != PolicyParser.RULE_ruleProp) continue;
            if (c instanceof PolicyParser.OnlyPropContext || c.getStart() == null) return null; // led by a name, not a keyword
            String what;
            if (c instanceof PolicyParser.FamilyPropContext) what = "a family name";
            else if (c instanceof PolicyParser.MethodPropContext) what = "a method (" + Texts.or(Method.codeIds()) + ")";
            else if (c instanceof PolicyParser.RolePropContext) what = "a role (" + Role.ids() + ")";
            else if (c instanceof PolicyParser.UnitPropContext) what = "what a unit counts (" + Texts.or(ids(UnitBasis.values(), UnitBasis::id)) + ")";
            else if (c instanceof PolicyParser.RuleActionContext) what = "an action (" + Texts.or(ids(Action.values(), Action::id)) + ")";
            else if (expected.contains(PolicyLexer.STRING)) what = "a text in double quotes";
            else if (expected.contains(PolicyLexer.INT) || expected.contains(PolicyLexer.WORD)) what = "a code";
            else return null;
            String keyword = c instanceof PolicyParser.AddOnPropContext ? "add-on of"
                    : c instanceof PolicyParser.UnitPropContext ? "unit per" : c.getStart().getText();
            return what + " after '" + keyword + "'";
        }
        return null;
    }

    /**
     * Statements of more than one keyword ("prior authorization required for"): a misspelled or
     * missing word of one gets the whole phrase as the suggestion, compared with the line's first
     * words ('override' aside) as written, or with one word of the phrase left out.
     */
    private static final List<String> PHRASES = List.of("applies to", "update when", "prior authorization required for",
            "prior authorization limits units of", "initial code in", "add-on of", "unit per");

    private static String phraseSuggestion(Parser parser, Token token) {
        org.antlr.v4.runtime.TokenStream stream = parser.getTokenStream();
        // the rest of the line may not be read yet; reading ahead does not move the parser
        if (stream instanceof org.antlr.v4.runtime.BufferedTokenStream b) b.fill();
        int i = token.getTokenIndex();
        // back to the line's first token
        while (i > 0 && stream.get(i - 1).getLine() == token.getLine()) i--;
        List<String> words = new ArrayList<>();
        for (int j = i; j < stream.size() && words.size() < 6; j++) {
            Token t = stream.get(j);
            if (t.getLine() != token.getLine() || t.getType() == Token.EOF) break;
            if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            if (words.isEmpty() && t.getType() == PolicyLexer.OVERRIDE) continue;
            words.add(t.getText().toLowerCase(java.util.Locale.ROOT));
        }
        String best = null;
        int bestDistance = 3; // at most two letters off
        for (String phrase : PHRASES) {
            String[] parts = phrase.split(" ");
            List<String> variants = new ArrayList<>();
            variants.add(phrase);
            if (parts.length > 1) {
                for (int k = 0; k < parts.length; k++) {
                    List<String> rest = new ArrayList<>(List.of(parts));
                    rest.remove(k);
                    variants.add(String.join(" ", rest));
                }
            }
            for (String v : variants) {
                int n = v.split(" ").length;
                if (words.size() < n) continue;
                String written = String.join(" ", words.subList(0, n));
                if (!written.contains(token.getText().toLowerCase(java.util.Locale.ROOT))) continue;
                int d = Suggest.distance(written, v);
                if (d < bestDistance && !written.equals(phrase)) {
                    best = phrase;
                    bestDistance = d;
                }
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** The innermost block whose '{' was read: the one a missing '}' leaves open. */
    private static ParserRuleContext openBlock(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof PolicyParser.PolicyDeclContext p && p.LBRACE() != null) return c;
            if (c instanceof PolicyParser.PayerDeclContext p && p.LBRACE() != null) return c;
            if (c instanceof PolicyParser.FromBlockContext f && f.LBRACE() != null) return c;
            if (c instanceof PolicyParser.CodeDefContext d && d.LBRACE() != null) return c;
            if (c instanceof PolicyParser.RuleDefContext d && d.LBRACE() != null) return c;
            if (c instanceof PolicyParser.TimingDefContext d && d.LBRACE() != null) return c;
        }
        return null;
    }

    private static <E> List<String> ids(E[] values, java.util.function.Function<E, String> id) {
        return java.util.Arrays.stream(values).map(id).toList();
    }

    /** Statements that start a policy's next statement: inside a policy's inner block they mean its '}' is missing. */
    private static final java.util.Set<Integer> STATEMENT_STARTS = java.util.Set.of(PolicyLexer.TITLE,
            PolicyLexer.SUMMARY, PolicyLexer.SOURCE, PolicyLexer.REVIEWED, PolicyLexer.UPDATE, PolicyLexer.APPLIES,
            PolicyLexer.EXTENDS, PolicyLexer.EFFECTIVE, PolicyLexer.FROM);

    private static boolean startsOutside(Token token, ParserRuleContext open) {
        int t = token.getType();
        if (t == Token.EOF || t == PolicyLexer.POLICY || t == PolicyLexer.PAYER) return true;
        boolean top = open instanceof PolicyParser.PolicyDeclContext || open instanceof PolicyParser.PayerDeclContext;
        return !top && STATEMENT_STARTS.contains(t);
    }

    private static String blockName(ParserRuleContext c) {
        if (c instanceof PolicyParser.PolicyDeclContext p) return "policy " + p.name().getText();
        if (c instanceof PolicyParser.PayerDeclContext p) return "payer " + p.name().getText();
        if (c instanceof PolicyParser.FromBlockContext f) return "the block from " + shorten(f.text().getText());
        if (c instanceof PolicyParser.CodeDefContext d) return "code " + d.codeRef().getText();
        if (c instanceof PolicyParser.RuleDefContext d) return "rule " + d.name().getText();
        return "the timing block";
    }

    /** Just after {@code previous} when {@code found} is on a later line (where a missing word belongs); else at found. */
    private Span after(Token previous, Token found) {
        if (previous == null || previous.getType() == Token.EOF
                || (found.getType() != Token.EOF && found.getLine() == previous.getLine())) return spanOf(found);
        String text = previous.getText();
        int lastNewline = text.lastIndexOf('\n');
        int line = previous.getLine() + (int) text.chars().filter(ch -> ch == '\n').count();
        int col = lastNewline < 0 ? previous.getCharPositionInLine() + text.length() + 1 : text.length() - lastNewline;
        return new Span(file, line, col, line, col);
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
