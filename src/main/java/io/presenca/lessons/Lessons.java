package io.presenca.lessons;

import io.presenca.config.Settings;
import org.apache.camel.main.Main;

/** The beans and timer periods of {@code routes/lessons.camel.yaml}. */
public final class Lessons {

    public static final String ROUTE_FILE = "lessons.camel.yaml";
    /** How often the timer looks for lessons that have ended. */
    static final long END_CHECK_MS = 30_000;

    private Lessons() {
    }

    /** Binds the lesson beans; with central sync off the routes using {@code central} do not start. */
    public static void bindTo(Main main, Settings settings, LessonAttendance lessons, CentralLessons central) {
        main.bind("timetable", lessons.timetable());
        main.bind("lessonAttendance", lessons);
        main.bind("centralLessons", central);
        main.addOverrideProperty("presenca.lessons.reload-ms", Long.toString(settings.timetableReloadSeconds * 1000L));
        main.addOverrideProperty("presenca.lessons.end-check-ms", Long.toString(END_CHECK_MS));
    }
}
