package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast;

/**
 * One thing a layer sets, under the key that layering compares: "code 96417", "mue 96417
 * outpatient", "rule mue-exceeded". A definition may set several facts (an MUE line with two
 * settings sets two). {@code node} is the exact text that set it; {@code citation} the
 * outside source it names, or null.
 */
public record Fact(FactKey key, Ast.Definition definition, Ast.Node node, boolean override, String layer,
                   String citation) {
}
