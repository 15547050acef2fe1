package io.presenca.students;

import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.EnrollmentPhoto;
import io.presenca.store.EnrollmentPhotoStore;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.store.Timestamps;
import io.presenca.students.EnrollmentReport.PhotoResult;
import io.presenca.students.EnrollmentReport.Status;
import io.presenca.vision.DescriptorModel;
import io.presenca.vision.PhotoFace;
import io.presenca.vision.PhotoFaceReader;
import io.presenca.vision.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls students from {@code FACES_DIR/<student_id>/*.{jpg,jpeg,png}}: one face template per
 * accepted photo. A re-run only redoes what changed: a photo with the same size and modified time as
 * last time is not even read, one whose content hash is unchanged is not decoded again, and photos
 * deleted from the folder lose their templates. Templates are made with the reader's descriptor model
 * and stored under its name; a photo enrolled under another model (an installation upgraded to a new
 * DESCRIPTORS) gets its template of this model from the photo, without anybody re-enrolling.
 *
 * <p>Logs name students by id and photos by path; descriptors, names and classes are never logged.
 */
public final class Enrollment {

    private static final Logger LOG = LoggerFactory.getLogger(Enrollment.class);

    private final Path facesDir;
    private final PhotoFaceReader reader;
    private final StudentStore students;
    private final TemplateStore templates;
    private final EnrollmentPhotoStore photos;
    private final ConsentStore consents;
    private final boolean requireConsent;
    private final DescriptorModel model;

    /** Enrollment that does not require consent (withdrawn consent still stops it): tests, evaluation. */
    public Enrollment(Path facesDir, PhotoFaceReader reader, Database db) {
        this(facesDir, reader, db, false);
    }

    /** @param requireConsent REQUIRE_CONSENT: students without consent in force are not enrolled */
    public Enrollment(Path facesDir, PhotoFaceReader reader, Database db, boolean requireConsent) {
        this.facesDir = Objects.requireNonNull(facesDir, "facesDir");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.students = new StudentStore(db);
        this.templates = new TemplateStore(db);
        this.photos = new EnrollmentPhotoStore(db);
        this.consents = new ConsentStore(db);
        this.requireConsent = requireConsent;
        this.model = reader.descriptorModel();
    }

    public Path facesDir() {
        return facesDir;
    }

    /**
     * Brings the database in line with the faces folder. Synchronized: a timer may call it while
     * the application runs. A bad photo never stops the run; a faces folder that cannot be listed
     * does (throwing {@link EnrollmentException}), since treating it as empty would delete every template.
     */
    public synchronized EnrollmentReport run() {
        EnrollmentReport report = new EnrollmentReport();
        Run run = new Run(report);
        List<StudentFolder> folders = scan(report);
        for (StudentFolder folder : folders) {
            run.enrollStudent(folder);
        }
        run.removeVanishedPhotos();
        for (StudentFolder folder : folders) {
            run.processPhotos(folder);
        }
        run.describeWithoutTemplate();
        run.remakeReleasedTemplates();
        run.warnAboutStudentsWithoutPhotos();
        if (report.changed()) {
            LOG.info("{}", report.summary());
        } else {
            LOG.debug("{}", report.summary());
        }
        return report;
    }

    /** The valid student folders, sorted by id; invalid ones become report warnings. */
    private List<StudentFolder> scan(EnrollmentReport report) {
        if (!Files.isDirectory(facesDir)) {
            throw new EnrollmentException("The faces folder " + facesDir.toAbsolutePath() + " does not exist or is not"
                    + " a folder. Check FACES_DIR; nothing was changed.");
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(facesDir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    dirs.add(entry);
                }
            }
        } catch (IOException | SecurityException e) {
            throw new EnrollmentException("Cannot list the faces folder " + facesDir.toAbsolutePath() + ": " + e
                    + ". Check FACES_DIR and its permissions; nothing was changed.", e);
        }
        dirs.sort(null);
        List<StudentFolder> folders = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                folders.add(StudentFolder.of(dir));
            } catch (StudentFolder.InvalidStudentIdException e) {
                report.warn(e.getMessage());
                LOG.warn("Enrollment: {}", e.getMessage());
            }
        }
        return folders;
    }

    /** The state of one run; kept out of the fields so nothing leaks from one run to the next. */
    private final class Run {
        private final EnrollmentReport report;
        /** What the database knew before this run, then what this run saved, by relative path. */
        private final Map<String, EnrollmentPhoto> rows = new LinkedHashMap<>();
        /** Photos on disk this run, by relative path. */
        private final Map<String, Path> onDisk = new LinkedHashMap<>();
        private final Map<String, List<Path>> photosByStudent = new HashMap<>();
        /** Students whose folder could not be listed: their stored photos are left alone. */
        private final Set<String> unlisted = new HashSet<>();
        /** Students skipped for want of consent: their stored photos and templates are removed. */
        private final Set<String> withoutConsent = new HashSet<>();
        /** Students with at least one accepted photo. */
        private final Set<String> usable = new HashSet<>();
        /**
         * (student, sha256) whose template was removed with a changed or deleted photo. Templates are
         * unique per student and content, so another photo of the student with that content may have
         * relied on it; it is re-made from that photo at the end of the run.
         */
        private final Set<List<String>> released = new LinkedHashSet<>();

        Run(EnrollmentReport report) {
            this.report = report;
            for (EnrollmentPhoto row : photos.all()) {
                rows.put(row.path(), row);
            }
        }

        void enrollStudent(StudentFolder folder) {
            String id = folder.id();
            StudentFile file = folder.studentFile();
            students.upsert(id, file.name(), file.className());
            report.countStudent();
            if (file.problem() != null) {
                report.warn("student " + id + ": " + file.problem());
                LOG.warn("Enrollment: student {} has an unreadable student file; enrolled without a name", id);
            }
            if (file.consent() != null) {
                consents.record(file.consent().forStudent(id));
            }
            String noConsent = consentProblem(id);
            if (noConsent != null) {
                withoutConsent.add(id);
                photosByStudent.put(id, List.of());
                report.skipWithoutConsent(id, noConsent);
                LOG.info("Enrollment: student {} skipped: {}", id, noConsent);
                return;
            }
            try {
                List<Path> found = folder.photos();
                photosByStudent.put(id, found);
                for (Path photo : found) {
                    onDisk.put(relativePath(id, photo), photo);
                }
            } catch (IOException | SecurityException e) {
                unlisted.add(id);
                photosByStudent.put(id, List.of());
                report.warn("student " + id + ": cannot list the folder (" + e + "); their photos were left as they were");
                LOG.warn("Enrollment: cannot list the folder of student {}: {}", id, e.toString());
            }
        }

        void removeVanishedPhotos() {
            for (EnrollmentPhoto row : List.copyOf(rows.values())) {
                if (onDisk.containsKey(row.path()) || unlisted.contains(row.studentId())) {
                    continue;
                }
                int removedTemplates = templates.removeForPhoto(row.path());
                photos.remove(row.path());
                rows.remove(row.path());
                if (removedTemplates > 0) {
                    released.add(List.of(row.studentId(), row.sha256()));
                }
                String why = withoutConsent.contains(row.studentId()) ? "no consent in force" : null;
                report.add(new PhotoResult(row.studentId(), row.path(), Status.REMOVED, why));
                LOG.info("Enrollment photo {} removed: {}", row.path(),
                        why == null ? "no longer in the faces folder" : why);
            }
        }

        void processPhotos(StudentFolder folder) {
            for (Path photo : photosByStudent.get(folder.id())) {
                processPhoto(folder.id(), photo);
            }
        }

        private void processPhoto(String studentId, Path photo) {
            String path = relativePath(studentId, photo);
            EnrollmentPhoto known = rows.get(path);
            long size;
            Instant modified;
            String sha;
            try {
                // Size and time before the hash: a file still being copied then looks changed next run.
                BasicFileAttributes attributes = Files.readAttributes(photo, BasicFileAttributes.class);
                size = attributes.size();
                modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
                if (known != null && known.sizeBytes() == size && modified.equals(known.modifiedAt())) {
                    unchanged(known);
                    return;
                }
                sha = Sha256.of(photo);
            } catch (IOException | SecurityException e) {
                // Not recorded, so it is tried again next run; what it gave before stays.
                String reason = PhotoFace.Outcome.UNREADABLE.text() + ": cannot be read (" + e + ")";
                report.add(new PhotoResult(studentId, path, Status.REJECTED, reason));
                LOG.info("Enrollment photo {} rejected: {}", path, reason);
                if (known != null && known.status() == EnrollmentPhoto.Status.ACCEPTED) {
                    usable.add(studentId);
                }
                return;
            }
            if (known != null && known.sha256().equals(sha)) {
                EnrollmentPhoto touched = new EnrollmentPhoto(path, studentId, sha, size, modified, known.status(),
                        known.reason(), known.processedAt());
                save(touched);
                unchanged(touched);
                return;
            }
            if (known != null && templates.removeForPhoto(path) > 0) {
                released.add(List.of(studentId, known.sha256()));
            }
            PhotoFace face = read(photo);
            EnrollmentPhoto.Status status;
            String reason;
            if (face.accepted()) {
                templates.add(studentId, model.storedName(), face.descriptor(), path, sha, face.quality().score());
                status = EnrollmentPhoto.Status.ACCEPTED;
                reason = null;
                usable.add(studentId);
                report.add(new PhotoResult(studentId, path, Status.ACCEPTED, null));
                LOG.debug("Enrollment photo {} accepted", path);
            } else {
                status = EnrollmentPhoto.Status.REJECTED;
                reason = reason(face, photo);
                report.add(new PhotoResult(studentId, path, Status.REJECTED, reason));
                LOG.info("Enrollment photo {} rejected: {}", path, reason);
            }
            save(new EnrollmentPhoto(path, studentId, sha, size, modified, status, reason, Timestamps.now()));
        }

        private void unchanged(EnrollmentPhoto row) {
            boolean accepted = row.status() == EnrollmentPhoto.Status.ACCEPTED;
            if (accepted) {
                usable.add(row.studentId());
            }
            String before = accepted ? "accepted" : row.reason() == null ? "rejected" : "rejected: " + row.reason();
            report.add(new PhotoResult(row.studentId(), row.path(), Status.UNCHANGED, before));
        }

        private void save(EnrollmentPhoto row) {
            photos.save(row);
            rows.put(row.path(), row);
        }

        /**
         * Accepted photos with no template of this model: enrolled under another model before an upgrade
         * or a change of DESCRIPTORS. Described from the photo, with a progress line as it may take minutes.
         */
        void describeWithoutTemplate() {
            Set<List<String>> described = templates.describedPhotos(model.storedName());
            Map<List<String>, EnrollmentPhoto> missing = new LinkedHashMap<>();
            for (EnrollmentPhoto row : rows.values()) {
                List<String> content = List.of(row.studentId(), row.sha256());
                if (row.status() == EnrollmentPhoto.Status.ACCEPTED && onDisk.containsKey(row.path())
                        && !described.contains(content)) {
                    missing.putIfAbsent(content, row); // twin photos share one template
                }
            }
            describeWithProgress(List.copyOf(missing.values()));
        }

        private void describeWithProgress(List<EnrollmentPhoto> missing) {
            int progressEvery = Math.max(1, missing.size() / 10);
            for (int done = 0; done < missing.size(); ) {
                describe(missing.get(done));
                done++;
                if (done % progressEvery == 0 || done == missing.size()) {
                    LOG.info("Enrollment: describing {} photos with {}: {}/{}", missing.size(), model.settingName(),
                            done, missing.size());
                }
            }
        }

        private void describe(EnrollmentPhoto row) {
            PhotoFace face = read(onDisk.get(row.path()));
            if (face.accepted()) {
                if (templates.add(row.studentId(), model.storedName(), face.descriptor(), row.path(), row.sha256(),
                        face.quality().score())) {
                    report.countDescribed();
                }
                return;
            }
            // It is not tried again on every rescan: the photo counts as rejected until it changes.
            String reason = reason(face, onDisk.get(row.path()));
            save(new EnrollmentPhoto(row.path(), row.studentId(), row.sha256(), row.sizeBytes(), row.modifiedAt(),
                    EnrollmentPhoto.Status.REJECTED, reason, Timestamps.now()));
            report.warn("photo " + row.path() + " gave no " + model.settingName() + " template: " + reason);
            LOG.warn("Enrollment photo {} gave no {} template: {}", row.path(), model.settingName(), reason);
        }

        /** Re-makes templates another photo with the same content was relying on (see {@link #released}). */
        void remakeReleasedTemplates() {
            for (List<String> studentAndSha : released) {
                for (EnrollmentPhoto row : rows.values()) {
                    if (row.studentId().equals(studentAndSha.get(0)) && row.sha256().equals(studentAndSha.get(1))
                            && row.status() == EnrollmentPhoto.Status.ACCEPTED && onDisk.containsKey(row.path())) {
                        PhotoFace face = read(onDisk.get(row.path()));
                        if (face.accepted() && templates.add(row.studentId(), model.storedName(),
                                face.descriptor(), row.path(), row.sha256(), face.quality().score())) {
                            LOG.info("Enrollment photo {}: template re-made, its twin photo changed or was removed",
                                    row.path());
                        }
                    }
                }
            }
        }

        void warnAboutStudentsWithoutPhotos() {
            for (String id : photosByStudent.keySet().stream().sorted().toList()) {
                if (!usable.contains(id) && !unlisted.contains(id) && !withoutConsent.contains(id)) {
                    report.warn("student " + id + " has no usable photo: they cannot be recognised");
                    LOG.warn("Enrollment: student {} has no usable photo and cannot be recognised", id);
                }
            }
        }
    }

    /** Why the student may not be enrolled, or null when they may. A withdrawal counts even without REQUIRE_CONSENT. */
    private String consentProblem(String studentId) {
        Consent consent = consents.find(studentId).orElse(null);
        if (consent != null && consent.revokedOn() != null) {
            return "consent was withdrawn on " + consent.revokedOn();
        }
        if (requireConsent && (consent == null || !consent.inForce())) {
            return "no guardian consent recorded (REQUIRE_CONSENT=true; add it to student.json or run"
                    + " `presenca consent " + studentId + " --given-by ...`)";
        }
        return null;
    }

    private PhotoFace read(Path photo) {
        try {
            return reader.read(photo);
        } catch (RuntimeException e) {
            // A decoder or detector failure on one odd file must not stop the others.
            return new PhotoFace(PhotoFace.Outcome.UNREADABLE, "could not be processed (" + e.getMessage() + ")",
                    0, null, null);
        }
    }

    /** "poor quality: blurry (...)", "no face found", "unreadable file: the file is empty". */
    static String reason(PhotoFace face, Path photo) {
        String text = face.outcome().text();
        String detail = face.detail();
        if (detail == null || detail.isBlank() || detail.equals(text)) {
            return text;
        }
        // The decoder names the file; the report line already does.
        String prefix = photo + ": ";
        if (detail.startsWith(prefix)) {
            detail = detail.substring(prefix.length());
        }
        return text + ": " + detail;
    }

    /** The path as stored: relative to the faces folder, '/' separated, the same on every OS. */
    static String relativePath(String studentId, Path photo) {
        return studentId + "/" + photo.getFileName();
    }
}
