package io.presenca.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Logged-in dashboard users by random session token, in memory: a restart logs everyone out. Each
 * session has its own CSRF token, which the page sends back on every state-changing request, and
 * remembers the user's credentials as they were at login: a changed password or a removed user
 * ends the session, even when {@code dashboard-user} changed it from another process.
 */
final class Sessions {

    static final String COOKIE = "presenca_session";
    static final Duration LIFETIME = Duration.ofHours(8);

    /** A live session: its user, and the token its page must send with every POST. */
    record Session(String token, String user, String csrfToken, String credentials, Instant expires) {

        /** Compared in constant time: the answer's timing says nothing about the token. */
        boolean acceptsCsrfToken(String sent) {
            return sent != null && MessageDigest.isEqual(csrfToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> currentCredentials;
    private final Clock clock;

    /** {@code currentCredentials}: a user's password as stored now (a hash), empty once the user is gone. */
    Sessions(Function<String, Optional<String>> currentCredentials, Clock clock) {
        this.currentCredentials = currentCredentials;
        this.clock = clock;
    }

    Session open(String user) {
        String credentials = currentCredentials.apply(user).orElseThrow(
                () -> new IllegalStateException("No credentials for " + user));
        Session session = new Session(randomToken(), user, randomToken(), credentials, clock.instant().plus(LIFETIME));
        byToken.put(session.token(), session);
        return session;
    }

    /** The live session named by the request's Cookie header. */
    Optional<Session> find(String cookieHeader) {
        String token = token(cookieHeader);
        Session session = token == null ? null : byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        boolean expired = clock.instant().isAfter(session.expires());
        if (expired || !currentCredentials.apply(session.user()).map(session.credentials()::equals).orElse(false)) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void close(Session session) {
        byToken.remove(session.token());
    }

    /** HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot make the browser send it. */
    static String cookie(Session session) {
        return COOKIE + "=" + session.token() + "; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds();
    }

    static String expiredCookie() {
        return COOKIE + "=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
