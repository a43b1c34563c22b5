package org.pplc.runtime.model;

import java.time.LocalDate;
import java.util.List;

/** What the reviewer documents say about a policy. Fields may be null or empty when the author gave none. */
public record PolicyMeta(String title, String summary, List<String> sources, LocalDate reviewed,
                         List<String> updateTriggers) {
    public PolicyMeta {
        sources = List.copyOf(sources);
        updateTriggers = List.copyOf(updateTriggers);
    }
}
