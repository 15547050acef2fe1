package io.presenca.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How times are stored: ISO-8601 UTC text with exactly three fraction digits
 * ({@code 2026-11-24T08:01:02.123Z}). The fixed width is what makes text comparison in SQL
 * equal to time comparison; {@link Instant#toString()} would drop zero millis and break that.
 * Written and read field by field: the sync formats and parses a few thousand per batch, and
 * {@link DateTimeFormatter} took more CPU and memory for that than the rest of the batch's Java.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Where the digits of {@code uuuu-MM-ddTHH:mm:ss.SSSZ} are; every other position is a separator. */
    private static final String SHAPE = "0000-00-00T00:00:00.000Z";

    private Timestamps() {
    }

    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return FORMAT.format(instant); // signs and more digits, which the fixed width has no room for
        }
        char[] text = SHAPE.toCharArray();
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        digits(text, 20, 3, t.getNano() / 1_000_000); // truncated, as SSS does
        return new String(text);
    }

    /** Any ISO-8601 instant; the stored shape is read field by field. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        if (hasStoredShape(text)) {
            try {
                return LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
                        number(text, 14, 2), number(text, 17, 2), number(text, 20, 3) * 1_000_000)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // a field out of range: Instant.parse says so in its own words
            }
        }
        return Instant.parse(text);
    }

    /** Now, at the precision the database keeps, so values read back equal values written. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static boolean hasStoredShape(String text) {
        if (text.length() != SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < SHAPE.length(); i++) {
            char expected = SHAPE.charAt(i);
            char c = text.charAt(i);
            if (expected == '0' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }
}
