package io.presenca.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.ManualClock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private final Map<String, String> passwords = new HashMap<>(Map.of("admin", "hash-1", "maria", "hash-2"));
    private final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-25T08:00:00Z"));
    private final Sessions sessions = new Sessions(user -> Optional.ofNullable(passwords.get(user)), clock);

    private Optional<String> user(String cookieHeader) {
        return sessions.find(cookieHeader).map(Sessions.Session::user);
    }

    @Test
    void aSessionLivesUntilItExpiresOrIsClosed() {
        Sessions.Session session = sessions.open("admin");
        String header = "other=1; " + Sessions.COOKIE + "=" + session.token();
        assertEquals(Optional.of("admin"), user(header));
        assertNotEquals(session.token(), sessions.open("admin").token(), "every login its own token");
        assertEquals(Optional.empty(), user(Sessions.COOKIE + "=forged"));
        assertEquals(Optional.empty(), user(null));

        clock.now = clock.now.plus(Sessions.LIFETIME).plusSeconds(1);
        assertEquals(Optional.empty(), user(header), "expired");

        Sessions.Session again = sessions.open("admin");
        sessions.close(again);
        assertEquals(Optional.empty(), user(Sessions.COOKIE + "=" + again.token()), "logged out");
    }

    @Test
    void changingOrRemovingAUsersPasswordEndsOnlyThatUsersSessions() {
        Sessions.Session admin = sessions.open("admin");
        Sessions.Session maria = sessions.open("maria");
        passwords.put("maria", "hash-3");
        assertEquals(Optional.empty(), user(Sessions.COOKIE + "=" + maria.token()), "new password: logged out");
        assertEquals(Optional.of("admin"), user(Sessions.COOKIE + "=" + admin.token()));
        Sessions.Session mariaAgain = sessions.open("maria");
        assertEquals(Optional.of("maria"), user(Sessions.COOKIE + "=" + mariaAgain.token()));
        passwords.remove("maria");
        assertEquals(Optional.empty(), user(Sessions.COOKIE + "=" + mariaAgain.token()), "removed: logged out");
    }

    @Test
    void eachSessionHasItsOwnCsrfToken() {
        Sessions.Session one = sessions.open("admin");
        Sessions.Session two = sessions.open("admin");
        assertNotEquals(one.csrfToken(), two.csrfToken());
        assertTrue(one.acceptsCsrfToken(one.csrfToken()));
        assertFalse(one.acceptsCsrfToken(two.csrfToken()));
        assertFalse(one.acceptsCsrfToken(null));
        assertFalse(one.acceptsCsrfToken(""));
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteStrict() {
        String cookie = Sessions.cookie(sessions.open("admin"));
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/dashboard"));
    }
}
