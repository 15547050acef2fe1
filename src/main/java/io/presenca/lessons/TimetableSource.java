package io.presenca.lessons;

import io.presenca.store.Database;
import io.presenca.store.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timetable in force: the local file (TIMETABLE) when it exists, else the copy of the central
 * timetable in SQLite. The local file wins so that a school can correct a room's lessons at once,
 * without waiting for the central office. Reloaded by a timer route when either changes; the
 * problems of a new version are logged once.
 */
public final class TimetableSource {

    private static final Logger LOG = LoggerFactory.getLogger(TimetableSource.class);

    private final Path file;
    private final Database db;
    private volatile Timetable current = Timetable.EMPTY;
    private Object loadedVersion;

    public TimetableSource(Path file, Database db) {
        this.file = file;
        this.db = db;
    }

    public Timetable current() {
        return current;
    }

    /** Route step: reads the timetable again if its file or central copy changed; returns whether it did. */
    public synchronized boolean reload() {
        Object version = version();
        if (Objects.equals(version, loadedVersion)) {
            return false;
        }
        Timetable timetable = read();
        loadedVersion = version;
        current = timetable;
        LOG.info("Timetable from {}: {} lessons of {} classes{}", timetable.source(), timetable.lessons().size(),
                timetable.classes().size(), timetable.problems().isEmpty() ? ""
                        : ", " + timetable.problems().size() + " problem(s) below");
        for (TimetableProblem problem : timetable.problems()) {
            if (problem.error()) {
                LOG.error("Timetable: {}", problem);
            } else {
                LOG.warn("Timetable: {}", problem);
            }
        }
        return true;
    }

    /** What identifies the content: the file's size and time, or the central rows. */
    private Object version() {
        if (Files.isRegularFile(file)) {
            try {
                return List.of(file.toString(), Files.size(file), Files.getLastModifiedTime(file));
            } catch (IOException e) {
                return List.of(file.toString(), e.toString());
            }
        }
        return centralLessons();
    }

    private Timetable read() {
        Set<String> classes = knownClasses();
        if (Files.isRegularFile(file)) {
            try {
                return TimetableFile.read(file, classes);
            } catch (IOException e) {
                Timetable.Builder unreadable = new Timetable.Builder(file.toString(), classes);
                unreadable.error(file.toString(), "cannot be read (" + e.getMessage()
                        + "); no lessons until it can. Check the file's permissions.");
                return unreadable.build();
            }
        }
        Timetable.Builder central = new Timetable.Builder("the central timetable", classes);
        centralLessons().forEach(central::add);
        return central.build();
    }

    private List<Lesson> centralLessons() {
        return db.withConnection(c -> Sql.list(c, """
                SELECT class_name, weekday, starts_at, ends_at, device_id FROM central_timetable
                ORDER BY class_name, weekday, starts_at""",
                row -> new Lesson(row.getString(1), DayOfWeek.of(row.getInt(2)), LocalTime.parse(row.getString(3)),
                        LocalTime.parse(row.getString(4)), row.getString(5),
                        "central timetable row " + row.getString(1) + "/" + row.getInt(2) + "/" + row.getString(3))));
    }

    private Set<String> knownClasses() {
        List<String> classes = db.withConnection(c -> Sql.list(c, """
                SELECT DISTINCT class_name FROM students
                WHERE active = 1 AND deleted_at IS NULL AND class_name IS NOT NULL""", row -> row.getString(1)));
        return new TreeSet<>(classes);
    }
}
