package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashIsSaltedAndChecksOnlyItsPassword() {
        String first = PasswordHash.of("correct horse".toCharArray());
        String second = PasswordHash.of("correct horse".toCharArray());
        assertTrue(first.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"), first);
        assertNotEquals(first, second, "a fresh salt each time");
        assertFalse(first.contains("correct horse"));
        assertTrue(PasswordHash.matches("correct horse".toCharArray(), first));
        assertTrue(PasswordHash.matches("correct horse".toCharArray(), second));
        assertFalse(PasswordHash.matches("correct hors".toCharArray(), first));
    }

    @Test
    void aMalformedStoredValueMatchesNothing() {
        for (String stored : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$1$%%$AAAA"}) {
            assertFalse(PasswordHash.matches("anything".toCharArray(), stored), String.valueOf(stored));
        }
    }
}
