package org.pplc.runtime.engine;

import java.util.List;

/** Every check that looked at one claim line, in the order the engine ran them. */
public record LineExplanation(int line, String code, List<Explanation> checks) {
    public LineExplanation {
        checks = List.copyOf(checks);
    }
}
