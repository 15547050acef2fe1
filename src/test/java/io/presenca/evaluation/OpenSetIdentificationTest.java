package io.presenca.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.vision.DescriptorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default descriptor against dlib on a small shared set: the Big Bang Theory crops and dlib's
 * look-alike Johns enrolled with two photos each, probed with the rest and with 40 LFW strangers.
 */
class OpenSetIdentificationTest {

    private static final Path DATASETS = Path.of("../shared/datasets");
    private static final int STRANGERS = 40;

    private static Gateway gateway;
    private static final Map<DescriptorModel, FaceDescriptions> faces = new EnumMap<>(DescriptorModel.class);
    private static final Map<DescriptorModel, OpenSetIdentification> identification = new EnumMap<>(DescriptorModel.class);

    @BeforeAll
    static void describeTheSetWithBothDescriptors(@TempDir Path dataset) throws IOException {
        copyIdentities(DATASETS.resolve("faceapi_bbt"), dataset, Integer.MAX_VALUE);
        copyIdentities(DATASETS.resolve("dlib_johns"), dataset, Integer.MAX_VALUE);
        copyIdentities(DATASETS.resolve("lfw-dev"), dataset, STRANGERS); // one image each: strangers
        gateway = new Gateway(Settings.load(name -> Optional.empty()));
        for (DescriptorModel model : DescriptorModel.values()) {
            faces.put(model, new FaceDescriptions(gateway.photoFaceReader(model)));
            identification.put(model, new OpenSetIdentification(dataset, 2, faces.get(model), model));
        }
    }

    @AfterAll
    static void close() {
        gateway.close();
    }

    @Test
    void theDefaultOmzDescriptorAcceptsMoreStudentsThanDlibWithNoStrangerAndNoWrongStudent() {
        OpenSetIdentification.OperatingPoints omz = identification.get(DescriptorModel.OMZ).operatingPoints();
        OpenSetIdentification.OperatingPoints dlib = identification.get(DescriptorModel.DLIB).operatingPoints();
        System.out.printf("accepted at zero errors: omz %.3f, dlib %.3f%n", omz.correctAtZeroErrors(),
                dlib.correctAtZeroErrors());
        assertTrue(omz.correctAtZeroErrors() > dlib.correctAtZeroErrors(), omz + " vs " + dlib);
        assertTrue(omz.correctAtZeroErrors() >= 0.8, omz.toString());
    }

    @Test
    void atTheDefaultSettingsNoStrangerAndNoWrongStudentIsAccepted() {
        OpenSetIdentification.Result r = identification.get(DescriptorModel.OMZ).judge(gateway.decisionRule());
        assertEquals(13, r.galleryStudents(), "8 + 5 enrolled; the LFW identities have one image each");
        assertEquals(STRANGERS, r.strangerProbes());
        assertEquals(0.0, r.strangerAccepted(), r.toString());
        assertEquals(0.0, r.acceptedWrong(), r.toString());
        assertTrue(r.acceptedCorrect() >= 0.7, r.toString());
    }

    @Test
    void fusingTheTwoKeepsEveryProbeAndOrdersStudentsByTheSummedZScores() {
        OpenSetIdentification fused = OpenSetIdentification.fused(identification.get(DescriptorModel.OMZ),
                faces.get(DescriptorModel.OMZ), identification.get(DescriptorModel.DLIB), faces.get(DescriptorModel.DLIB));
        OpenSetIdentification.OperatingPoints points = fused.operatingPoints();
        assertTrue(points.zeroErrorDistance() < 0, "a match is closer than the mean impostor: a negative z-sum");
        assertTrue(points.correctAtZeroErrors() > identification.get(DescriptorModel.DLIB).operatingPoints()
                .correctAtZeroErrors(), points.toString());
    }

    /** Copies the first {@code limit} identities (by name) of a dataset, keeping only one-image ones for LFW. */
    private static void copyIdentities(Path from, Path to, int limit) throws IOException {
        boolean strangers = limit != Integer.MAX_VALUE;
        try (Stream<Path> identities = Files.list(from)) {
            List<Path> chosen = identities.filter(Files::isDirectory).sorted()
                    .filter(dir -> !strangers || count(dir) == 1).limit(limit).toList();
            for (Path identity : chosen) {
                Path target = Files.createDirectories(to.resolve(identity.getFileName().toString()));
                try (Stream<Path> images = Files.list(identity)) {
                    for (Path image : images.toList()) {
                        Files.copy(image, target.resolve(image.getFileName().toString()));
                    }
                }
            }
        }
    }

    private static long count(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
