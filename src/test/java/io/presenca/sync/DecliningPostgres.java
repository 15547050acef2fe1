package io.presenca.sync;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake PostgreSQL on loopback that declines TLS (answers 'N' to the SSL request) and then asks for
 * the password in clear text, keeping whatever password a client sends: what a machine in the middle
 * would see.
 */
final class DecliningPostgres implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket server;
    private final List<String> passwordsReceived = new CopyOnWriteArrayList<>();
    private final List<Boolean> tlsAsked = new CopyOnWriteArrayList<>();

    DecliningPostgres() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "declining-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> passwordsReceived() {
        return passwordsReceived;
    }

    /** One entry per connection: whether the client asked for TLS first. */
    List<Boolean> tlsAsked() {
        return tlsAsked;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                converse(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException e) {
                // the client hung up (as it should after a refusal), or the fake was closed
            }
        }
    }

    private void converse(DataInputStream in, DataOutputStream out) throws IOException {
        boolean askedForTls = false;
        int length = in.readInt();
        int code = in.readInt();
        while (code == SSL_REQUEST || code == GSS_REQUEST) {
            askedForTls |= code == SSL_REQUEST;
            out.writeByte('N');
            out.flush();
            length = in.readInt();
            code = in.readInt();
        }
        tlsAsked.add(askedForTls);
        in.readFully(new byte[length - 8]); // the startup message's parameters
        out.writeByte('R'); // AuthenticationCleartextPassword
        out.writeInt(8);
        out.writeInt(3);
        out.flush();
        if (in.readByte() == 'p') {
            byte[] password = new byte[in.readInt() - 4];
            in.readFully(password);
            passwordsReceived.add(new String(password, 0, password.length - 1, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
