package io.presenca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.Gateway;
import io.presenca.bench.CaptureBench;
import io.presenca.bench.GallerySearchBench;
import io.presenca.bench.PeakMemory;
import io.presenca.bench.StageTimer;
import io.presenca.camera.CameraUnavailableException;
import io.presenca.camera.FrameSources;
import io.presenca.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench --source FILE_OR_DIR}: the capture pipeline's speed on a video file or image folder,
 * per stage, and the gallery search's cost at 1,000 and 10,000 students. Records go to a throw-away
 * database, never the gateway's own.
 */
@Command(name = "bench",
        description = "Capture speed per stage on a video file or image folder, faces described per second and "
        + "descriptions saved by tracking, and the gallery search's cost at 1,000 and 10,000 students. "
        + "'bench sync' measures the central sync instead.")
final class BenchCommand implements Callable<Integer> {

    private static final int BENCH_GALLERY_STUDENTS = 1_000;

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    /** Not required by picocli: {@code bench sync} does without it. */
    @Option(names = "--source", paramLabel = "FILE_OR_DIR", description = "A video file or an image folder (required).")
    private String source;
    @Option(names = "--json", description = "Also print the figures as one line of JSON.")
    private boolean printJson;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (source == null) {
            throw new ParameterException(spec.commandLine(), "bench: --source is required.");
        }
        if (FrameSources.isLive(source)) {
            throw new ParameterException(spec.commandLine(), "bench: --source must be a video file or an image folder, not a camera"
                    + " or stream ('" + source + "'): the benchmark needs a source that ends.");
        }
        try (ScratchFolder scratch = new ScratchFolder("presenca-bench")) {
            Settings settings = Settings.fromProcessWith(Map.of("SQLITE_PATH", scratch.resolve("bench.db").toString()));
            try (Gateway gateway = new Gateway(settings)) {
                gateway.faceDetector();
                gateway.faceEmbedder();
                gateway.database();
                double startupMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                CaptureBench bench = new CaptureBench(gateway,
                        GallerySearchBench.gallery(BENCH_GALLERY_STUDENTS, new Random(1), settings.descriptors).gallery());
                CaptureBench.Result result = bench.run(source);
                double peakMb = PeakMemory.residentMb();
                double ms1k = GallerySearchBench.msPerFace(1_000, 5_000, 2, settings.descriptors);
                double ms10k = GallerySearchBench.msPerFace(10_000, 2_000, 3, settings.descriptors);
                print(out, source, settings, result, startupMs, peakMb, ms1k, ms10k);
                if (printJson) {
                    out.println(json(result, startupMs, peakMb, ms1k, ms10k));
                }
                return 0;
            }
        } catch (CameraUnavailableException e) {
            throw new ParameterException(spec.commandLine(), "bench: " + e.getMessage());
        }
    }

    private static void print(PrintStream out, String source, Settings settings, CaptureBench.Result result,
                              double startupMs, double peakMb, double ms1k, double ms10k) {
        out.printf("Capture pipeline on %s (%d inference threads, detection at <= %d px):%n", source,
                settings.inferenceThreads, settings.detectionMaxSide);
        out.printf("  %d frames, %d faces in %.2f s: %.1f frames/s, %.1f faces/s%n", result.frames(), result.faces(),
                result.seconds(), result.framesPerSecond(), result.facesPerSecond());
        out.printf("  %d faces described (%.1f per second); %d descriptions saved by tracking (TRACK_RECHECK_FRAMES=%d)%n",
                result.described(), result.describedPerSecond(), result.descriptionsSaved(), settings.trackRecheckFrames);
        out.println("  stage           median ms   p95 ms   mean ms");
        result.stages().forEach((stage, s) ->
                out.printf("  %-14s %10.2f %8.2f %9.2f%n", stage, s.medianMs(), s.p95Ms(), s.meanMs()));
        out.printf("  start-up (JVM start to models loaded and database open): %.0f ms%n", startupMs);
        out.printf("  peak resident memory: %.0f MB%n", peakMb);
        out.printf("Gallery search (3 templates per student): %.3f ms per face at 1,000 students, %.3f ms at 10,000%n",
                ms1k, ms10k);
    }

    private static String json(CaptureBench.Result result, double startupMs, double peakMb, double ms1k, double ms10k)
            throws JsonProcessingException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("frames", result.frames());
        json.put("faces", result.faces());
        json.put("frames_per_second", result.framesPerSecond());
        json.put("faces_per_second", result.facesPerSecond());
        json.put("faces_described", result.described());
        json.put("faces_described_per_second", result.describedPerSecond());
        json.put("descriptions_saved_by_tracking", result.descriptionsSaved());
        Map<String, Object> stages = new LinkedHashMap<>();
        for (Map.Entry<String, StageTimer.Summary> stage : result.stages().entrySet()) {
            stages.put(stage.getKey(), Map.of("median_ms", stage.getValue().medianMs(), "p95_ms", stage.getValue().p95Ms()));
        }
        json.put("stages", stages);
        json.put("startup_ms", startupMs);
        json.put("peak_rss_mb", peakMb);
        json.put("gallery_1k_ms_per_face", ms1k);
        json.put("gallery_10k_ms_per_face", ms10k);
        return new ObjectMapper().writeValueAsString(json);
    }
}
