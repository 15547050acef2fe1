package io.presenca.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per pipeline stage and frame, summarised as median and 95th percentile. */
public final class StageTimer {

    public record Summary(double medianMs, double p95Ms, double meanMs) {
    }

    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        add(stage, System.nanoTime() - start);
        return result;
    }

    public void add(String stage, long elapsedNanos) {
        long[] values = nanos.computeIfAbsent(stage, s -> new long[256]);
        int n = counts.getOrDefault(stage, 0);
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            nanos.put(stage, values);
        }
        values[n] = elapsedNanos;
        counts.put(stage, n + 1);
    }

    public Map<String, Summary> summaries() {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        nanos.forEach((stage, values) -> {
            long[] sorted = Arrays.copyOf(values, counts.get(stage));
            Arrays.sort(sorted);
            summaries.put(stage, new Summary(sorted[sorted.length / 2] / 1e6,
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)] / 1e6,
                    Arrays.stream(sorted).average().orElse(0) / 1e6));
        });
        return summaries;
    }
}
