package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser;

/**
 * Stage 1, syntax: text to parse tree. Tries the fast SLL mode first and falls back to full LL
 * only when SLL fails (as Trino does): correct files never pay for LL, broken ones get LL's
 * precise error position and recovery.
 */
public final class Parsing {
    private Parsing() {
    }

    /** The parse tree and the number of syntax errors reported for the file. */
    public record Parsed(PolicyParser.PolicyFileContext tree, CommonTokenStream tokens, int errors) {
    }

    public static Parsed parse(String file, String text, Diagnostics diagnostics) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners(); // unknown characters reach the parser as UNKNOWN_CHAR tokens
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PolicyParser parser = new PolicyParser(tokens);
        parser.removeErrorListeners();
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
    }
}
