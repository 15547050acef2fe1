package io.presenca.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The local SQLite attendance database. Connections are opened per operation (cheap for SQLite)
 * so nothing is shared between threads; SQLite's own locking plus a busy timeout serialises writers.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Where the encryption key is kept when PRESENCA_KEY_FILE and PRESENCA_KEY are not set: beside the database. */
    public static final String DEFAULT_KEY_FILE = "presenca.key";
    /** How long opening waits for another process that is creating the same database file. */
    private static final Duration FIRST_WRITE_PATIENCE = Duration.ofSeconds(10);

    private final Path file;
    private final SQLiteDataSource dataSource;
    private final BlobCipher cipher;
    private final UnaryOperator<Connection> connections;
    private volatile String damage;

    private Database(Path file, SQLiteDataSource dataSource, BlobCipher cipher, UnaryOperator<Connection> connections) {
        this.file = file;
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.connections = connections;
    }

    /** Opens the database with the key in {@code presenca.key} beside it (created on first start). */
    public static Database open(Path file) {
        return open(file, null);
    }

    /**
     * Opens (creating if needed, owner-only) the database file, applies any pending migrations and
     * encrypts templates and crops stored before encryption. {@code cipher} null: the default key file.
     */
    public static Database open(Path file, BlobCipher cipher) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path folder = absolute.getParent();
            if (folder != null) {
                OwnerOnlyFiles.createDirectories(folder);
            }
            createOwnerOnly(absolute);
        } catch (IOException | SecurityException e) {
            throw cannotOpen(absolute, e);
        }
        BlobCipher blobs = cipher != null ? cipher : BlobCipher.fromKeyFile(absolute.resolveSibling(DEFAULT_KEY_FILE));
        Database db = new Database(absolute, configuredDataSource(absolute), blobs, UnaryOperator.identity());
        firstWrite(db, absolute);
        db.quickCheck();
        Migrations.applyPending(db);
        BlobEncryption.encryptPlaintext(db);
        return db;
    }

    /**
     * VACUUM, then the write-ahead log emptied into the file and truncated: erased bytes are left in
     * neither. Returns false when a reader kept the log from being emptied entirely.
     */
    public boolean compact() {
        return withConnection(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("VACUUM");
                try (java.sql.ResultSet result = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    return result.next() && result.getInt(1) == 0;
                }
            }
        });
    }

    /**
     * The same database, every connection of it passed through {@code wrapper} first: for tests that
     * make SQLite fail the way a full disk or a damaged file does.
     */
    public Database wrappingConnections(UnaryOperator<Connection> wrapper) {
        Database wrapped = new Database(file, dataSource, cipher, c -> wrapper.apply(connections.apply(c)));
        wrapped.damage = damage;
        return wrapped;
    }

    /**
     * What {@code PRAGMA quick_check} found wrong at start (damaged pages, broken indexes), if anything.
     * The gateway still starts, so attendance is kept (see SPILL_PATH) while a person restores the file.
     */
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    private void quickCheck() {
        try {
            List<String> findings = withConnection(c -> Sql.list(c, "PRAGMA quick_check", row -> row.getString(1)));
            damage = findings.equals(List.of("ok")) ? null : String.join("; ", findings.subList(0, Math.min(3, findings.size())));
        } catch (DatabaseException e) {
            damage = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        }
        if (damage != null) {
            LOG.error("The attendance database {} is damaged ({}). Stop the gateway, copy the file aside and restore it"
                    + " from a backup (or rescue it with sqlite3 .recover); until then attendance that cannot be written"
                    + " waits in SPILL_PATH.", file, damage);
        }
    }

    /** Encrypts and decrypts the face templates and crops this database stores. */
    public BlobCipher cipher() {
        return cipher;
    }

    /** Before SQLite creates the file, so that it and its -wal and -shm files are 0600. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.isDirectory(file.getParent()) && !Files.exists(file)) {
            try {
                OwnerOnlyFiles.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it a moment ago
            }
        }
    }

    /**
     * A write up front, so an unwritable file fails here with the helpful message rather than later in
     * the middle of recording attendance. Switching a new file to WAL needs it alone for a moment, and
     * the driver sets journal_mode before busy_timeout: a process opening the same new file at that
     * moment (a command while the gateway starts) waits and tries again instead of failing.
     */
    private static void firstWrite(Database db, Path file) {
        long giveUpAt = System.nanoTime() + FIRST_WRITE_PATIENCE.toNanos();
        while (true) {
            try {
                db.withConnection(c -> Sql.update(c, """
                        CREATE TABLE IF NOT EXISTS schema_version(
                            version INTEGER PRIMARY KEY,
                            description TEXT,
                            applied_at TEXT)"""));
                return;
            } catch (DatabaseException e) {
                boolean busy = e.getCause() instanceof SQLException sql && sql.getMessage() != null
                        && sql.getMessage().contains("SQLITE_BUSY");
                if (!busy || System.nanoTime() > giveUpAt) {
                    throw cannotOpen(file, e.getCause());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw cannotOpen(file, e.getCause());
                }
            }
        }
    }

    private static SQLiteDataSource configuredDataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL + FULL: a committed attendance record survives power loss, and readers never block writers.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Writers wait for each other instead of failing with SQLITE_BUSY.
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // Deleted rows are overwritten with zeros, so an erased face template or crop does not linger in
        // free pages of the file (see `erase` and `verify-erased`).
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // BEGIN IMMEDIATE takes the write lock at the start, so a check-then-insert transaction
        // cannot be interleaved with another one (and never needs a lock upgrade that could fail).
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    public Path file() {
        return file;
    }

    /** For code (e.g. Camel routes) that wants plain JDBC; every connection has the pragmas above. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A new connection with the pragmas applied; the caller closes it. */
    public Connection connect() throws SQLException {
        return connections.apply(dataSource.getConnection());
    }

    /** Runs {@code work} in one IMMEDIATE transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connect()) {
            return Sql.inTransaction(c, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Runs {@code work} in auto-commit mode: for reads and single statements. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The highest migration applied to this database, 0 for a new one. */
    public int schemaVersion() {
        return withConnection(c -> (int) Sql.count(c, "SELECT coalesce(max(version), 0) FROM schema_version"));
    }

    /** Nothing to release: connections are opened and closed per operation. */
    @Override
    public void close() {
    }

    private DatabaseException failed(SQLException e) {
        return new DatabaseException("Attendance database " + file + ": " + e.getMessage(), e);
    }

    private static DatabaseException cannotOpen(Path file, Throwable cause) {
        return new DatabaseException("Cannot open the attendance database at " + file + ": " + reason(cause)
                + ". Check SQLITE_PATH and folder permissions.", cause);
    }

    private static String reason(Throwable cause) {
        if (cause instanceof FileAlreadyExistsException e) {
            return e.getFile() + " is a file, not a folder";
        }
        if (cause instanceof AccessDeniedException e) {
            return "permission denied on " + e.getFile();
        }
        if (cause instanceof FileSystemException e) {
            return e.getReason() + " (" + e.getFile() + ")";
        }
        return String.valueOf(cause.getMessage());
    }
}
