package io.presenca.store;

import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Why SQLite refuses writes for a while, as a person would say it: the disk, the file or another
 * process, not the data. A write that fails this way can succeed later unchanged, so it is kept and
 * retried; any other failure (a constraint, a bug) is not one of these.
 */
public enum WriteFault {
    DISK_FULL("disk full", "Free space on that disk."),
    DISK_ERROR("disk error", "Check the disk (dmesg, SMART) and its mount."),
    DAMAGED("database damaged", "Stop the gateway, copy the file aside and restore it from a backup (or sqlite3 .recover)."),
    LOCKED("database locked by another process", "Find the process that holds it (fuser) and end its transaction."),
    READ_ONLY("database read-only", "Make the file and its folder writable by the gateway's user."),
    CANNOT_OPEN("database cannot be opened", "Check that the file and its folder exist and are writable.");

    private final String problem;
    private final String remedy;

    WriteFault(String problem, String remedy) {
        this.problem = problem;
        this.remedy = remedy;
    }

    /** "disk full", "database damaged", ... */
    public String problem() {
        return problem;
    }

    /** What the school's IT person should do about it. */
    public String remedy() {
        return remedy;
    }

    /** The fault behind {@code failure} (a DatabaseException or its SQLException), if it is one of these. */
    public static Optional<WriteFault> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return ofPrimaryCode(sqlite.getResultCode().code & 0xff);
            }
        }
        return Optional.empty();
    }

    private static Optional<WriteFault> ofPrimaryCode(int code) {
        if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            return Optional.of(DISK_FULL);
        }
        if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return Optional.of(DISK_ERROR);
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return Optional.of(DAMAGED);
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return Optional.of(LOCKED);
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
            return Optional.of(READ_ONLY);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return Optional.of(CANNOT_OPEN);
        }
        return Optional.empty();
    }
}
