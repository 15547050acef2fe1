package io.presenca.store;

/** What the sync did over some time, added up from its {@code sync_logs} rows. */
public record SyncTotals(long sent, long accepted, long rejected, long failed) {
}
