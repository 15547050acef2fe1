package io.presenca.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.presenca.config.RouteProperties;
import io.presenca.config.Settings;
import io.presenca.lessons.LessonDay;
import io.presenca.store.Sql;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/notifications.camel.yaml as shipped, against a loopback webhook (the JDK's HttpServer) and a
 * real SMTP server (GreenMail), each failing first: the events wait in SQLite and go out once the
 * receiver answers, each once.
 */
class NotificationRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LessonDay day = new LessonDay().firstStartAt("07:00");
    private final Map<String, String> settings = new HashMap<>(Map.of("DEVICE_ID", LessonDay.DEVICE,
            "EVENT_RETRY_SECONDS", "1", "WEBHOOK_RETRIES", "1"));
    private final EventOutbox outbox = new EventOutbox(day.db, Duration.ofSeconds(1), Clock.systemUTC());
    private Main main;
    private HttpServer webhook;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void eventsWaitInSqliteWhileTheWebhookFailsAndAreSentOnceWithTheKeyWhenItAnswers() throws Exception {
        AtomicInteger refusals = new AtomicInteger(4); // two passes of an attempt and its retry fail
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refusals.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(JSON.readTree(body));
                keys.add(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        settings.put("WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/events");
        settings.put("WEBHOOK_API_KEY", "school-key");

        day.seen("ana", "07:55");
        day.seen("bia", "08:15");
        startRoutes();
        day.seen("davi", "08:20"); // capture goes on while the webhook fails

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.countPending() == 0);
        // an event put back waits for its next attempt while the later ones go: receivers order by occurred_at
        assertEquals(List.of("arrival ana", "arrival bia", "arrival davi", "late bia", "late davi"),
                received.stream().map(e -> e.get("kind").asText() + " " + e.get("student").get("id").asText()).sorted()
                        .toList());
        assertEquals(5, received.stream().map(e -> e.get("event_id").asText()).distinct().count(), "each once");
        assertEquals(List.of("school-key"), keys.stream().distinct().toList());
        JsonNode late = received.stream().filter(e -> e.get("kind").asText().equals("late")).findFirst().orElseThrow();
        assertEquals("bia", late.get("student").get("id").asText());
        assertEquals("5A", late.get("lesson").get("class").asText());
        assertEquals("08:00", late.get("lesson").get("start").asText());
        assertEquals("late", late.get("status").asText());
        assertEquals("2026-03-02T08:15:00.000Z", late.get("seen_at").asText());
        // four refusals: twice an attempt and its retry failed, and each time the event went back to SQLite
        long putBack = day.db.withConnection(c -> Sql.count(c, "SELECT sum(attempts) FROM event_outbox"));
        assertEquals(2, putBack);
    }

    @Test
    void theDailyAbsenceSummaryWaitsForTheMailServerAndReachesTheOffice() throws Exception {
        int port = freePort();
        settings.putAll(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port),
                "OFFICE_EMAIL", "office@school.example", "MAIL_FROM", "door-5a@school.example"));
        day.seen("ana", "07:55");
        day.seen("bia", "08:15");
        day.endLessonsAt("09:50");
        day.clock.now = LessonDay.at("17:05");
        AbsenceSummaries summaries = new AbsenceSummaries(day.db, day.lessons, LocalTime.of(17, 0), day.clock);
        startRoutes(summaries);
        assertEquals(2, summaries.writeDue(), "one per class");
        assertEquals(0, summaries.writeDue(), "once a day");

        // the mail server is down: the summaries are put back in SQLite
        await().atMost(Duration.ofSeconds(20)).until(() -> attemptsOf("absence-summary").stream().allMatch(a -> a > 0));
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.countPending() == 0);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        MimeMessage fiveA = mails[0].getSubject().contains("5A") ? mails[0] : mails[1];
        assertEquals("Absences 5A 2026-03-02: 4", fiveA.getSubject());
        assertEquals("office@school.example", fiveA.getAllRecipients()[0].toString());
        String text = ((String) fiveA.getContent()).replace("\r\n", "\n");
        assertTrue(text.contains("08:00-08:50\n  absent: Caio (caio)\n  late: Bia (bia)\n"), text);
        assertTrue(text.contains("09:00-09:50\n  absent: Ana (ana), Bia (bia), Caio (caio)"), text);
    }

    private void startRoutes() throws Exception {
        startRoutes(new AbsenceSummaries(day.db, day.lessons, LocalTime.of(17, 0), day.clock));
    }

    private void startRoutes(AbsenceSummaries summaries) throws Exception {
        Settings loaded = Settings.load(name -> Optional.ofNullable(settings.get(name)));
        main = new Main();
        RouteProperties.handTo(main, loaded, true);
        main.bind("eventDispatcher", new EventDispatcher(outbox));
        main.bind("absenceSummaries", summaries);
        main.configure().setRoutesIncludePattern("file:routes/" + Notifications.ROUTE_FILE);
        main.configure().setJmxEnabled(false);
        main.start();
    }

    private List<Integer> attemptsOf(String kind) {
        return day.db.withConnection(c -> Sql.list(c, "SELECT attempts FROM event_outbox WHERE kind = ? ORDER BY id",
                row -> row.getInt(1), kind));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
