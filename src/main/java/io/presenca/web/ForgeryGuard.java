package io.presenca.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The one check every state-changing dashboard request passes (login, logout, review decisions, dead
 * letter retries and whatever is added later): it must come from a page of this dashboard, shown by
 * its Origin (or, without one, its Referer) naming the host the request was sent to, and, once logged
 * in, carry the session's CSRF token. A page on another port of the same host is the same "site" for
 * SameSite cookies, so the cookie alone proves nothing.
 */
final class ForgeryGuard {

    private ForgeryGuard() {
    }

    /** Why the request does not come from the dashboard's own page, or empty when it does. */
    static Optional<String> foreignOrigin(DashboardRequest request) {
        String claimed = request.origin() != null ? request.origin() : originOf(request.referer());
        if (claimed == null) {
            return Optional.of("no Origin or Referer header");
        }
        if (request.host() == null || !(claimed.equalsIgnoreCase("http://" + request.host())
                || claimed.equalsIgnoreCase("https://" + request.host()))) {
            return Optional.of("it comes from " + claimed + ", not from this dashboard (" + request.host() + ")");
        }
        return Optional.empty();
    }

    /** Why a logged-in request is refused, or empty when its token is the session's. */
    static Optional<String> missingToken(DashboardRequest request, Sessions.Session session) {
        return session.acceptsCsrfToken(request.csrfToken()) ? Optional.empty()
                : Optional.of(request.csrfToken() == null ? "no " + DashboardRequest.CSRF_HEADER + " header"
                        : "a wrong " + DashboardRequest.CSRF_HEADER + " header");
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = new URI(referer);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? null
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (URISyntaxException e) {
            return "an unreadable Referer";
        }
    }
}
