package io.presenca.evaluation;

import io.presenca.matching.DecisionRule;
import io.presenca.matching.Gallery;
import io.presenca.vision.DescriptorModel;
import io.presenca.vision.PhotoFace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Open-set identification on a folder of {@code <identity>/<images>}: identities with more than K
 * images are enrolled with their first K (by file name) and probed with the rest; the others are
 * strangers, probed with every image. Enrollment and probes go through the gateway's photo reader
 * (quality gate included), its gallery and its decision rule. Each probe is judged alone, as a
 * visit whose every frame shows that image: video frames of one visit are alike, so this is the
 * honest estimate of the per-visit risk (consensus over several different images does better).
 *
 * <p>Two descriptors can be {@link #fused}: a student's score is the sum of each descriptor's distance
 * standardised by that descriptor's impostor distances inside the enrolled gallery (z-scores).
 */
public final class OpenSetIdentification {

    /** A probe and what the gallery made of it (nearest is empty when the image gave no descriptor). */
    private record Probe(String identity, boolean enrolled, Path image, Optional<Gallery.Nearest> nearest) {
    }

    public record Result(int galleryStudents, int galleryTemplates, int enrolledProbes, int strangerProbes,
                         double rank1, double acceptedCorrect, double acceptedWrong, double review, double unknown,
                         double strangerAccepted, double strangerReview, int probesWithoutDescriptor) {
    }

    /**
     * Threshold-only operating points (no margin, no review band), the descriptor's own quality: correct
     * and wrong accepts with at most 1 % and 0.1 % of strangers accepted, and the share accepted correctly
     * at the strictest point where no stranger and no wrong student is accepted, with that distance.
     */
    public record OperatingPoints(double correctAt1Percent, double wrongAt1Percent, double correctAtTenthPercent,
                                  double wrongAtTenthPercent, double correctAtZeroErrors, double zeroErrorDistance) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final Gallery gallery;
    private final List<Gallery.StudentTemplates> enrolled = new ArrayList<>();

    public OpenSetIdentification(Path dataset, int enrollK, FaceDescriptions faces, DescriptorModel model) {
        this.gallery = new Gallery(model);
        List<Path[]> probeImages = new ArrayList<>();
        for (Path identity : list(dataset, Files::isDirectory)) {
            List<Path> images = list(identity, Files::isRegularFile);
            boolean hasProbes = images.size() > enrollK;
            List<float[]> templates = new ArrayList<>();
            if (hasProbes) {
                for (Path photo : images.subList(0, enrollK)) {
                    PhotoFace face = faces.of(photo);
                    if (face.accepted()) {
                        templates.add(face.descriptor());
                    }
                }
            }
            String id = identity.getFileName().toString();
            if (!templates.isEmpty()) {
                enrolled.add(new Gallery.StudentTemplates(id, templates));
            }
            // an identity whose enrollment photos were all refused is, in effect, a stranger
            for (Path probe : hasProbes ? images.subList(enrollK, images.size()) : images) {
                probeImages.add(new Path[] {identity, probe});
                probes.add(new Probe(id, !templates.isEmpty(), probe, Optional.empty()));
            }
        }
        if (enrolled.isEmpty()) {
            throw new IllegalArgumentException("No identity in " + dataset + " has more than " + enrollK
                    + " usable images: nobody could be enrolled");
        }
        gallery.replace(enrolled);
        for (int i = 0; i < probes.size(); i++) {
            PhotoFace face = faces.of(probeImages.get(i)[1]);
            Probe probe = probes.get(i);
            probes.set(i, new Probe(probe.identity(), probe.enrolled(), probe.image(),
                    face.accepted() ? gallery.nearest(face.descriptor()) : Optional.empty()));
        }
    }

    private OpenSetIdentification(Gallery gallery, List<Probe> probes) {
        this.gallery = gallery;
        this.probes.addAll(probes);
    }

    /**
     * Both descriptors' evaluations of the same dataset and split, fused: a probe's score for a student
     * is z₁ + z₂, each z its distance minus the mean over the std of that descriptor's impostor distances
     * (an enrolled template to the other students). Only the {@link #operatingPoints()} apply to the
     * result: margin and review band are not defined on z-scores.
     */
    public static OpenSetIdentification fused(OpenSetIdentification first, FaceDescriptions firstFaces,
                                              OpenSetIdentification second, FaceDescriptions secondFaces) {
        double[] firstImpostors = first.impostorMeanAndStd();
        double[] secondImpostors = second.impostorMeanAndStd();
        List<Probe> fused = new ArrayList<>();
        for (int i = 0; i < first.probes.size(); i++) {
            Probe probe = first.probes.get(i);
            PhotoFace a = firstFaces.of(probe.image());
            PhotoFace b = secondFaces.of(probe.image());
            boolean enrolled = probe.enrolled() && second.probes.get(i).enrolled();
            if (!a.accepted() || !b.accepted()) {
                fused.add(new Probe(probe.identity(), enrolled, probe.image(), Optional.empty()));
                continue;
            }
            Map<String, Double> da = first.gallery.distances(a.descriptor());
            Map<String, Double> db = second.gallery.distances(b.descriptor());
            String best = null, runnerUp = null;
            double bestScore = Double.POSITIVE_INFINITY, runnerUpScore = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, Double> student : da.entrySet()) {
                Double other = db.get(student.getKey());
                if (other == null) {
                    continue;
                }
                double score = z(student.getValue(), firstImpostors) + z(other, secondImpostors);
                if (score < bestScore) {
                    runnerUp = best;
                    runnerUpScore = bestScore;
                    best = student.getKey();
                    bestScore = score;
                } else if (score < runnerUpScore) {
                    runnerUp = student.getKey();
                    runnerUpScore = score;
                }
            }
            fused.add(new Probe(probe.identity(), enrolled, probe.image(), best == null ? Optional.empty()
                    : Optional.of(new Gallery.Nearest(best, bestScore, runnerUp, runnerUpScore))));
        }
        return new OpenSetIdentification(first.gallery, fused);
    }

    private static double z(double distance, double[] meanAndStd) {
        return (distance - meanAndStd[0]) / meanAndStd[1];
    }

    /** Mean and standard deviation of each enrolled template's distance to every other student. */
    private double[] impostorMeanAndStd() {
        double sum = 0, squares = 0;
        long n = 0;
        for (Gallery.StudentTemplates student : enrolled) {
            for (float[] template : student.descriptors()) {
                for (Map.Entry<String, Double> other : gallery.distances(template).entrySet()) {
                    if (!other.getKey().equals(student.studentId())) {
                        sum += other.getValue();
                        squares += other.getValue() * other.getValue();
                        n++;
                    }
                }
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("Fusion needs at least two enrolled students");
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(1e-12, squares / n - mean * mean))};
    }

    public Result judge(DecisionRule rule) {
        int enrolledProbes = 0, strangers = 0, rank1 = 0, correct = 0, wrong = 0, review = 0, strangerAccepted = 0,
                strangerReview = 0, withoutDescriptor = 0;
        for (Probe probe : probes) {
            if (probe.enrolled()) {
                enrolledProbes++;
            } else {
                strangers++;
            }
            if (probe.nearest().isEmpty()) {
                withoutDescriptor++;
                continue;
            }
            Gallery.Nearest nearest = probe.nearest().get();
            boolean right = nearest.studentId().equals(probe.identity());
            DecisionRule.Verdict verdict = rule.decide(nearest.distance(), nearest.runnerUpDistance()).verdict();
            if (probe.enrolled()) {
                rank1 += right ? 1 : 0;
                correct += verdict == DecisionRule.Verdict.ACCEPT && right ? 1 : 0;
                wrong += verdict == DecisionRule.Verdict.ACCEPT && !right ? 1 : 0;
                review += verdict == DecisionRule.Verdict.REVIEW ? 1 : 0;
            } else {
                strangerAccepted += verdict == DecisionRule.Verdict.ACCEPT ? 1 : 0;
                strangerReview += verdict == DecisionRule.Verdict.REVIEW ? 1 : 0;
            }
        }
        return new Result(gallery.students(), gallery.templates(), enrolledProbes, strangers, share(rank1, enrolledProbes),
                share(correct, enrolledProbes), share(wrong, enrolledProbes), share(review, enrolledProbes),
                share(enrolledProbes - correct - wrong - review, enrolledProbes), share(strangerAccepted, strangers),
                share(strangerReview, strangers), withoutDescriptor);
    }

    public OperatingPoints operatingPoints() {
        double[] strangers = probes.stream().filter(p -> !p.enrolled()).mapToDouble(OpenSetIdentification::best)
                .sorted().toArray();
        double zeroErrors = Math.min(strangers.length == 0 ? Double.POSITIVE_INFINITY : strangers[0],
                probes.stream().filter(p -> p.enrolled() && !right(p)).mapToDouble(OpenSetIdentification::best)
                        .min().orElse(Double.POSITIVE_INFINITY));
        double at1 = strangerQuantile(strangers, 0.01), atTenth = strangerQuantile(strangers, 0.001);
        return new OperatingPoints(accepted(at1, true), accepted(at1, false), accepted(atTenth, true),
                accepted(atTenth, false), accepted(zeroErrors, true), zeroErrors);
    }

    /** The strictest threshold that accepts at most {@code share} of the strangers. */
    private static double strangerQuantile(double[] sortedStrangers, double share) {
        return sortedStrangers.length == 0 ? Double.POSITIVE_INFINITY
                : sortedStrangers[(int) Math.floor(share * sortedStrangers.length)];
    }

    /** The share of enrolled probes accepted below {@code threshold}, as the right student or as a wrong one. */
    private double accepted(double threshold, boolean right) {
        long enrolledProbes = probes.stream().filter(Probe::enrolled).count();
        long count = probes.stream().filter(p -> p.enrolled() && best(p) < threshold && right(p) == right).count();
        return enrolledProbes == 0 ? 0 : (double) count / enrolledProbes;
    }

    private static double best(Probe probe) {
        return probe.nearest().map(Gallery.Nearest::distance).orElse(Double.POSITIVE_INFINITY);
    }

    private static boolean right(Probe probe) {
        return probe.nearest().map(n -> n.studentId().equals(probe.identity())).orElse(false);
    }

    private static double share(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }

    private static List<Path> list(Path folder, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
