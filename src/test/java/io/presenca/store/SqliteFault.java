package io.presenca.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A full disk as SQLite reports it, at the JDBC layer: while on, every INSERT into attendance_records
 * fails with SQLITE_FULL (the driver's own exception and code); everything else goes to the real file.
 * Put it on a database with {@link Database#wrappingConnections}.
 */
public final class SqliteFault {

    private final AtomicBoolean on = new AtomicBoolean();
    private final AtomicBoolean unreadable = new AtomicBoolean();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int fillAfterWritten = Integer.MAX_VALUE;
    private volatile int freeAfterRefused = Integer.MAX_VALUE;

    /** The disk fills now. */
    public SqliteFault fill() {
        on.set(true);
        return this;
    }

    /** The disk fills once {@code inserts} attendance records are written, and is freed after {@code refusals} refused inserts. */
    public SqliteFault fillAfter(int inserts, int refusals) {
        fillAfterWritten = inserts;
        freeAfterRefused = refusals;
        return this;
    }

    /** Worse: the disk fails every statement, reads included, with SQLITE_IOERR. */
    public SqliteFault failEverything() {
        unreadable.set(true);
        return this;
    }

    /** Space is freed. */
    public void free() {
        fillAfterWritten = Integer.MAX_VALUE;
        on.set(false);
    }

    /** Inserts refused so far. */
    public int refused() {
        return refused.get();
    }

    public UnaryOperator<Connection> connections() {
        return this::wrap;
    }

    public Database on(Database db) {
        return db.wrappingConnections(connections());
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (unreadable.get() && (method.getName().startsWith("prepare") || method.getName().equals("createStatement"))) {
                throw new SQLiteException("[SQLITE_IOERR] Some kind of disk I/O error occurred (disk I/O error)",
                        SQLiteErrorCode.SQLITE_IOERR);
            }
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                    && sql.strip().toUpperCase(Locale.ROOT).startsWith("INSERT INTO ATTENDANCE_RECORDS")) {
                if (written.get() >= fillAfterWritten && refused.get() < freeAfterRefused) {
                    on.set(true);
                }
                if (!on.get()) {
                    written.incrementAndGet();
                    return method.invoke(real, args);
                }
                if (refused.incrementAndGet() >= freeAfterRefused) {
                    on.set(false);
                }
                throw new SQLiteException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)",
                        SQLiteErrorCode.SQLITE_FULL);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
