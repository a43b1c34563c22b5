package com.example.billing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The product ships the rule runtime only: the compiler and its libraries stay in the build. */
class RuntimeClasspathTest {
    @Test
    void antlrIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.antlr.v4.runtime.Lexer"));
    }

    @Test
    void velocityIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.velocity.app.VelocityEngine"));
    }

    @Test
    void thePolicyCompilerIsNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.pplc.compiler.PolicyCompiler"));
    }
}
