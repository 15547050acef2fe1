package io.presenca.monitoring;

import io.presenca.store.SyncStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline MBean, registered on the platform MBean server while the gateway runs. */
public final class Pipeline implements PipelineMBean {

    public static final String OBJECT_NAME = "io.presenca:type=Pipeline";
    /** The capture route's id in routes/capture.camel.yaml. */
    static final String CAPTURE_ROUTE = "capture";

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineStats stats;
    private final boolean syncEnabled;
    private final RateMeter frameRate = new RateMeter(Duration.ofSeconds(10));
    private final RateMeter faceRate = new RateMeter(Duration.ofSeconds(10));
    private ScheduledExecutorService sampler;
    private ObjectName name;

    public Pipeline(PipelineStats stats, boolean syncEnabled) {
        this.stats = stats;
        this.syncEnabled = syncEnabled;
    }

    synchronized void register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // a previous gateway in this JVM (tests) that did not stop cleanly
        }
        server.registerMBean(this, name);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presenca-pipeline-rates");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    synchronized void unregister() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
        try {
            if (name != null && ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.warn("Could not unregister {}: {}", OBJECT_NAME, e.getMessage());
        }
    }

    private void sample() {
        long now = System.nanoTime();
        frameRate.sample(stats.frames(), now);
        faceRate.sample(stats.faces(), now);
    }

    @Override
    public double getFramesPerSecond() {
        return frameRate.rate();
    }

    @Override
    public double getFacesPerSecond() {
        return faceRate.rate();
    }

    @Override
    public long getFrames() {
        return stats.frames();
    }

    @Override
    public long getFaces() {
        return stats.faces();
    }

    @Override
    public long getMatches() {
        return stats.matches();
    }

    @Override
    public long getUnknownFaces() {
        return stats.unknownFaces();
    }

    @Override
    public long getQualityRejections() {
        return stats.qualityRejections();
    }

    @Override
    public long getReviewQueueSize() {
        return stats.reviewQueueSize();
    }

    @Override
    public long getPendingRecords() {
        return stats.records(SyncStatus.PENDING);
    }

    @Override
    public long getDeadRecords() {
        return stats.records(SyncStatus.DEAD);
    }

    @Override
    public long getFailedFrames() {
        return stats.failedFrames();
    }

    @Override
    public boolean isCapturePaused() {
        CamelContext context = stats.context();
        return context != null && !context.getRouteController().getRouteStatus(CAPTURE_ROUTE).isStarted();
    }

    @Override
    public String pauseCapture() {
        return new CaptureSwitch(stats.context()).pause();
    }

    @Override
    public String resumeCapture() {
        return new CaptureSwitch(stats.context()).resume();
    }

    @Override
    public String triggerSync() {
        if (!syncEnabled) {
            return "Central sync is off: set EXTERNAL_API_URL (and POSTGRES_*) and restart.";
        }
        SyncNow.run(stats.context());
        return "Sync pass done: " + stats.records(SyncStatus.PENDING) + " pending, " + stats.records(SyncStatus.DEAD)
                + " dead.";
    }
}
