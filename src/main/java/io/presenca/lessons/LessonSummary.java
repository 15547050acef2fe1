package io.presenca.lessons;

import java.util.Map;

/** A lesson of a day with how many students have each status so far, and whether it has ended. */
public record LessonSummary(LessonOnDate lesson, Map<LessonStatus, Long> counts, boolean ended) {

    public long count(LessonStatus status) {
        return counts.getOrDefault(status, 0L);
    }
}
