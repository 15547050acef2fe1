package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.Sql;
import org.apache.camel.component.sql.DefaultRowMapperFactory;
import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

/**
 * How the sync route's {@code sql:} select of pending records reads its rows (its
 * {@code rowMapperFactory}): each row straight into a {@link PendingRecord}. camel-sql's own makes a
 * map per row and asks the driver for every column's name again on every row.
 */
public final class PendingRows implements RowMapperFactory {

    private static final RowMapper<PendingRecord> PENDING_RECORD = (row, number) -> new PendingRecord(
            row.getString("id"), row.getString("student_id"), row.getString("device_id"),
            Sql.instant(row, "captured_at"), Sql.nullableDouble(row, "confidence"), Sql.nullableDouble(row, "distance"),
            row.getString("matcher"), row.getInt("sync_attempts"));

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return PENDING_RECORD;
    }

    /** Only for an endpoint with {@code outputClass}, which the select does not have: camel-sql's own. */
    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> type) {
        return new DefaultRowMapperFactory().newBeanRowMapper(type);
    }
}
