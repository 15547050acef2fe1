package io.presenca.sync.bench;

import io.presenca.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.camel.spi.EventNotifier;

/** The simulated gateways of one bench run, started a few at a time and syncing all at once. */
public final class Fleet implements AutoCloseable {

    /** A gateway's start is mostly SQLite migrations waiting for fsync: a few at once overlap that. */
    private static final int STARTING_AT_ONCE = 4;

    private final List<SimulatedGateway> gateways = new ArrayList<>();
    private final ExecutorService passes;

    /** {@code settings} gives the settings of gateway 0, 1, ...; {@code observer} sees every gateway's Camel events. */
    public Fleet(int size, IntFunction<Settings> settings, String appVersion, EventNotifier observer)
            throws InterruptedException {
        passes = Executors.newFixedThreadPool(size);
        ExecutorService starting = Executors.newFixedThreadPool(Math.min(size, STARTING_AT_ONCE));
        List<Future<SimulatedGateway>> started = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Settings gatewaySettings = settings.apply(i);
                started.add(starting.submit(() -> new SimulatedGateway(gatewaySettings, appVersion, observer)));
            }
            RuntimeException failure = null;
            for (Future<SimulatedGateway> gateway : started) {
                try {
                    gateways.add(gateway.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IllegalStateException(
                            "A simulated gateway did not start: " + e.getCause().getMessage(), e.getCause());
                }
            }
            if (failure != null) {
                close();
                throw failure;
            }
        } finally {
            starting.shutdown();
        }
    }

    public List<SimulatedGateway> gateways() {
        return List.copyOf(gateways);
    }

    /**
     * {@code count} more pending records on every gateway, all at once: a long gap after the
     * warm-up would let the API stand-in drop its idle connections, which the next pass would meet.
     */
    public void addPendingRecords(int count) throws InterruptedException, ExecutionException {
        onEveryGatewayAtOnce(gateway -> gateway.addPendingRecords(count));
    }

    /** One pass on every gateway, each on its own thread, started together; returns when all have ended. */
    public void syncAtOnce() throws InterruptedException, ExecutionException {
        onEveryGatewayAtOnce(SimulatedGateway::syncPass);
    }

    private void onEveryGatewayAtOnce(Consumer<SimulatedGateway> work) throws InterruptedException, ExecutionException {
        List<Future<?>> running = new ArrayList<>();
        for (SimulatedGateway gateway : gateways) {
            running.add(passes.submit(() -> work.accept(gateway)));
        }
        for (Future<?> done : running) {
            done.get();
        }
    }

    @Override
    public void close() {
        passes.shutdownNow();
        gateways.forEach(SimulatedGateway::close);
        gateways.clear();
    }
}
