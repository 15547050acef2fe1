package io.presenca.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Less free space than this on the database's disk makes an I/O error a full disk. */
    private static final long NEARLY_FULL_BYTES = 1024 * 1024;

    /**
     * The fault behind {@code failure} writing {@code file}. SQLite reports a full disk as SQLITE_FULL only
     * where it sees ENOSPC itself; growing the shared-memory file on a full disk is an I/O error, so an
     * I/O error on a disk with next to no space left is called what it is.
     */
    public static Optional<WriteFault> of(Throwable failure, Path file) {
        Optional<WriteFault> fault = of(failure);
        if (fault.equals(Optional.of(DISK_ERROR)) && file != null) {
            try {
                if (Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace() < NEARLY_FULL_BYTES) {
                    return Optional.of(DISK_FULL);
                }
            } catch (IOException | RuntimeException unreadable) {
                // the disk cannot even say how full it is: an I/O error it stays
            }
        }
        return fault;
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
