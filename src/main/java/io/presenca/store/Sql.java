package io.presenca.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that prepares statements, binds parameters and reads rows, so the stores
 * only hold SQL and mapping. An {@link Instant} parameter is bound as {@link Timestamps} text.
 */
public final class Sql {
    private Sql() {
    }

    /** Runs an INSERT/UPDATE/DELETE/DDL statement; returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs {@code work} as one transaction on {@code c}: committed if it returns, rolled back if it
     * throws (a failed rollback is attached to the work's own failure, the one worth reporting).
     */
    public static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /** Runs one statement per parameter row as a single JDBC batch; returns the rows changed per row. */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            return rows.isEmpty() ? new int[0] : statement.executeBatch();
        }
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public static <T> Optional<T> first(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        }
    }

    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, row -> Boolean.TRUE, params).isPresent();
    }

    /** Reads the first column of a one-row query such as {@code SELECT count(*) ...}. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return first(c, sql, row -> row.getLong(1), params).orElse(0L);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return Timestamps.parse(row.getString(column));
    }

    /** {@link ResultSet#getDouble} turns NULL into 0, which would read as a real score. */
    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            bind(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i] instanceof Instant instant ? Timestamps.format(instant) : params[i];
            statement.setObject(i + 1, value);
        }
    }
}
