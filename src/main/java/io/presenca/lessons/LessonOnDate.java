package io.presenca.lessons;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A lesson of the timetable on one calendar date: what statuses are kept against. */
public record LessonOnDate(Lesson lesson, LocalDate date) {

    public Instant startsAt(ZoneId zone) {
        return date.atTime(lesson.start()).atZone(zone).toInstant();
    }

    public Instant endsAt(ZoneId zone) {
        return date.atTime(lesson.end()).atZone(zone).toInstant();
    }

    public String className() {
        return lesson.className();
    }

    /** "5A 2026-03-02 08:00", as the command line and the logs name a lesson. */
    @Override
    public String toString() {
        return lesson.className() + " " + date + " " + lesson.start();
    }
}
