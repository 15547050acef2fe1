package io.presenca.store;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes attendance rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line
 * break are quoted and their quotes doubled), the format schools open in a spreadsheet, for the
 * {@code export} command and the dashboard's download alike. A text cell a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR: a name from student.json or the central database)
 * gets a leading apostrophe, so it shows as text instead of running.
 */
public final class AttendanceCsv {
    public static final String HEADER =
            "record_id,student_id,name,class_name,captured_at,device_id,confidence,matcher,sync_status,distance";
    /** RFC 4180's line end, for other CSV writers of the gateway. */
    public static final String LINE_END = "\r\n";
    /** What spreadsheets (Excel, LibreOffice, Sheets) take as the start of a formula (OWASP's CSV injection list). */
    private static final String FORMULA_START = "=+-@\t\r";

    private AttendanceCsv() {
    }

    /** Writes the header and one line per row; does not close {@code out}. */
    public static void write(Writer out, List<AttendanceRow> rows) throws IOException {
        out.write(HEADER);
        out.write(LINE_END);
        for (AttendanceRow row : rows) {
            out.write(String.join(",",
                    field(row.recordId()),
                    field(row.studentId()),
                    field(row.name()),
                    field(row.className()),
                    row.capturedAt() == null ? "" : Timestamps.format(row.capturedAt()),
                    field(row.deviceId()),
                    number(row.confidence(), "%.1f"),
                    field(row.matcher()),
                    row.syncStatus() == null ? "" : row.syncStatus().column(),
                    number(row.distance(), "%.4f")));
            out.write(LINE_END);
        }
        out.flush();
    }

    /** One cell as RFC 4180 wants it, formula starts neutralised; the lesson export writes its cells with it too. */
    public static String field(String raw) {
        if (raw == null) {
            return "";
        }
        String value = FORMULA_START.indexOf(raw.isEmpty() ? 'x' : raw.charAt(0)) >= 0 ? "'" + raw : raw;
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    // Locale.ROOT: a decimal comma would split the field.
    private static String number(Double value, String format) {
        return value == null ? "" : String.format(Locale.ROOT, format, value);
    }
}
