package io.presenca.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing per user name and per client address, each on its own: after
 * {@value #MAX_FAILURES_PER_USER} wrong passwords for one name, or {@value #MAX_FAILURES_PER_ADDRESS}
 * from one address, within {@link #WINDOW}, that name or address is refused for {@link #LOCKOUT}.
 * A successful login clears only its own user's count, so nobody can reset another's by logging in,
 * and one guesser does not lock every user out. Not thread-safe: {@link Logins} serialises calls.
 */
final class LoginThrottle {

    static final int MAX_FAILURES_PER_USER = 5;
    /** Higher than per user: several people may share an address (the school office's NAT, loopback). */
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(1);
    /** Names are chosen by whoever knocks: forget settled entries before the maps grow without bound. */
    private static final int PRUNE_ABOVE = 10_000;

    private static final class Count {
        int failures;
        Instant firstFailure;
        Instant lockedUntil = Instant.MIN;
    }

    private final Map<String, Count> byUser = new HashMap<>();
    private final Map<String, Count> byAddress = new HashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Why a login attempt is refused before its password is even checked, or null when it may go on. */
    String refusal(String user, String address) {
        Instant now = clock.instant();
        if (locked(byUser.get(user), now)) {
            return "too many wrong passwords for this user name";
        }
        if (locked(byAddress.get(address), now)) {
            return "too many wrong passwords from this address";
        }
        return null;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        count(byUser, user, now, MAX_FAILURES_PER_USER);
        count(byAddress, address, now, MAX_FAILURES_PER_ADDRESS);
    }

    void succeeded(String user) {
        byUser.remove(user);
    }

    private void count(Map<String, Count> counts, String key, Instant now, int max) {
        if (counts.size() > PRUNE_ABOVE) {
            counts.values().removeIf(c -> !locked(c, now) && now.isAfter(c.firstFailure.plus(WINDOW)));
        }
        Count count = counts.computeIfAbsent(key, k -> new Count());
        if (count.failures == 0 || now.isAfter(count.firstFailure.plus(WINDOW))) {
            count.failures = 0;
            count.firstFailure = now;
        }
        if (++count.failures >= max) {
            count.failures = 0;
            count.lockedUntil = now.plus(LOCKOUT);
        }
    }

    private static boolean locked(Count count, Instant now) {
        return count != null && now.isBefore(count.lockedUntil);
    }
}
