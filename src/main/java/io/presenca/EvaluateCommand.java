package io.presenca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.config.Settings;
import io.presenca.evaluation.FaceDescriptions;
import io.presenca.evaluation.OpenSetIdentification;
import io.presenca.evaluation.PairsFile;
import io.presenca.evaluation.Verification;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.Gallery;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.vision.PhotoFace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate pairs|identify ...}: measures recognition on a school's own labelled photos with the
 * gateway's own code and settings, so the operating point can be checked rather than trusted.
 */
final class EvaluateCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final String mode;
    private final CommandOptions options;

    EvaluateCommand(Settings settings, List<String> args) {
        this.settings = settings;
        this.mode = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        this.options = switch (mode) {
            case "pairs" -> new CommandOptions("evaluate pairs", rest, Set.of("--pairs", "--images"), Set.of("--json"));
            case "identify" -> new CommandOptions("evaluate identify", rest, Set.of("--dataset", "--enroll"),
                    Set.of("--json", "--sweep"));
            default -> throw new Presenca.UsageException("evaluate: say what to evaluate: 'evaluate pairs --pairs FILE"
                    + " --images DIR' or 'evaluate identify --dataset DIR --enroll K'.");
        };
    }

    int run(PrintStream out) throws IOException {
        try {
            return mode.equals("pairs") ? pairs(out) : identify(out);
        } catch (IllegalArgumentException e) {
            throw new Presenca.UsageException("evaluate " + mode + ": " + e.getMessage());
        }
    }

    private int pairs(PrintStream out) throws IOException {
        List<PairsFile.Pair> pairs = PairsFile.read(options.existingPath("--pairs"), options.existingPath("--images"));
        try (Gateway gateway = new Gateway(settings)) {
            FaceDescriptions faces = new FaceDescriptions(gateway.benchmarkPhotoReader());
            List<Verification.ScoredPair> scored = new ArrayList<>();
            for (PairsFile.Pair pair : pairs) {
                scored.add(new Verification.ScoredPair(pair.fold(), pair.samePerson(),
                        distance(faces.of(pair.first()), faces.of(pair.second()))));
            }
            Verification.Result result = Verification.of(scored);
            out.printf("Verification on %d pairs in %d folds, %d images (%.1f ms per image)%n", result.pairs(),
                    result.foldAccuracies().length, faces.images(), faces.msPerImage());
            out.printf("  accuracy %.2f %% ± %.2f (threshold chosen on the other folds; folds:%s)%n",
                    100 * result.accuracy(), 100 * result.accuracyStd(), percentages(result.foldAccuracies()));
            out.printf("  TAR %.2f %% at FAR 1 %%, %.2f %% at FAR 0.1 %%%n", 100 * result.tarAtFar1Percent(),
                    100 * result.tarAtFarTenthPercent());
            out.printf("  best single threshold: distance %.3f (similarity %.1f %%)%n", result.threshold(),
                    RecognitionThreshold.similarity(result.threshold()));
            out.printf("  images without a usable face: %d (unreadable %d, no face %d, several faces %d);"
                            + " their pairs count as 'different person'%n", faces.withoutDescriptor(),
                    faces.count(PhotoFace.Outcome.UNREADABLE), faces.count(PhotoFace.Outcome.NO_FACE),
                    faces.count(PhotoFace.Outcome.SEVERAL_FACES));
            if (options.has("--json")) {
                Map<String, Object> json = new LinkedHashMap<>();
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
            return 0;
        }
    }

    private static double distance(PhotoFace a, PhotoFace b) {
        return a.accepted() && b.accepted() ? Gallery.distance(a.descriptor(), b.descriptor()) : Double.POSITIVE_INFINITY;
    }

    private int identify(PrintStream out) {
        Path dataset = options.existingPath("--dataset");
        int enroll = options.integer("--enroll", 2, 1);
        try (Gateway gateway = new Gateway(settings)) {
            FaceDescriptions faces = new FaceDescriptions(gateway.photoFaceReader());
            OpenSetIdentification evaluation = new OpenSetIdentification(dataset, enroll, faces);
            DecisionRule rule = gateway.decisionRule();
            OpenSetIdentification.Result r = evaluation.judge(rule);
            out.printf("Open-set identification: %d students enrolled with up to %d photos (%d templates),"
                            + " %d probes of them, %d stranger probes; %d images (%.1f ms per image)%n",
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
            if (options.has("--sweep")) {
                printSweep(out, evaluation);
            }
            if (options.has("--json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("rank1", r.rank1());
                json.put("accepted_correct", r.acceptedCorrect());
                json.put("accepted_wrong", r.acceptedWrong());
                json.put("review", r.review());
                json.put("unknown", r.unknown());
                json.put("stranger_accepted", r.strangerAccepted());
                json.put("stranger_review", r.strangerReview());
                json.put("enrolled_probes", r.enrolledProbes());
                json.put("stranger_probes", r.strangerProbes());
                json.put("gallery_size", r.galleryStudents());
                json.put("gallery_templates", r.galleryTemplates());
                json.put("no_face", r.probesWithoutDescriptor());
                json.put("threshold", settings.faceRecognitionThreshold);
                json.put("match_margin", settings.matchMargin);
                json.put("review_band", settings.reviewBand);
                json.put("ms_per_image", faces.msPerImage());
                out.println(json(json));
            }
            return 0;
        }
    }

    /** The same probes at other thresholds: how a school picks its own operating point. */
    private void printSweep(PrintStream out, OpenSetIdentification evaluation) {
        out.println("  threshold  accepted-correct  accepted-wrong  review  stranger-accepted  stranger-review");
        for (double percent = 90; percent <= 98.01; percent += 0.5) {
            OpenSetIdentification.Result r = evaluation.judge(new DecisionRule(new RecognitionThreshold(percent),
                    settings.matchMargin, Math.min(settings.reviewBand, percent - 1)));
            out.printf("  %9.1f  %15.2f%%  %13.2f%%  %5.2f%%  %16.2f%%  %14.2f%%%n", percent, 100 * r.acceptedCorrect(),
                    100 * r.acceptedWrong(), 100 * r.review(), 100 * r.strangerAccepted(), 100 * r.strangerReview());
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
