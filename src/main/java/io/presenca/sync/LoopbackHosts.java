package io.presenca.sync;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Whether a configured host is this machine: "localhost" or a loopback address literal. A name is
 * never looked up (the answer must not depend on DNS at start), so any other name counts as remote,
 * which is the safe side for deciding how much protection a connection needs.
 */
final class LoopbackHosts {

    private LoopbackHosts() {
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        boolean literal = name.matches("[0-9.]+") || (name.contains(":") && name.matches("[0-9a-f:.]+"));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
