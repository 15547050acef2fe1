/**
 * The gateway's local SQLite database, which must never lose an attendance record.
 *
 * <p>{@link io.presenca.store.Database} opens the file with durable settings and applies the
 * migrations in {@code db/sqlite/}; one small store class per table does the reads and writes
 * through {@link io.presenca.store.Sql}. Times are stored as fixed-width ISO-8601 UTC text
 * ({@link io.presenca.store.Timestamps}) so SQL can compare them as text.
 */
package io.presenca.store;
