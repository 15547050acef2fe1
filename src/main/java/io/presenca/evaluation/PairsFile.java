package io.presenca.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An LFW-style pairs file: a first line {@code folds<TAB>n}, then per fold n same-person lines
 * {@code name i j} and n different-person lines {@code name1 i name2 j}. Image i of a name is
 * {@code <images>/<name>/<name>_<i as 4 digits>.jpg}.
 */
public final class PairsFile {

    public record Pair(int fold, boolean samePerson, Path first, Path second) {
    }

    private PairsFile() {
    }

    public static List<Pair> read(Path pairsFile, Path images) throws IOException {
        List<String> lines = Files.readAllLines(pairsFile).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(pairsFile + " is empty: expected a first line 'folds<TAB>pairs per fold'");
        }
        String[] header = lines.get(0).split("\\s+");
        int folds, perFold;
        try {
            folds = Integer.parseInt(header[0]);
            perFold = Integer.parseInt(header[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(pairsFile + " line 1 '" + lines.get(0)
                    + "' should be 'folds<TAB>pairs per fold', e.g. '3\t300'");
        }
        if (folds < 2 || perFold < 1 || lines.size() - 1 != folds * perFold * 2) {
            throw new IllegalArgumentException(pairsFile + " announces " + folds + " folds of " + perFold
                    + " same and " + perFold + " different pairs (at least 2 folds), but has " + (lines.size() - 1)
                    + " pair lines");
        }
        List<Pair> pairs = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            int fold = (i - 1) / (2 * perFold);
            String[] f = lines.get(i).split("\\s+");
            try {
                if (f.length == 3) {
                    pairs.add(new Pair(fold, true, image(images, f[0], f[1]), image(images, f[0], f[2])));
                } else if (f.length == 4) {
                    pairs.add(new Pair(fold, false, image(images, f[0], f[1]), image(images, f[2], f[3])));
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(pairsFile + " line " + (i + 1) + " '" + lines.get(i)
                        + "' is neither 'name i j' nor 'name1 i name2 j'");
            }
        }
        return pairs;
    }

    private static Path image(Path images, String name, String index) {
        return images.resolve(name).resolve(String.format("%s_%04d.jpg", name, Integer.parseInt(index)));
    }
}
