package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.presenca.ManualClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void aSessionLivesUntilItExpiresOrIsClosed() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-25T08:00:00Z"));
        Sessions sessions = new Sessions(clock);
        String token = sessions.open("admin");
        String header = "other=1; " + Sessions.COOKIE + "=" + token;
        assertEquals(Optional.of("admin"), sessions.user(header));
        assertNotEquals(token, sessions.open("admin"), "every login its own token");
        assertEquals(Optional.empty(), sessions.user(Sessions.COOKIE + "=forged"));
        assertEquals(Optional.empty(), sessions.user(null));

        clock.now = clock.now.plus(Sessions.LIFETIME).plusSeconds(1);
        assertEquals(Optional.empty(), sessions.user(header), "expired");

        String again = sessions.open("admin");
        sessions.close(Sessions.COOKIE + "=" + again);
        assertEquals(Optional.empty(), sessions.user(Sessions.COOKIE + "=" + again), "logged out");
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteStrict() {
        String cookie = Sessions.cookie("abc");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard"));
    }
}
