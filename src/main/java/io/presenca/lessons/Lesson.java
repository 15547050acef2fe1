package io.presenca.lessons;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * One period of a class's week: {@code 5A, MONDAY, 08:00-08:50}, optionally watched only by the
 * gateway {@code device} (null: sightings of any gateway count). {@code origin} says where it was
 * written ("timetable.csv line 4"), for messages.
 */
public record Lesson(String className, DayOfWeek weekday, LocalTime start, LocalTime end, String device,
                     String origin) {

    public boolean overlaps(Lesson other) {
        return className.equals(other.className) && weekday == other.weekday
                && start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** Whether a sighting by {@code deviceId} counts for this lesson. */
    public boolean watchedBy(String deviceId) {
        return device == null || device.equals(deviceId);
    }

    @Override
    public String toString() {
        return className + " " + weekday.name().toLowerCase() + " " + start + "-" + end
                + (device == null ? "" : " (" + device + ")");
    }
}
