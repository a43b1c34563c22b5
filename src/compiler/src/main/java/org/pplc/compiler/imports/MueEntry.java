package org.pplc.compiler.imports;

import org.pplc.runtime.model.Mai;

/**
 * One row of a CMS MUE table: at most {@code cap} units of the code, counted per the indicator.
 *
 * @param rationale CMS's reason for the value (e.g. "Nature of Service"), empty when the file gives none
 * @param row       the line of the file it came from
 */
public record MueEntry(String code, int cap, Mai indicator, String rationale, long row) {
}
