package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttendanceCsvTest {

    @Test
    void writesHeaderAndFormattedFields() throws IOException {
        AttendanceRow row = new AttendanceRow("r1", "s1", "Ana", "5A", Instant.parse("2026-11-24T08:01:02Z"),
                "cam-1", 97.26, "dlib-l2", SyncStatus.PENDING, 0.31234);

        assertEquals(AttendanceCsv.HEADER + "\r\n"
                + "r1,s1,Ana,5A,2026-11-24T08:01:02.000Z,cam-1,97.3,dlib-l2,pending,0.3123\r\n", csv(row));
    }

    @Test
    void quotesCommasQuotesAndLineBreaks() throws IOException {
        AttendanceRow row = new AttendanceRow("r1", "s1", "Souza, Ana \"Aninha\"", "5A\nmanhã",
                Instant.parse("2026-11-24T08:01:02.123Z"), "cam-1", null, "m", SyncStatus.SYNCED, null);

        assertEquals(AttendanceCsv.HEADER + "\r\n"
                + "r1,s1,\"Souza, Ana \"\"Aninha\"\"\",\"5A\nmanhã\",2026-11-24T08:01:02.123Z,cam-1,,m,synced,\r\n",
                csv(row));
    }

    @Test
    void cellsASpreadsheetWouldRunAsAFormulaAreWrittenAsText() throws IOException {
        AttendanceRow row = new AttendanceRow("r1", "-2+3", "=HYPERLINK(\"http://x\",\"click\")", "@SUM(A1)",
                Instant.parse("2026-11-24T08:01:02Z"), "+cam", null, "\tm", SyncStatus.PENDING, null);
        AttendanceRow carriageReturn = new AttendanceRow("r2", "s2", "\r=1+1", "5A", Instant.parse("2026-11-24T08:01:02Z"),
                "cam", null, "m", SyncStatus.PENDING, -0.5);

        StringWriter out = new StringWriter();
        AttendanceCsv.write(out, List.of(row, carriageReturn));
        assertEquals(AttendanceCsv.HEADER + "\r\n"
                + "r1,'-2+3,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'@SUM(A1),2026-11-24T08:01:02.000Z,'+cam,,'\tm,pending,\r\n"
                + "r2,s2,\"'\r=1+1\",5A,2026-11-24T08:01:02.000Z,cam,,m,pending,-0.5000\r\n", out.toString());
    }

    private static String csv(AttendanceRow row) throws IOException {
        StringWriter out = new StringWriter();
        AttendanceCsv.write(out, List.of(row));
        return out.toString();
    }
}
