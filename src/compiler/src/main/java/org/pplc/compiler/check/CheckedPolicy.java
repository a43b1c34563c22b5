package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast;

import java.time.LocalDate;
import java.util.List;

/**
 * A policy that passed the checks: whom it governs, what it extends, when it is in force, its
 * reviewer metadata, its own facts and its layered scope.
 */
public record CheckedPolicy(Ast.PolicyDecl decl, String file, String id, String payer, String plan, String parent,
                            LocalDate effectiveFrom, LocalDate effectiveThrough, String title, String summary,
                            List<String> sources, LocalDate reviewed, List<String> updateTriggers,
                            List<Fact> own, Scope scope) {
}
