package io.presenca.config;

/** ERASE_ATTENDANCE: what {@code erase <student_id>} does with the student's attendance records. */
public enum EraseAttendance {
    /** Records stay as they are: attendance is a school record, not biometric data. */
    KEEP,
    /** Records stay, under a pseudonym instead of the student id. */
    PSEUDONYMISE,
    /** Records are deleted. */
    DELETE
}
