package io.presenca.students;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one enrollment run did: a line per photo, warnings per student (or skipped folder), and
 * counts. It names students by id and photos by path only; descriptors never appear in it.
 */
public final class EnrollmentReport {

    public enum Status {
        ACCEPTED, REJECTED, UNCHANGED, REMOVED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param relativePath the photo's path relative to the faces folder, with '/' separators
     * @param reason       why it was rejected; for UNCHANGED the earlier verdict; may be null
     */
    public record PhotoResult(String studentId, String relativePath, Status status, String reason) {

        /** "  ana-souza/1.jpg  accepted", "  bob/2.jpg  rejected: no face found". */
        public String line() {
            String verdict = switch (status) {
                case REJECTED -> reason == null ? "rejected" : "rejected: " + reason;
                case UNCHANGED -> reason == null ? "unchanged" : "unchanged (" + reason + ")";
                default -> status.text();
            };
            return "  " + relativePath + "  " + verdict;
        }
    }

    private final List<PhotoResult> photos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> withoutConsent = new ArrayList<>();
    private int students;
    private int described;

    EnrollmentReport() {
    }

    void skipWithoutConsent(String studentId, String why) {
        withoutConsent.add(studentId);
        warnings.add("student " + studentId + " skipped: " + why + "; their photos are not enrolled");
    }

    /** Students not enrolled because their guardian's consent is missing or withdrawn. */
    public List<String> withoutConsent() {
        return Collections.unmodifiableList(withoutConsent);
    }

    void add(PhotoResult result) {
        photos.add(result);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    void countStudent() {
        students++;
    }

    void countDescribed() {
        described++;
    }

    public List<PhotoResult> photos() {
        return Collections.unmodifiableList(photos);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Student folders enrolled (valid ids), with or without a usable photo. */
    public int students() {
        return students;
    }

    public int accepted() {
        return count(Status.ACCEPTED);
    }

    public int rejected() {
        return count(Status.REJECTED);
    }

    public int unchanged() {
        return count(Status.UNCHANGED);
    }

    public int removed() {
        return count(Status.REMOVED);
    }

    /** Photos enrolled earlier that got a template of the configured descriptor this run (an upgrade). */
    public int described() {
        return described;
    }

    public List<PhotoResult> withStatus(Status status) {
        return photos.stream().filter(p -> p.status() == status).toList();
    }

    /** Whether templates may have changed: only then does the in-memory gallery need reloading. */
    public boolean changed() {
        return accepted() + rejected() + removed() + described > 0;
    }

    /** "Enrollment: 3 students, 5 photos accepted, 2 rejected, 0 unchanged, 0 removed". */
    public String summary() {
        return "Enrollment: " + students + (students == 1 ? " student, " : " students, ")
                + accepted() + (accepted() == 1 ? " photo" : " photos") + " accepted, "
                + rejected() + " rejected, " + unchanged() + " unchanged, " + removed() + " removed"
                + (described == 0 ? "" : ", " + described + " described with the new descriptor")
                + (withoutConsent.isEmpty() ? "" : ", " + withoutConsent.size() + " skipped without consent");
    }

    /** One line per photo, then the warnings, then the summary. */
    public void print(PrintStream out) {
        for (PhotoResult photo : photos) {
            out.println(photo.line());
        }
        for (String warning : warnings) {
            out.println("  warning: " + warning);
        }
        out.println(summary());
    }

    @Override
    public String toString() {
        return summary();
    }

    private int count(Status status) {
        return (int) photos.stream().filter(p -> p.status() == status).count();
    }
}
