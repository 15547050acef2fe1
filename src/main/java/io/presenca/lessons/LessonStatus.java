package io.presenca.lessons;

import java.util.Locale;

/** A student's status for one lesson. */
public enum LessonStatus {
    /** Seen by the lesson's gateway from shortly before the start until LATE_AFTER_MINUTES after it. */
    PRESENT,
    /** First seen more than LATE_AFTER_MINUTES after the start, before the end. */
    LATE,
    /** Enrolled in the class and not seen by the end of the lesson. */
    ABSENT,
    /** A teacher excused the student (no attendance record is made: the student was not there). */
    EXCUSED,
    /** A teacher marked the student present by hand (an attendance record with matcher=manual). */
    MANUAL,
    /** An admin voided the automatic record this status rested on: the student does not count as present. */
    VOID;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LessonStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether the student counts as there. */
    public boolean attended() {
        return this == PRESENT || this == LATE || this == MANUAL;
    }
}
