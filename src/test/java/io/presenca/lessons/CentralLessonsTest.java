package io.presenca.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.config.Settings;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.sync.CentralDatabase;
import io.presenca.sync.PgSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lesson statuses, voids and the timetable between a gateway's SQLite and a real PostgreSQL. */
class CentralLessonsTest {

    private final LessonDay day = new LessonDay().firstStartAt("07:00");
    private final PgSupport pg = PgSupport.get();
    private final String pgDb = pg.newDatabase();
    private final Settings settings;

    CentralLessonsTest() {
        Map<String, String> values = new HashMap<>(pg.settings(pgDb, pg.host, pg.port));
        values.put("DEVICE_ID", LessonDay.DEVICE);
        settings = Settings.load(name -> Optional.ofNullable(values.get(name)));
    }

    @AfterEach
    void dropDatabase() {
        pg.dropDatabase(pgDb);
    }

    private CentralLessons gatewayOn(Database local) {
        return new CentralLessons(new CentralDatabase(settings), local, LessonDay.DEVICE, day.clock);
    }

    @Test
    void lessonStatusesReachPostgresExactlyOnceAcrossARestartAndAVoidReplacesTheStatus() throws SQLException {
        String bia = day.seen("bia", "08:15").id();
        day.seen("ana", "07:55");
        day.endLessonsAt("09:50");
        CentralLessons central = gatewayOn(day.db);

        assertEquals(8, central.sendStatuses(), "5A 08:00 and 09:00 (3 students each), 5B (2)");
        assertEquals(List.of("absent 6", "late 1", "present 1"), pgStatuses());

        // the gateway dies after PostgreSQL committed and before SQLite noted it: everything goes again
        day.db.withConnection(c -> Sql.update(c, "UPDATE lesson_attendance SET synced_version = 0"));
        CentralLessons restarted = gatewayOn(Database.open(day.db.file()));
        assertEquals(8, restarted.sendStatuses());
        assertEquals(List.of("absent 6", "late 1", "present 1"), pgStatuses(), "each status once");
        assertEquals(0, restarted.sendStatuses(), "nothing left to send");

        new LessonCorrections(day.db, day.lessons, LessonDay.DEVICE, 10, VoidListener.NONE)
                .voidRecord(bia, "not her", "admin");
        assertEquals(2, restarted.sendStatuses(), "bia's status and the void");
        assertEquals(List.of("absent 6", "present 1", "void 1"), pgStatuses());
        try (Connection c = pg.connect(pgDb)) {
            assertEquals(1, Sql.count(c, "SELECT count(*) FROM attendance_voids WHERE record_id = ?::uuid AND voided_by = 'admin'", bia));
            assertEquals(2, Sql.count(c, "SELECT version FROM lesson_attendance WHERE student_id = 'bia' AND starts_at = '08:00'"));
        }
        // the status sent again from an old copy (version 1) does not bring "late" back
        day.db.withConnection(c -> Sql.update(c, """
                UPDATE lesson_attendance SET status = 'late', version = 1, synced_version = 0
                WHERE student_id = 'bia' AND starts_at = '08:00'"""));
        restarted.sendStatuses();
        assertEquals(List.of("absent 6", "present 1", "void 1"), pgStatuses());
    }

    @Test
    void theCentralTimetableComesDownAndIsUsedWhenThereIsNoLocalFile() throws Exception {
        new CentralDatabase(settings).checkReady();
        pg.execute(pgDb, "INSERT INTO timetable VALUES ('5A', 3, '08:00', '08:50', NULL), ('5B', 3, '10:00', '11:30', 'door-5b')");

        assertEquals(2, gatewayOn(day.db).copyTimetableDown());

        TimetableSource source = new TimetableSource(day.home.resolve("no-such-timetable.csv"), day.db);
        source.reload();
        assertEquals("the central timetable", source.current().source());
        assertEquals(List.of(new Lesson("5A", DayOfWeek.WEDNESDAY, LocalTime.of(8, 0), LocalTime.of(8, 50), null,
                "central timetable row 5A/3/08:00"), new Lesson("5B", DayOfWeek.WEDNESDAY, LocalTime.of(10, 0),
                LocalTime.of(11, 30), "door-5b", "central timetable row 5B/3/10:00")), source.current().lessons());
        // the local file wins as soon as it is there
        java.nio.file.Files.write(day.home.resolve("no-such-timetable.csv"), List.of("class,weekday,start,end", "5A,mon,07:00,07:45"));
        source.reload();
        assertEquals(1, source.current().lessons().size());
    }

    private List<String> pgStatuses() throws SQLException {
        try (Connection c = pg.connect(pgDb)) {
            return Sql.list(c, "SELECT status || ' ' || count(*) FROM lesson_attendance GROUP BY status ORDER BY status",
                    row -> row.getString(1));
        }
    }
}
