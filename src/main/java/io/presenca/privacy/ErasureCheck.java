package io.presenca.privacy;

import io.presenca.config.EraseAttendance;
import io.presenca.rekognition.FaceCollection;
import io.presenca.store.Database;
import io.presenca.store.ErasureProbe;
import io.presenca.store.Sql;
import io.presenca.store.StudentErasure;
import io.presenca.sync.CentralDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code verify-erased <student_id>}: looks for the student in every store. Besides the tables, it reads
 * the SQLite file and its write-ahead log as raw bytes, for the id (unless ERASE_ATTENDANCE=keep keeps
 * it on attendance records on purpose) and for every template and crop the erasure removed (found again
 * by the probes in {@code erasure_log}), so nothing survives in free pages or old log frames.
 */
public final class ErasureCheck {

    private final Path facesDir;
    private final Database db;
    private final FaceCollection rekognition;
    private final CentralDatabase central;

    public ErasureCheck(Path facesDir, Database db, FaceCollection rekognition, CentralDatabase central) {
        this.facesDir = facesDir;
        this.db = db;
        this.rekognition = rekognition;
        this.central = central;
    }

    public ErasureReport verify(String studentId, EraseAttendance attendance) {
        ErasureReport report = new ErasureReport("Checking that student " + ErasedStudents.validId(studentId)
                + " is erased");
        StudentErasure erasure = new StudentErasure(db);
        String hash = ErasedStudents.hash(studentId);
        if (!erasure.erasedBefore(hash)) {
            report.failed("erasure log", "no erasure of this student is recorded here: run `erase " + studentId + "` first");
        }
        Path folder = ErasedStudents.folder(facesDir, studentId);
        if (Files.exists(folder)) {
            report.failed("photos " + folder, "the folder still exists");
        } else {
            report.ok("photos " + folder, "gone");
        }
        checkTables(erasure.remaining(studentId), attendance, report);
        checkRawFiles(studentId, attendance, erasure.probes(hash), report);
        checkRekognition(studentId, report);
        checkCentral(studentId, report);
        return report;
    }

    private static void checkTables(Map<String, Long> remaining, EraseAttendance attendance, ErasureReport report) {
        boolean keep = attendance == EraseAttendance.KEEP;
        remaining.forEach((table, n) -> {
            boolean expected = keep && (table.equals("attendance_records") || table.equals("lesson_attendance")
                    || table.equals("students"));
            if (expected) {
                report.ok("SQLite " + table, n + " rows kept (ERASE_ATTENDANCE=keep; no name, no face)");
            } else {
                report.failed("SQLite " + table, n + " rows still name the student");
            }
        });
        if (remaining.isEmpty()) {
            report.ok("SQLite tables", "no row names the student");
        }
    }

    private void checkRawFiles(String studentId, EraseAttendance attendance, List<ErasureProbe> probes,
                               ErasureReport report) {
        byte[] id = studentId.getBytes(StandardCharsets.UTF_8);
        for (Path file : List.of(db.file(), Path.of(db.file() + "-wal"))) {
            if (!Files.exists(file)) {
                report.ok("raw " + file.getFileName(), "absent");
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                report.failed("raw " + file.getFileName(), "cannot be read (" + e + ")");
                continue;
            }
            List<String> found = new ArrayList<>();
            if (attendance != EraseAttendance.KEEP && indexOf(bytes, id) >= 0) {
                found.add("the student id");
            }
            long blobs = probes.stream().filter(p -> p.foundIn(bytes)).count();
            if (blobs > 0) {
                found.add(blobs + " of " + probes.size() + " erased templates or crops");
            }
            if (found.isEmpty()) {
                report.ok("raw " + file.getFileName(), bytes.length + " bytes, none of " + probes.size()
                        + " erased templates or crops" + (attendance == EraseAttendance.KEEP ? "" : ", nor the id"));
            } else {
                report.failed("raw " + file.getFileName(), "still holds " + String.join(" and ", found)
                        + " (stop the gateway and run `erase` again to compact the file)");
            }
        }
    }

    private void checkRekognition(String studentId, ErasureReport report) {
        if (rekognition == null) {
            report.ok("Rekognition", "not used (MATCHER=local)");
            return;
        }
        try {
            int faces = rekognition.facesOf(studentId).size();
            if (faces == 0) {
                report.ok("Rekognition collection " + rekognition.id(), "no face of the student");
            } else {
                report.failed("Rekognition collection " + rekognition.id(), faces + " faces of the student remain");
            }
        } catch (RuntimeException e) {
            report.failed("Rekognition collection " + rekognition.id(), "cannot be checked now (" + e.getMessage() + ")");
        }
    }

    private void checkCentral(String studentId, ErasureReport report) {
        if (central == null) {
            report.ok("central PostgreSQL", "not configured");
            return;
        }
        try {
            long templates = central.inTransaction(c -> Sql.count(c,
                    "SELECT count(*) FROM face_templates WHERE student_id = ?", studentId));
            if (templates == 0) {
                report.ok("central PostgreSQL face_templates", "no template of the student");
            } else {
                report.failed("central PostgreSQL face_templates", templates + " templates of the student remain");
            }
        } catch (RuntimeException e) {
            report.failed("central PostgreSQL", "cannot be checked now (" + e.getMessage() + ")");
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
