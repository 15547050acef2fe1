package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work run by {@link Database} on a connection it opens, commits and closes. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
