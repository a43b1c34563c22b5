package org.pplc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The pplc command line: thin commands over the same API a billing product calls. */
@Command(name = "pplc", mixinStandardHelpOptions = true, version = "pplc 0.1.0",
        description = "The payer policy compiler: check, compile, adjudicate, derive, document.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CheckCommand.class,
                BuildCommand.class,
                ImportCommand.class,
                AdjudicateCommand.class,
                DeriveCommand.class,
                FmtCommand.class,
                TestCommand.class,
                DocsCommand.class,
        })
public final class Main implements Runnable {
    public static void main(String[] args) {
        utf8StandardStreams();
        System.exit(run(args));
    }

    /**
     * Standard output and error carry UTF-8 whatever the machine's default charset: JSON is UTF-8,
     * and the same run must give the same bytes on every machine (a Latin-1 default would turn an
     * author's "é" into one byte and an "ı" into "?").
     */
    static void utf8StandardStreams() {
        System.setOut(new java.io.PrintStream(new StandardOutput.Reason(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Runs a command line and returns its exit code; never lets a stack trace reach the user. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("pplc: internal error: " + ex);
            return 70;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
