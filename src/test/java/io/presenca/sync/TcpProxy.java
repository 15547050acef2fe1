package io.presenca.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of PostgreSQL, which a test can cut (every connection dropped,
 * new ones refused, as when the server goes down) and restore, whatever server TEST_PG_URL names.
 * It can also hold a connection at a statement ({@link #holdAt}): before the server gets it, or
 * once the server has answered it (committed), so a test can kill the client right there.
 */
final class TcpProxy implements AutoCloseable {

    /** Where a connection that sends the watched statement is held. */
    enum Hold {
        /** The statement never reaches the server. */
        BEFORE_THE_SERVER_GETS_IT,
        /** The server has executed and committed it; its answer never reaches the client. */
        BEFORE_THE_CLIENT_HEARS_BACK
    }

    /** The two directions of one relayed connection. */
    private static final class Link {
        volatile boolean statementSent;
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private static final byte[] INSERTED = "INSERT 0 ".getBytes(StandardCharsets.US_ASCII);

    private volatile ServerSocket listener;
    private volatile Hold hold;
    private volatile byte[] watchedStatement;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    /** Connections clients have opened through this proxy so far. */
    int connectionsAccepted() {
        return accepted.get();
    }

    /** From now on, holds the first connection whose client sends a statement containing {@code statementText}. */
    void holdAt(Hold where, String statementText) {
        watchedStatement = statementText.getBytes(StandardCharsets.UTF_8);
        hold = where;
    }

    /** Whether a connection is being held. */
    boolean holding() {
        return holding.getCount() == 0;
    }

    /** No more holding; connections held so far are dropped. */
    void release() {
        hold = null;
        released.countDown();
    }

    /** Drops every connection and refuses new ones. */
    synchronized void cut() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        if (listener == null) {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(again);
        }
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        cut();
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    accepted.incrementAndGet();
                    Socket server = new Socket(targetHost, targetPort);
                    open.add(client);
                    open.add(server);
                    Link link = new Link();
                    pipe(client, server, link, true);
                    pipe(server, client, link, false);
                } catch (IOException e) {
                    // closed by cut(), or one connection failed: go on while listening
                }
            }
        }, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pipe(Socket from, Socket to, Link link, boolean toServer) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (held(buffer, n, link, toServer)) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    /** Whether these bytes stop here (after {@link #release()}): a held connection forwards nothing more. */
    private boolean held(byte[] buffer, int length, Link link, boolean toServer) throws InterruptedException {
        Hold where = hold;
        if (where == null || holding()) {
            return false;
        }
        if (toServer && contains(buffer, length, watchedStatement)) {
            link.statementSent = true;
            return where == Hold.BEFORE_THE_SERVER_GETS_IT && holdUntilReleased();
        }
        // the statement's command tag, which PostgreSQL sends with its ReadyForQuery once it committed
        return !toServer && link.statementSent && where == Hold.BEFORE_THE_CLIENT_HEARS_BACK
                && contains(buffer, length, INSERTED) && holdUntilReleased();
    }

    /** Forwards nothing more until {@link #release()}; then the connection is dropped. */
    private boolean holdUntilReleased() throws InterruptedException {
        holding.countDown();
        released.await();
        return true;
    }

    private static boolean contains(byte[] buffer, int length, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
