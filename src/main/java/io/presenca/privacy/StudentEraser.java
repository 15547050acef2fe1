package io.presenca.privacy;

import io.presenca.config.EraseAttendance;
import io.presenca.rekognition.FaceCollection;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.StudentErasure;
import io.presenca.store.StudentErasure.Scope;
import io.presenca.sync.CentralDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a student everywhere the gateway put them: enrollment photos under FACES_DIR, the SQLite rows
 * (templates, crops, review items, rechecks, consent; attendance per ERASE_ATTENDANCE), Rekognition's
 * faces (DeleteFaces) and the central PostgreSQL templates when those are configured, then compacts
 * the SQLite file so nothing is left in free pages or the write-ahead log. Remote stores go first: when
 * one cannot be reached the local rows that say what to delete there are kept, and a re-run finishes.
 */
public final class StudentEraser {

    private static final Logger LOG = LoggerFactory.getLogger(StudentEraser.class);

    private final Path facesDir;
    private final Database db;
    private final FaceCollection rekognition;
    private final CentralDatabase central;

    /** @param rekognition null when MATCHER=local; @param central null when central sync is not configured */
    public StudentEraser(Path facesDir, Database db, FaceCollection rekognition, CentralDatabase central) {
        this.facesDir = facesDir;
        this.db = db;
        this.rekognition = rekognition;
        this.central = central;
    }

    /** {@code erase <student_id>}: everything, attendance as {@code attendance} says. */
    public ErasureReport erase(String studentId, EraseAttendance attendance) {
        return run(studentId, Scope.EVERYTHING, attendance, "Erasing student " + ErasedStudents.validId(studentId));
    }

    /** After consent was withdrawn: the face data only; attendance, the student and the withdrawal stay. */
    public ErasureReport eraseFaceData(String studentId) {
        return run(studentId, Scope.BIOMETRIC_ONLY, EraseAttendance.KEEP,
                "Erasing the face data of student " + ErasedStudents.validId(studentId) + " (consent withdrawn)");
    }

    private ErasureReport run(String studentId, Scope scope, EraseAttendance attendance, String title) {
        ErasureReport report = new ErasureReport(title);
        deletePhotos(studentId, report);
        boolean remoteDone = deleteFromRekognition(studentId, report) & deleteFromCentral(studentId, scope, attendance, report);
        if (!remoteDone) {
            report.failed("SQLite", "left as it was, so the next run knows what is left to delete remotely");
            // neither the id nor a path naming it: this log outlives the erasure
            LOG.warn("Erasure of a student not complete: {} of {} stores could not be cleared; its report says which",
                    report.lines().stream().filter(l -> !l.ok()).count(), report.lines().size());
            return report;
        }
        StudentErasure.Erased erased = new StudentErasure(db).erase(studentId, scope, attendance,
                ErasedStudents.hash(studentId));
        erased.rows().forEach((table, n) -> report.ok("SQLite " + table, n + (n == 1 ? " row" : " rows")));
        boolean compacted = new StudentErasure(db).compact();
        if (compacted) {
            report.ok("SQLite file", "vacuumed; write-ahead log emptied (secure_delete on)");
        } else {
            report.failed("SQLite file", "vacuumed, but a reader kept the write-ahead log from being emptied;"
                    + " run `verify-erased` after stopping the gateway");
        }
        // the id is not logged: this log outlives the erasure
        LOG.info("Erasure done: {} stores, {} blobs erased, complete={}", report.lines().size(), erased.probes().size(),
                report.complete());
        return report;
    }

    private void deletePhotos(String studentId, ErasureReport report) {
        Path folder = ErasedStudents.folder(facesDir, studentId);
        if (!Files.exists(folder)) {
            report.ok("photos " + folder, "none");
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            long files = 0;
            for (Path path : paths) {
                if (Files.isRegularFile(path)) {
                    files++;
                }
                Files.delete(path);
            }
            report.ok("photos " + folder, files + " files deleted with the folder");
        } catch (IOException | SecurityException e) {
            report.failed("photos " + folder, "cannot delete (" + e + "): check the folder's permissions");
        }
    }

    private boolean deleteFromRekognition(String studentId, ErasureReport report) {
        if (rekognition == null) {
            long known = db.withConnection(c -> Sql.count(c,
                    "SELECT count(*) FROM rekognition_faces WHERE student_id = ? AND face_id IS NOT NULL", studentId));
            if (known == 0) {
                report.ok("Rekognition", "not used (MATCHER=local)");
            } else {
                report.failed("Rekognition", known + " faces were indexed, but MATCHER=local: set MATCHER and the AWS"
                        + " settings again and re-run, or delete them in the collection by hand");
                return false;
            }
            return true;
        }
        try {
            List<String> faces = rekognition.facesOf(studentId);
            rekognition.delete(faces);
            report.ok("Rekognition collection " + rekognition.id(), faces.size() + " faces deleted (DeleteFaces)");
            return true;
        } catch (RuntimeException e) {
            report.failed("Rekognition collection " + rekognition.id(), "cannot delete now (" + e.getMessage() + ")");
            return false;
        }
    }

    private boolean deleteFromCentral(String studentId, Scope scope, EraseAttendance attendance, ErasureReport report) {
        if (central == null) {
            report.ok("central PostgreSQL", "not configured");
            return true;
        }
        try {
            Map<String, Integer> counts = central.inTransaction(c -> {
                Map<String, Integer> rows = new java.util.LinkedHashMap<>();
                rows.put("face_templates", Sql.update(c, "DELETE FROM face_templates WHERE student_id = ?", studentId));
                if (scope == Scope.EVERYTHING && attendance == EraseAttendance.DELETE) {
                    rows.put("attendance_records (delete)",
                            Sql.update(c, "DELETE FROM attendance_records WHERE student_id = ?", studentId));
                } else if (scope == Scope.EVERYTHING && attendance == EraseAttendance.PSEUDONYMISE) {
                    String pseudonym = "erased-" + java.util.UUID.randomUUID().toString().substring(0, 13);
                    rows.put("attendance_records (pseudonymise)", Sql.update(c,
                            "UPDATE attendance_records SET student_id = ? WHERE student_id = ?", pseudonym, studentId));
                }
                return rows;
            });
            counts.forEach((table, n) -> report.ok("central PostgreSQL " + table, n + (n == 1 ? " row" : " rows")));
            return true;
        } catch (RuntimeException e) {
            report.failed("central PostgreSQL", "cannot delete now (" + e.getMessage() + "); the database user needs"
                    + " DELETE on face_templates (and UPDATE/DELETE on attendance_records for ERASE_ATTENDANCE)");
            return false;
        }
    }
}
