package io.presenca.evaluation;

import io.presenca.matching.DecisionRule;
import io.presenca.matching.Gallery;
import io.presenca.vision.PhotoFace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Open-set identification on a folder of {@code <identity>/<images>}: identities with more than K
 * images are enrolled with their first K (by file name) and probed with the rest; the others are
 * strangers, probed with every image. Enrollment and probes go through the gateway's photo reader
 * (quality gate included), its gallery and its decision rule. Each probe is judged alone, as a
 * visit whose every frame shows that image: video frames of one visit are alike, so this is the
 * honest estimate of the per-visit risk (consensus over several different images does better).
 */
public final class OpenSetIdentification {

    /** A probe and what the gallery made of it (nearest is empty when the image gave no descriptor). */
    private record Probe(String identity, boolean enrolled, Optional<Gallery.Nearest> nearest) {
    }

    public record Result(int galleryStudents, int galleryTemplates, int enrolledProbes, int strangerProbes,
                         double rank1, double acceptedCorrect, double acceptedWrong, double review, double unknown,
                         double strangerAccepted, double strangerReview, int probesWithoutDescriptor) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final Gallery gallery = new Gallery();

    public OpenSetIdentification(Path dataset, int enrollK, FaceDescriptions faces) {
        List<Gallery.StudentTemplates> students = new ArrayList<>();
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
                students.add(new Gallery.StudentTemplates(id, templates));
            }
            // an identity whose enrollment photos were all refused is, in effect, a stranger
            for (Path probe : hasProbes ? images.subList(enrollK, images.size()) : images) {
                probeImages.add(new Path[] {identity, probe});
                probes.add(new Probe(id, !templates.isEmpty(), Optional.empty()));
            }
        }
        if (students.isEmpty()) {
            throw new IllegalArgumentException("No identity in " + dataset + " has more than " + enrollK
                    + " usable images: nobody could be enrolled");
        }
        gallery.replace(students);
        for (int i = 0; i < probes.size(); i++) {
            PhotoFace face = faces.of(probeImages.get(i)[1]);
            Probe probe = probes.get(i);
            probes.set(i, new Probe(probe.identity(), probe.enrolled(),
                    face.accepted() ? gallery.nearest(face.descriptor()) : Optional.empty()));
        }
    }

    public Result judge(DecisionRule rule) {
        int enrolled = 0, strangers = 0, rank1 = 0, correct = 0, wrong = 0, review = 0, strangerAccepted = 0,
                strangerReview = 0, withoutDescriptor = 0;
        for (Probe probe : probes) {
            if (probe.enrolled()) {
                enrolled++;
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
        return new Result(gallery.students(), gallery.templates(), enrolled, strangers, share(rank1, enrolled),
                share(correct, enrolled), share(wrong, enrolled), share(review, enrolled),
                share(enrolled - correct - wrong - review, enrolled), share(strangerAccepted, strangers),
                share(strangerReview, strangers), withoutDescriptor);
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
