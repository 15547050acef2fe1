package io.presenca.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.ReviewQueue;
import io.presenca.attendance.SpillFile;
import io.presenca.attendance.WaitingAttendance;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.ReviewStore;
import io.presenca.store.StudentStore;
import io.presenca.store.SyncQueue;
import io.presenca.vision.QualityGate;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * The pipeline MBean read by a remote JMX client that logs in, with the password and access files
 * the README describes: a read-only user reads the figures, only a read-write one may operate.
 */
class PipelineRemoteJmxTest {

    @Test
    void aReadOnlyUserReadsAndOnlyAnOperatorOperates() throws Exception {
        Path home = Path.of("target", "jmx-test", UUID.randomUUID().toString());
        Database db = Database.open(home.resolve("attendance.db"));
        new StudentStore(db).upsert("ana", "Ana", "5A");
        AttendanceStore attendance = new AttendanceStore(db);
        attendance.recordUnlessRecent("ana", "door", Instant.now().minusSeconds(600), 97, 0.3, "local", Duration.ZERO);
        DecisionRule rule = new DecisionRule(new RecognitionThreshold(95), 25, 1);
        PipelineStats stats = new PipelineStats(new QualityGate(QualityGate.Limits.NONE), new FaceMatcher(new Gallery(), rule),
                new AttendanceRecorder(attendance, new WaitingAttendance(new SpillFile(home.resolve("waiting.jsonl")), 10),
                        db.file(), "door", Duration.ofMinutes(10)),
                new ReviewQueue(new ReviewStore(db), "door", Duration.ofMinutes(10), io.presenca.vision.DescriptorModel.OMZ.storedName()), new FailedFrames(),
                new ReviewStore(db), new SyncQueue(db));
        Pipeline pipeline = new Pipeline(stats, false);
        pipeline.register();

        Path passwords = Files.writeString(home.resolve("jmxremote.password"), "monitor watch-only-pw\noperator operate-pw\n");
        Path access = Files.writeString(home.resolve("jmxremote.access"), "monitor readonly\noperator readwrite\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        int port = freePort();
        Registry registry = LocateRegistry.createRegistry(port);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url,
                Map.of("jmx.remote.x.password.file", passwords.toString(), "jmx.remote.x.access.file", access.toString()),
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        ObjectName name = new ObjectName(Pipeline.OBJECT_NAME);
        try {
            try (JMXConnector monitor = JMXConnectorFactory.connect(url, credentials("monitor", "watch-only-pw"))) {
                MBeanServerConnection jmx = monitor.getMBeanServerConnection();
                assertEquals(1L, jmx.getAttribute(name, "PendingRecords"));
                assertEquals(0L, jmx.getAttribute(name, "DeadRecords"));
                assertEquals(0L, jmx.getAttribute(name, "Matches"));
                assertEquals(0.0, jmx.getAttribute(name, "FramesPerSecond"));
                assertThrows(SecurityException.class, () -> jmx.invoke(name, "triggerSync", null, null),
                        "read-only users may not operate");
            }
            try (JMXConnector operator = JMXConnectorFactory.connect(url, credentials("operator", "operate-pw"))) {
                String answer = (String) operator.getMBeanServerConnection().invoke(name, "triggerSync", null, null);
                assertTrue(answer.startsWith("Central sync is off"), answer);
            }
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url, credentials("monitor", "guess")));
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url, null), "no anonymous access");
        } finally {
            server.stop();
            UnicastRemoteObject.unexportObject(registry, true);
            pipeline.unregister();
        }
    }

    private static Map<String, Object> credentials(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
