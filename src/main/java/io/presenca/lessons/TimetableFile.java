package io.presenca.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the school's timetable file: CSV with the header {@code class,weekday,start,end,device},
 * one lesson per line, {@code #} comments and blank lines ignored. A wrong line is reported with
 * the file, its line number and what is wrong, and left out; the other lines keep working.
 */
public final class TimetableFile {

    static final String HEADER = "class,weekday,start,end,device";
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private TimetableFile() {
    }

    /** Reads {@code file}; {@code knownClasses} as in {@link Timetable.Builder}. */
    public static Timetable read(Path file, Set<String> knownClasses) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), knownClasses);
    }

    static Timetable parse(String name, List<String> lines, Set<String> knownClasses) {
        Timetable.Builder timetable = new Timetable.Builder(name, knownClasses);
        boolean headerSeen = false;
        int lessons = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = name + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (!headerSeen) {
                headerSeen = true;
                if (fields[0].strip().equalsIgnoreCase("class")) {
                    continue;
                }
                timetable.error(where, "the first line should be the header '" + HEADER
                        + "'; reading this line as a lesson");
            }
            Lesson lesson = lesson(where, fields, timetable);
            if (lesson != null) {
                timetable.add(lesson);
                lessons++;
            }
        }
        if (lessons == 0 && lines.stream().noneMatch(l -> !l.isBlank() && !l.strip().startsWith("#") && !isHeader(l))) {
            timetable.error(name + " line 1", "the timetable has no lessons: write one line per lesson under the header '"
                    + HEADER + "', e.g. 5A,monday,08:00,08:50");
        }
        return timetable.build();
    }

    private static boolean isHeader(String line) {
        return line.strip().toLowerCase(Locale.ROOT).startsWith("class,");
    }

    private static Lesson lesson(String where, String[] fields, Timetable.Builder timetable) {
        if (fields.length < 4 || fields.length > 5) {
            timetable.error(where, "expected 4 or 5 fields (" + HEADER + "), found " + fields.length
                    + ". This line is left out.");
            return null;
        }
        String className = fields[0].strip();
        if (className.isEmpty()) {
            timetable.error(where, "the class is empty. This line is left out.");
            return null;
        }
        DayOfWeek day = weekday(fields[1].strip());
        if (day == null) {
            timetable.error(where, "'" + fields[1].strip() + "' is not a weekday: write monday ... sunday, mon ... sun"
                    + " or 1 (Monday) ... 7 (Sunday). This line is left out.");
            return null;
        }
        LocalTime start = time(fields[2].strip());
        LocalTime end = time(fields[3].strip());
        for (String[] checked : new String[][] {{"start", fields[2].strip()}, {"end", fields[3].strip()}}) {
            if (time(checked[1]) == null) {
                timetable.error(where, "the " + checked[0] + " '" + checked[1]
                        + "' is not a time of day: write HH:MM from 00:00 to 23:59. This line is left out.");
                return null;
            }
        }
        if (!start.isBefore(end)) {
            timetable.error(where, "the lesson ends (" + end + ") before it starts (" + start
                    + "); a lesson cannot span midnight. This line is left out.");
            return null;
        }
        String device = fields.length == 5 && !fields[4].isBlank() ? fields[4].strip() : null;
        return new Lesson(className, day, start, end, device, where);
    }

    static DayOfWeek weekday(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.matches("[1-7]")) {
            return DayOfWeek.of(Integer.parseInt(value));
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (value.equals(full) || value.equals(full.substring(0, 3))) {
                return day;
            }
        }
        return null;
    }

    static LocalTime time(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        return hour < 24 && minute < 60 ? LocalTime.of(hour, minute) : null;
    }
}
