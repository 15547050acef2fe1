package io.presenca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.evaluation.DescriptorSpeed;
import io.presenca.evaluation.FaceDescriptions;
import io.presenca.evaluation.OpenSetIdentification;
import io.presenca.evaluation.PairsFile;
import io.presenca.evaluation.Verification;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.vision.DescriptorModel;
import io.presenca.vision.FaceAligner;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.PhotoFace;
import io.presenca.vision.PhotoFaceReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate pairs|identify ...}: measures recognition on a school's own labelled photos with the
 * gateway's own code and settings, so the operating point can be checked rather than trusted.
 */
@Command(name = "evaluate",
        description = "Measure recognition on labelled photos with the gateway's own models and settings.")
final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    /** Set by the subcommand that runs: its settings and the options its reports read. */
    private Settings settings;
    private String descriptors;
    private boolean json;
    private boolean sweep;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    /** {@code evaluate} alone: it needs to be told what to evaluate. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "evaluate: say what to evaluate: 'evaluate pairs --pairs FILE"
                + " --images DIR', 'evaluate identify --dataset DIR --enroll K' or 'evaluate speed --images DIR'.");
    }

    @Command(name = "pairs", description = "Verification accuracy on an LFW-style pairs file, per descriptor and fused.")
    int pairs(@Option(names = "--pairs", required = true, paramLabel = "FILE", description = "An LFW-style pairs file.")
              Path pairsFile,
              @Option(names = "--images", required = true, paramLabel = "DIR",
                      description = "The folder of the images the pairs file names.") Path images,
              @Option(names = "--descriptors", paramLabel = DESCRIPTORS, description = DESCRIPTORS_HELP)
              String descriptors,
              @Option(names = "--json", description = JSON_HELP) boolean json) throws IOException {
        start(descriptors, json, false);
        return measured("pairs", () -> verification(existing("--pairs", pairsFile), existing("--images", images)));
    }

    @Command(name = "identify", description = "Open-set identification at the configured threshold, margin and"
            + " review band, and the share accepted at zero errors.")
    int identify(@Option(names = "--dataset", required = true, paramLabel = "DIR",
                         description = "One folder of photos per person.") Path dataset,
                 @Option(names = "--enroll", paramLabel = "K", defaultValue = "2",
                         description = "Photos enrolled per person (default ${DEFAULT-VALUE}).") int enroll,
                 @Option(names = "--descriptors", paramLabel = DESCRIPTORS, description = DESCRIPTORS_HELP)
                 String descriptors,
                 @Option(names = "--sweep", description = "Also other thresholds and margins.") boolean sweep,
                 @Option(names = "--json", description = JSON_HELP) boolean json) throws IOException {
        start(descriptors, json, sweep);
        if (enroll < 1) {
            throw new ParameterException(spec.commandLine().getSubcommands().get("identify"),
                    "evaluate identify: --enroll must be a whole number of at least 1, got '" + enroll + "'.");
        }
        return measured("identify", () -> identification(existing("--dataset", dataset), enroll));
    }

    @Command(name = "speed", description = "ms per face of each descriptor alone, at batch 1, 4 and 8.")
    int speed(@Option(names = "--images", required = true, paramLabel = "DIR",
                      description = "A folder of face photos (searched below too).") Path images,
              @Option(names = "--faces", paramLabel = "N", defaultValue = "64",
                      description = "Faces to time (8 to 10,000; default ${DEFAULT-VALUE}).") int faces,
              @Option(names = "--descriptors", paramLabel = DESCRIPTORS, description = DESCRIPTORS_HELP)
              String descriptors)
            throws IOException {
        start(descriptors, false, false);
        if (faces < 8 || faces > 10_000) {
            throw new ParameterException(spec.commandLine().getSubcommands().get("speed"),
                    "evaluate speed: --faces must be a whole number from 8 to 10000, got '" + faces + "'.");
        }
        return measured("speed", () -> descriptorSpeed(existing("--images", images), faces));
    }

    private static final String DESCRIPTORS = "omz|dlib|omz+dlib|all";
    private static final String DESCRIPTORS_HELP = "The descriptors to measure; each alone, fused, or all three (default: the DESCRIPTORS setting).";
    private static final String JSON_HELP = "Also print the figures as JSON.";

    private void start(String descriptors, boolean json, boolean sweep) {
        this.settings = Settings.fromProcess();
        this.descriptors = descriptors;
        this.json = json;
        this.sweep = sweep;
    }

    /** A measurement that may find the photos unusable: that is the caller's to fix (exit 2). */
    private int measured(String mode, Measurement measurement) throws IOException {
        try {
            return measurement.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine().getSubcommands().get(mode), "evaluate " + mode + ": "
                    + e.getMessage());
        }
    }

    private interface Measurement {
        int run() throws IOException;
    }

    private Path existing(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + " " + path.toAbsolutePath() + " does not exist.");
        }
        return path;
    }

    /** What {@code --descriptors} asks for: each entry one descriptor alone, or two fused. */
    private List<List<DescriptorModel>> descriptorChoices() {
        String value = descriptors;
        if (value == null) {
            return List.of(List.of(settings.descriptors));
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "all" -> List.of(List.of(DescriptorModel.DLIB), List.of(DescriptorModel.OMZ), FUSION);
            case "omz+dlib", "dlib+omz" -> List.of(FUSION);
            default -> {
                try {
                    yield List.of(List.of(DescriptorModel.forSetting(value)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--descriptors must be omz, dlib, omz+dlib or all, not '"
                            + value + "'");
                }
            }
        };
    }

    private static final List<DescriptorModel> FUSION = List.of(DescriptorModel.OMZ, DescriptorModel.DLIB);

    private static String label(List<DescriptorModel> choice) {
        return choice.stream().map(DescriptorModel::settingName).collect(Collectors.joining("+"));
    }

    /** The descriptions each model needs, read once per model with the given reader. */
    private static Map<DescriptorModel, FaceDescriptions> descriptions(List<List<DescriptorModel>> choices,
                                                                       Function<DescriptorModel, PhotoFaceReader> reader) {
        Map<DescriptorModel, FaceDescriptions> faces = new EnumMap<>(DescriptorModel.class);
        choices.stream().flatMap(List::stream).distinct()
                .forEach(model -> faces.put(model, new FaceDescriptions(reader.apply(model))));
        return faces;
    }

    private int verification(Path pairsFile, Path images) throws IOException {
        List<PairsFile.Pair> pairs = PairsFile.read(pairsFile, images);
        List<List<DescriptorModel>> choices = descriptorChoices();
        try (Gateway gateway = new Gateway(settings)) {
            Map<DescriptorModel, FaceDescriptions> faces = descriptions(choices, gateway::benchmarkPhotoReader);
            Map<DescriptorModel, List<Verification.ScoredPair>> scoredByModel = new EnumMap<>(DescriptorModel.class);
            faces.forEach((model, described) -> scoredByModel.put(model, pairs.stream()
                    .map(pair -> new Verification.ScoredPair(pair.fold(), pair.samePerson(),
                            distance(model, described.of(pair.first()), described.of(pair.second()))))
                    .toList()));
            for (List<DescriptorModel> choice : choices) {
                List<Verification.ScoredPair> scored = choice.size() == 1 ? scoredByModel.get(choice.get(0))
                        : Verification.fused(scoredByModel.get(choice.get(0)), scoredByModel.get(choice.get(1)));
                FaceDescriptions described = faces.get(choice.get(0));
                printPairs(out, label(choice), Verification.of(scored), described,
                        choice.size() == 1 ? choice.get(0) : null);
            }
            return 0;
        }
    }

    /** @param model the descriptor, or null for a fusion (whose scores are z-sums, not distances) */
    private void printPairs(PrintStream out, String label, Verification.Result result, FaceDescriptions faces,
                            DescriptorModel model) {
        out.printf("[%s] Verification on %d pairs in %d folds, %d images (%.1f ms per image)%n", label, result.pairs(),
                result.foldAccuracies().length, faces.images(), faces.msPerImage());
        out.printf("  accuracy %.2f %% ± %.2f (threshold chosen on the other folds; folds:%s)%n",
                100 * result.accuracy(), 100 * result.accuracyStd(), percentages(result.foldAccuracies()));
        out.printf("  TAR %.2f %% at FAR 1 %%, %.2f %% at FAR 0.1 %%%n", 100 * result.tarAtFar1Percent(),
                100 * result.tarAtFarTenthPercent());
        if (model != null) {
            out.printf("  best single threshold: distance %.3f (similarity %.1f %%)%n", result.threshold(),
                    RecognitionThreshold.similarity(model.recognitionDistance(result.threshold())));
        } else {
            out.printf("  best single threshold: fused z-score %.3f%n", result.threshold());
        }
        out.printf("  images without a usable face: %d (unreadable %d, no face %d, several faces %d);"
                        + " their pairs count as 'different person'%n", faces.withoutDescriptor(),
                faces.count(PhotoFace.Outcome.UNREADABLE), faces.count(PhotoFace.Outcome.NO_FACE),
                faces.count(PhotoFace.Outcome.SEVERAL_FACES));
        if (json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("descriptors", label);
            json.put("accuracy", result.accuracy());
            json.put("accuracy_std", result.accuracyStd());
            json.put("fold_accuracies", result.foldAccuracies());
            json.put("tar_at_far_0_01", result.tarAtFar1Percent());
            json.put("tar_at_far_0_001", result.tarAtFarTenthPercent());
            json.put("threshold", result.threshold());
            json.put("pairs", result.pairs());
            json.put("images", faces.images());
            json.put("no_face", faces.withoutDescriptor());
            json.put("no_face_handling", "pair counted as different person");
            json.put("ms_per_image", faces.msPerImage());
            out.println(json(json));
        }
    }

    private static double distance(DescriptorModel model, PhotoFace a, PhotoFace b) {
        return a.accepted() && b.accepted() ? model.distance(a.descriptor(), b.descriptor()) : Double.POSITIVE_INFINITY;
    }

    private int identification(Path dataset, int enroll) {
        List<List<DescriptorModel>> choices = descriptorChoices();
        try (Gateway gateway = new Gateway(settings)) {
            Map<DescriptorModel, FaceDescriptions> faces = descriptions(choices, gateway::photoFaceReader);
            Map<DescriptorModel, OpenSetIdentification> alone = new EnumMap<>(DescriptorModel.class);
            faces.forEach((model, described) ->
                    alone.put(model, new OpenSetIdentification(dataset, enroll, described, model)));
            for (List<DescriptorModel> choice : choices) {
                if (choice.size() == 1) {
                    printIdentification(out, choice.get(0), alone.get(choice.get(0)), faces.get(choice.get(0)), enroll,
                            gateway.decisionRule());
                } else {
                    DescriptorModel first = choice.get(0), second = choice.get(1);
                    OpenSetIdentification fused = OpenSetIdentification.fused(alone.get(first), faces.get(first),
                            alone.get(second), faces.get(second));
                    out.printf("[%s] Open-set identification, %d students enrolled with up to %d photos, scores fused"
                                    + " (sum of z-scored distances; the decision rule does not apply)%n", label(choice),
                            fused.judge(gateway.decisionRule()).galleryStudents(), enroll);
                    printOperatingPoints(out, label(choice), fused.operatingPoints(), null, null);
                }
            }
            return 0;
        }
    }

    private void printIdentification(PrintStream out, DescriptorModel model, OpenSetIdentification evaluation,
                                     FaceDescriptions faces, int enroll, DecisionRule rule) {
        OpenSetIdentification.Result r = evaluation.judge(rule);
        out.printf("[%s] Open-set identification: %d students enrolled with up to %d photos (%d templates),"
                        + " %d probes of them, %d stranger probes; %d images (%.1f ms per image)%n", model.settingName(),
                r.galleryStudents(), enroll, r.galleryTemplates(), r.enrolledProbes(), r.strangerProbes(),
                faces.images(), faces.msPerImage());
        out.printf("  at FACE_RECOGNITION_THRESHOLD %s, MATCH_MARGIN %s %%, REVIEW_BAND %s, each probe judged alone:%n",
                settings.faceRecognitionThreshold, settings.matchMargin, settings.reviewBand);
        out.printf("  students: rank-1 %.2f %%; accepted correctly %.2f %%, accepted as someone else %.2f %%,"
                        + " to review %.2f %%, unknown %.2f %%%n", 100 * r.rank1(), 100 * r.acceptedCorrect(),
                100 * r.acceptedWrong(), 100 * r.review(), 100 * r.unknown());
        out.printf("  strangers: accepted as a student (false marks) %.2f %%, to review %.2f %%%n",
                100 * r.strangerAccepted(), 100 * r.strangerReview());
        out.printf("  probes without a usable face (unknown): %d (quality gate %d, no face %d)%n",
                r.probesWithoutDescriptor(), faces.count(PhotoFace.Outcome.POOR_QUALITY),
                faces.count(PhotoFace.Outcome.NO_FACE));
        if (sweep) {
            printSweep(out, model, evaluation);
        }
        printOperatingPoints(out, model.settingName(), evaluation.operatingPoints(), model, r);
    }

    /**
     * Threshold-only figures (no margin): the descriptor's own quality, comparable across descriptors.
     * @param model and {@code rule} null for a fusion
     */
    private void printOperatingPoints(PrintStream out, String label, OpenSetIdentification.OperatingPoints points,
                                      DescriptorModel model, OpenSetIdentification.Result rule) {
        out.printf("  threshold alone: accepted correctly %.2f %% (wrong student %.2f %%) at 1 %% strangers,"
                        + " %.2f %% (wrong %.2f %%) at 0.1 %% strangers%n", 100 * points.correctAt1Percent(),
                100 * points.wrongAt1Percent(), 100 * points.correctAtTenthPercent(), 100 * points.wrongAtTenthPercent());
        out.printf("  accepted at zero errors (no stranger, no wrong student): %.2f %%%s%n",
                100 * points.correctAtZeroErrors(), model == null || Double.isInfinite(points.zeroErrorDistance()) ? ""
                        : String.format(Locale.ROOT, ", below distance %.3f (%s), similarity %.2f %%",
                                model.modelDistance(points.zeroErrorDistance()), model.settingName(),
                                RecognitionThreshold.similarity(points.zeroErrorDistance())));
        if (!json) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("descriptors", label);
        if (rule != null) {
            json.put("rank1", rule.rank1());
            json.put("accepted_correct", rule.acceptedCorrect());
            json.put("accepted_wrong", rule.acceptedWrong());
            json.put("review", rule.review());
            json.put("unknown", rule.unknown());
            json.put("stranger_accepted", rule.strangerAccepted());
            json.put("stranger_review", rule.strangerReview());
            json.put("enrolled_probes", rule.enrolledProbes());
            json.put("stranger_probes", rule.strangerProbes());
            json.put("gallery_size", rule.galleryStudents());
            json.put("gallery_templates", rule.galleryTemplates());
            json.put("no_face", rule.probesWithoutDescriptor());
            json.put("threshold", settings.faceRecognitionThreshold);
            json.put("match_margin", settings.matchMargin);
            json.put("review_band", settings.reviewBand);
        }
        json.put("accepted_at_zero_errors", points.correctAtZeroErrors());
        json.put("accepted_correct_at_1pct_strangers", points.correctAt1Percent());
        json.put("accepted_correct_at_0_1pct_strangers", points.correctAtTenthPercent());
        out.println(json(json));
    }

    /** The same probes at other thresholds and margins: how a school picks its own operating point. */
    private void printSweep(PrintStream out, DescriptorModel model, OpenSetIdentification evaluation) {
        for (double margin : DoubleStream.concat(DoubleStream.of(settings.matchMargin), DoubleStream.of(0, 10, 20, 30))
                .distinct().toArray()) {
            out.printf("  MATCH_MARGIN %s %%:%n", margin);
            out.println("  threshold  distance(" + model.settingName()
                    + ")  accepted-correct  accepted-wrong  review  stranger-accepted  stranger-review");
            for (double percent = 90; percent <= 98.01; percent += 0.5) {
                RecognitionThreshold threshold = new RecognitionThreshold(percent);
                OpenSetIdentification.Result r = evaluation.judge(new DecisionRule(threshold, margin,
                        Math.min(settings.reviewBand, percent - 1)));
                out.printf("  %9.1f  %14.3f  %15.2f%%  %13.2f%%  %5.2f%%  %16.2f%%  %14.2f%%%n", percent,
                        model.modelDistance(threshold.distance()), 100 * r.acceptedCorrect(), 100 * r.acceptedWrong(),
                        100 * r.review(), 100 * r.strangerAccepted(), 100 * r.strangerReview());
            }
        }
    }

    /** ms per face of each descriptor alone, one face at a time and in frame-sized batches. */
    private int descriptorSpeed(Path folder, int faces) throws IOException {
        List<Path> images;
        try (Stream<Path> files = Files.walk(folder)) {
            images = files.filter(Files::isRegularFile).sorted().limit(faces).toList();
        }
        try (Gateway gateway = new Gateway(settings)) {
            for (DescriptorModel model : descriptorChoices().stream().flatMap(List::stream).distinct().toList()) {
                List<Mat> chips = DescriptorSpeed.chips(images, gateway.faceDetector(), new FaceAligner(model.layout()));
                try {
                    FaceEmbedder embedder = gateway.faceEmbedder(model);
                    out.printf("[%s] %d faces, INFERENCE_THREADS %d: ms per face %.2f at batch 1, %.2f at batch 4,"
                                    + " %.2f at batch 8%n", model.settingName(), chips.size(), settings.inferenceThreads,
                            DescriptorSpeed.msPerFace(embedder, chips, 1), DescriptorSpeed.msPerFace(embedder, chips, 4),
                            DescriptorSpeed.msPerFace(embedder, chips, 8));
                } finally {
                    chips.forEach(Mat::close);
                }
            }
            return 0;
        }
    }

    private static String percentages(double[] shares) {
        StringBuilder text = new StringBuilder();
        for (double share : shares) {
            text.append(String.format(" %.2f", 100 * share));
        }
        return text.toString();
    }

    private static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
