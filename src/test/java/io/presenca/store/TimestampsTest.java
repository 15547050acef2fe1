package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored times written and read field by field agree with java.time's own formatter and parser. */
class TimestampsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsAndParsesAsJavaTimeDoesOverTheWholeFixedWidthRange() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T12:00:00.000500Z"), Instant.parse("2026-11-24T08:01:02.123Z"));
        Random random = new Random(14);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000 + edges.size(); i++) {
            Instant instant = i < edges.size() ? edges.get(i)
                    : Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)), random.nextInt(1_000_000_000));
            String text = Timestamps.format(instant);
            assertEquals(REFERENCE.format(instant), text, instant.toString());
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(text), text);
        }
    }

    @Test
    void outsideTheFixedWidthOrInAnotherIsoShapeJavaTimeAnswers() {
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals(REFERENCE.format(farFuture), Timestamps.format(farFuture));
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), Timestamps.parse("2026-03-02T08:00:00Z"));
        assertEquals(Instant.parse("2026-03-02T08:00:00.5Z"), Timestamps.parse("2026-03-02T08:00:00.5Z"));
    }

    @Test
    void aStoredShapeWithAFieldOutOfRangeIsRefusedAsJavaTimeRefusesIt() {
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2026-13-02T08:00:00.000Z"));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2026-02-30T08:00:00.000Z"));
        assertThrows(DateTimeParseException.class, () -> Timestamps.parse("not a time at all, no...."));
    }
}
