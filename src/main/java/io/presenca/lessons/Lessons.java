package io.presenca.lessons;

/**
 * {@code routes/lessons.camel.yaml}: reloads the timetable ({@code timetable}), closes ended lessons
 * ({@code lessonAttendance}) and copies lessons to and from the central PostgreSQL ({@code centralLessons}).
 */
public final class Lessons {

    public static final String ROUTE_FILE = "lessons.camel.yaml";

    private Lessons() {
    }
}
