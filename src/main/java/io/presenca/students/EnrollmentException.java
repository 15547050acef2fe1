package io.presenca.students;

/** An enrollment run that could not be done at all (not one bad photo: those are only reported). */
public final class EnrollmentException extends RuntimeException {

    public EnrollmentException(String message) {
        super(message);
    }

    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
