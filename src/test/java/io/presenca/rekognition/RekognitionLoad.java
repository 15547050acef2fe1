package io.presenca.rekognition;

import io.presenca.config.Settings;
import io.presenca.vision.DetectedFace;
import io.presenca.vision.FaceCrops;
import io.presenca.vision.FaceDetector;
import io.presenca.vision.ModelFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Benchmark, not a test: prints what the Rekognition path costs on this machine against the loopback
 * fake (so it measures the gateway's side only: SDK signing and HTTP, rate limit, crops). Run with
 * {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.presenca.rekognition.RekognitionLoad}.
 */
public final class RekognitionLoad {

    private RekognitionLoad() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeRekognition fake = new FakeRekognition()) {
            fake.searchFinds("amy", 99);
            Settings settings = RekognitionTestSettings.pointingAt(fake);
            try (RekognitionClient client = RekognitionClients.create(settings)) {
                FaceCollection collection = new FaceCollection(client, "school-test", new CallRate(10_000), Duration.ZERO);
                byte[] crop = cropOfAFace();
                System.out.printf("crop sent per face: %d bytes JPEG%n", crop.length);
                latency(collection, crop);
                for (double tps : new double[] {5, 20}) {
                    throughput(client, crop, tps, (int) (tps * 6));
                }
            }
        }
        cropCost();
    }

    /** Loopback round trips through the SDK, no rate limit: the gateway's own cost per call. */
    private static void latency(FaceCollection collection, byte[] crop) {
        FaceSearch search = new FaceSearch(collection, link(), 93);
        for (int i = 0; i < 50; i++) {
            search.search(crop, Duration.ZERO);
        }
        long[] nanos = new long[300];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            search.search(crop, Duration.ZERO);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("SearchFacesByImage over loopback through the SDK: median %.2f ms, p95 %.2f ms (%d calls)%n",
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, nanos.length);
    }

    /** Callers that may wait up to 1 s each, one after another: the rate the limit lets through. */
    private static void throughput(RekognitionClient client, byte[] crop, double tps, int calls) {
        FaceSearch search = new FaceSearch(new FaceCollection(client, "school-test", new CallRate(tps), Duration.ZERO),
                link(), 93);
        long start = System.nanoTime();
        int answered = 0;
        for (int i = 0; i < calls; i++) {
            if (search.search(crop, Duration.ofSeconds(1)) instanceof FaceSearch.Match) {
                answered++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("REKOGNITION_TPS=%.0f: %d calls in %.2f s = %.2f calls/s%n", tps, answered, seconds,
                answered / seconds);
    }

    private static RekognitionLink link() {
        return new RekognitionLink("school-test", Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static byte[] cropOfAFace() {
        try (Mat photo = opencv_imgcodecs.imread("../shared/datasets/group_photos/faceapi_bbt1.jpg");
             FaceDetector detector = detector()) {
            return FaceCrops.cut(photo, detector.detect(photo).get(0));
        }
    }

    /** What making the crops costs the capture route per face (done only when MATCHER uses Rekognition). */
    private static void cropCost() {
        Path video = Path.of("../shared/datasets/group_photos/faceapi_bbt1.jpg");
        try (Mat photo = opencv_imgcodecs.imread(video.toString()); FaceDetector detector = detector()) {
            List<DetectedFace> faces = detector.detect(photo);
            for (int i = 0; i < 100; i++) {
                FaceCrops.cut(photo, faces.get(i % faces.size()));
            }
            int n = 2000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                FaceCrops.cut(photo, faces.get(i % faces.size()));
            }
            System.out.printf("FaceCrops.cut: %.3f ms per face (%d faces of a %dx%d photo)%n",
                    (System.nanoTime() - start) / 1e6 / n, faces.size(), photo.cols(), photo.rows());
        }
    }

    private static FaceDetector detector() {
        return new FaceDetector(ModelFiles.bundled().load(ModelFiles.Model.FACE_DETECTOR), 0.6f, 640);
    }
}
