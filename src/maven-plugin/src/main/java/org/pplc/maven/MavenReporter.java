package org.pplc.maven;

import org.apache.maven.plugin.logging.Log;

/** Sends what a build reports to Maven's log: diagnostics as [ERROR] and [WARNING] entries. */
record MavenReporter(Log log) implements PolicyBuild.Reporter {
    @Override
    public void error(String text) {
        log.error(text);
    }

    @Override
    public void warning(String text) {
        log.warn(text);
    }

    @Override
    public void info(String text) {
        log.info(text);
    }
}
