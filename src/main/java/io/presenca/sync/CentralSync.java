package io.presenca.sync;

import io.presenca.config.RouteProperties;
import io.presenca.config.Settings;
import io.presenca.matching.GalleryLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.resilience.BreakerWatch;
import io.presenca.store.CentralCopyStore;
import io.presenca.store.Database;
import io.presenca.store.SyncQueue;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync beans, built from the settings, and what the YAML routes in {@code routes/sync.camel.yaml},
 * {@code routes/students.camel.yaml} and {@code routes/cleanup.camel.yaml} refer to them by: a Camel
 * configuration class, its {@code @BindToRegistry} methods name each bean (the gateway adds it beside
 * {@code GatewayConfiguration}; {@code sync --once} and the sync bench add it alone).
 */
public final class CentralSync implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CentralSync.class);

    /** The route files of the sync, in {@code routes/} and bundled in the jar. */
    public static final List<String> ROUTE_FILES = List.of("sync.camel.yaml", "students.camel.yaml",
            "cleanup.camel.yaml");

    /**
     * Where Camel finds the sync routes: {@code routes/} in the working directory when there is one
     * (edited by the school), else the copies in the jar. The capture routes are not included: they
     * need models and a camera that the sync commands do not load.
     */
    public static String routeIncludePattern() {
        String prefix = Files.isDirectory(Path.of("routes")) ? "file:routes/" : "classpath:routes/";
        return ROUTE_FILES.stream().map(f -> prefix + f).collect(Collectors.joining(","));
    }

    /** No record waits longer than this between two attempts. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final Settings settings;
    private final Database local;
    private final SyncQueue queue;
    private final CentralDatabase central;
    private final SyncAlerts alerts = new SyncAlerts();
    private final SyncGate gate;
    private final CircuitBreaker apiCircuit;
    private final BreakerWatch apiCircuitWatch;
    private final PendingRows pendingRows = new PendingRows();
    private final PendingBatches pendingBatches;
    private final ApiVerdicts apiVerdicts;
    private final ApiFailures apiFailures;
    private final CentralRows centralRows;
    private final SyncSettlement settlement;
    private final SyncFailures failures;
    private final CentralStudents centralStudents;
    private final StudentSync studentSync;
    private final RecordCleanup cleanup;
    private final ApiKeyHeader apiKeyHeader;
    private GalleryLoader galleryLoader;

    public CentralSync(Settings settings, Database local, String appVersion) {
        this.settings = settings;
        this.local = local;
        Clock clock = Clock.systemUTC();
        Duration apiTimeout = Duration.ofSeconds(settings.externalApiTimeoutSeconds);
        this.queue = new SyncQueue(local);
        this.central = new CentralDatabase(settings);
        this.apiCircuit = ApiFailures.circuitBreaker(Duration.ofSeconds(settings.syncCircuitOpenSeconds), clock);
        this.apiCircuitWatch = new BreakerWatch(apiCircuit, "The external API", "records stay pending", clock);
        warnIfUnencrypted(settings.externalApiUrl);
        ApiPause pause = new ApiPause();
        ApiKeyMask mask = new ApiKeyMask(settings.externalApiKey);
        this.gate = new SyncGate(URI.create(apiUrl()), apiTimeout, central, apiCircuit, apiCircuitWatch, alerts, pause,
                clock);
        this.pendingBatches = new PendingBatches(clock);
        this.apiVerdicts = new ApiVerdicts(mask);
        this.apiFailures = new ApiFailures(apiUrl(), settings.externalApiKey != null, apiTimeout, mask, pause, clock);
        this.centralRows = new CentralRows(queue, settings.deviceId, appVersion, clock);
        this.settlement = new SyncSettlement(queue, clock);
        Duration firstWait = Duration.ofSeconds(settings.syncRetryBaseSeconds);
        Backoff backoff = new Backoff(firstWait, firstWait.compareTo(LONGEST_WAIT) > 0 ? firstWait : LONGEST_WAIT,
                new Random());
        this.failures = new SyncFailures(queue, backoff, settings.syncMaxAttempts, alerts, clock);
        CentralCopyStore copies = new CentralCopyStore(local);
        this.centralStudents = new CentralStudents(central, copies);
        this.studentSync = new StudentSync(copies);
        this.cleanup = new RecordCleanup(queue, settings.cleanupDays, clock);
        this.apiKeyHeader = new ApiKeyHeader(settings.externalApiKey);
    }

    /** EXTERNAL_API_URL, or an address that cannot resolve when it is not set (the sync does not run then). */
    private String apiUrl() {
        return settings.externalApiUrl == null ? Settings.EXTERNAL_API_NOT_SET : settings.externalApiUrl;
    }

    /** An API key and students' attendance in clear text over the network deserve a loud line at every start. */
    private static void warnIfUnencrypted(String apiUrl) {
        if (apiUrl == null) {
            return;
        }
        URI uri = URI.create(apiUrl);
        if ("http".equalsIgnoreCase(uri.getScheme()) && !LoopbackHosts.isLoopback(uri.getHost())) {
            LOG.warn("EXTERNAL_API_URL is http:// to {}, another machine: the API key and every attendance record"
                    + " cross the network unencrypted and can be read or changed on the way. Use the API's https://"
                    + " address.", uri.getHost());
        }
    }

    /**
     * Binds the beans by the names the routes use, and hands Camel the settings the routes read by name.
     * {@code scheduled}: the timers run (the gateway); otherwise the routes run only when called ({@code sync --once}).
     */
    public void bindTo(Main main, boolean scheduled, GalleryLoader galleryLoader) {
        // an edited sync route that could mark a record synced before PostgreSQL has it does not run
        SyncRouteOrder.checkInstalled(settings.routesDir);
        this.galleryLoader = galleryLoader;
        main.configure().addConfiguration(this);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport stopped) {
                central.close();
            }
        });
        // every setting the routes read by name, the timers' periods and whether they run
        RouteProperties.handTo(main, settings, scheduled);
    }

    /** The attendance SQLite database, for the sync route's {@code sql:} select. */
    @BindToRegistry("localDatabase")
    public javax.sql.DataSource localDatabase() {
        return local.dataSource();
    }

    /** Pooled PostgreSQL connections, for the upsert; none kept between passes. */
    @BindToRegistry("centralPostgres")
    public javax.sql.DataSource centralPostgres() {
        return central.pool();
    }

    @BindToRegistry("centralDatabase")
    public CentralDatabase centralDatabase() {
        return central;
    }

    @BindToRegistry("syncGate")
    public SyncGate syncGate() {
        return gate;
    }

    @BindToRegistry("pendingRows")
    public PendingRows pendingRows() {
        return pendingRows;
    }

    @BindToRegistry("pendingBatches")
    public PendingBatches pendingBatches() {
        return pendingBatches;
    }

    @BindToRegistry("apiVerdicts")
    public ApiVerdicts apiVerdicts() {
        return apiVerdicts;
    }

    @BindToRegistry("apiFailures")
    public ApiFailures apiFailures() {
        return apiFailures;
    }

    @BindToRegistry("apiKeyHeader")
    public ApiKeyHeader apiKeyHeader() {
        return apiKeyHeader;
    }

    @BindToRegistry("centralRows")
    public CentralRows centralRows() {
        return centralRows;
    }

    @BindToRegistry("syncSettlement")
    public SyncSettlement syncSettlement() {
        return settlement;
    }

    @BindToRegistry("syncFailures")
    public SyncFailures syncFailures() {
        return failures;
    }

    @BindToRegistry("centralStudents")
    public CentralStudents centralStudents() {
        return centralStudents;
    }

    @BindToRegistry("studentSync")
    public StudentSync studentSync() {
        return studentSync;
    }

    /** The gallery the student sync reloads after a change. */
    @BindToRegistry("galleryLoader")
    public GalleryLoader galleryLoader() {
        return galleryLoader;
    }

    @BindToRegistry("recordCleanup")
    public RecordCleanup recordCleanup() {
        return cleanup;
    }

    @BindToRegistry("syncAlerts")
    public SyncAlerts syncAlerts() {
        return alerts;
    }

    /** The resilience4j breaker itself, which the route's circuitBreaker step refers to. */
    @BindToRegistry("externalApiCircuit")
    public CircuitBreaker externalApiCircuit() {
        return apiCircuit;
    }

    public SyncQueue queue() {
        return queue;
    }

    /** Says how long the API's breaker has not been closed, for health and logs. */
    public BreakerWatch apiCircuitWatch() {
        return apiCircuitWatch;
    }
}
