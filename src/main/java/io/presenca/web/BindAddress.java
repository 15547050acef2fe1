package io.presenca.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether the management server's bind address keeps the dashboard on this PC. */
final class BindAddress {

    private BindAddress() {
    }

    /** "localhost" or a loopback IP literal; a host name is never looked up (it could point anywhere later). */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9A-Fa-f:.]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
