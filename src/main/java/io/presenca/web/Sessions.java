package io.presenca.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in dashboard users by random session token, in memory: a restart logs everyone out. */
final class Sessions {

    static final String COOKIE = "presenca_session";
    static final Duration LIFETIME = Duration.ofHours(8);

    private record Session(String user, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    String open(String user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Session(user, clock.instant().plus(LIFETIME)));
        return token;
    }

    /** The user of a live session, from the request's Cookie header. */
    Optional<String> user(String cookieHeader) {
        String token = token(cookieHeader);
        if (token == null) {
            return Optional.empty();
        }
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(session.expires())) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(session.user());
    }

    void close(String cookieHeader) {
        String token = token(cookieHeader);
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot make the browser send it. */
    static String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds();
    }

    static String expiredCookie() {
        return COOKIE + "=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private static String token(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
