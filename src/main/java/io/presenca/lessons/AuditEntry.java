package io.presenca.lessons;

import java.time.Instant;

/** One row of the audit trail: who changed what, when and why. */
public record AuditEntry(Instant at, String who, String action, String subject, String detail, String reason) {
}
