package org.pplc.compiler;

/** A policy file's text and the path diagnostics and sources name it by. */
public record SourceFile(String path, String text) {
}
