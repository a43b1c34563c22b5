package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast;

import java.util.List;

/** The outcome of the check stage: payers, and policies in layer order (every parent before its children). */
public record CheckResult(List<Ast.PayerDecl> payers, List<CheckedPolicy> policies) {
}
