package io.presenca.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the password of every URL with user info in a text: {@code rtsp://user:pw@host/x} becomes
 * {@code rtsp://user:***@host/x} (a user without password, often a token, becomes {@code ***}). One
 * function for every place a camera URL or a library's error text about it is shown: the settings
 * dump, health checks, camera logs and the dashboard.
 */
public final class UrlCredentials {

    public static final String MASK = "***";
    /** A scheme, then the authority up to the path, query, fragment or the end of the URL in running text. */
    private static final Pattern URL_AUTHORITY = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\s\"'<>]*)");

    private UrlCredentials() {
    }

    /** {@code text} with the password of each URL in it replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || !text.contains("@")) {
            return text;
        }
        Matcher url = URL_AUTHORITY.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (url.find()) {
            String authority = url.group(2);
            // the last '@' ends the user info, as FFmpeg reads it: a password may hold an unencoded '@'
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                String shown = colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
                authority = shown + authority.substring(at);
            }
            url.appendReplacement(masked, Matcher.quoteReplacement(url.group(1) + authority));
        }
        url.appendTail(masked);
        return masked.toString();
    }
}
