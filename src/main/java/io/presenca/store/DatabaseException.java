package io.presenca.store;

/** The attendance database could not be opened, migrated or used; the message says what to do. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
