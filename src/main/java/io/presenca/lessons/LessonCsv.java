package io.presenca.lessons;

import io.presenca.store.AttendanceCsv;
import io.presenca.store.Timestamps;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/** Lesson statuses as CSV, one row per student and lesson, with the cells of {@link AttendanceCsv}. */
public final class LessonCsv {

    public static final String HEADER =
            "class_name,lesson_date,start,end,student_id,name,status,record_id,first_seen_at,decided_at";

    private LessonCsv() {
    }

    /** Writes the header and one line per status; does not close {@code out}. */
    public static void write(Writer out, List<LessonMark> marks) throws IOException {
        out.write(HEADER);
        out.write(AttendanceCsv.LINE_END);
        for (LessonMark mark : marks) {
            out.write(String.join(",",
                    AttendanceCsv.field(mark.className()),
                    mark.date().toString(),
                    mark.start().toString(),
                    mark.end().toString(),
                    AttendanceCsv.field(mark.studentId()),
                    AttendanceCsv.field(mark.studentName()),
                    mark.status().column(),
                    AttendanceCsv.field(mark.recordId()),
                    time(mark.firstSeenAt()),
                    time(mark.decidedAt())));
            out.write(AttendanceCsv.LINE_END);
        }
        out.flush();
    }

    private static String time(Instant at) {
        return at == null ? "" : Timestamps.format(at);
    }
}
