package io.presenca.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsFileTest {

    private static final Path DATASETS = Path.of("..", "shared", "datasets");

    @Test
    void readsTheLfwDevPairsIntoFoldsOfSameAndDifferentPairs() throws Exception {
        List<PairsFile.Pair> pairs = PairsFile.read(DATASETS.resolve("lfw-dev-pairs.txt"), DATASETS.resolve("lfw-dev"));
        assertEquals(1800, pairs.size());
        assertEquals(300, pairs.stream().filter(p -> p.fold() == 2 && p.samePerson()).count());
        PairsFile.Pair first = pairs.get(0);
        assertTrue(first.samePerson());
        assertTrue(Files.isRegularFile(first.first()), first.first().toString());
        assertTrue(pairs.stream().allMatch(p -> Files.isRegularFile(p.first()) && Files.isRegularFile(p.second())));
    }

    @Test
    void aFileThatDoesNotMatchItsHeaderIsRefusedWithTheReason(@TempDir Path folder) throws Exception {
        Path wrongCount = Files.writeString(folder.resolve("a.txt"), "2\t1\nAmy 1 2\nAmy 1 Bob 1\nAmy 1 3\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PairsFile.read(wrongCount, folder))
                .getMessage().contains("has 3 pair lines"));
        Path badLine = Files.writeString(folder.resolve("b.txt"), "2\t1\nAmy 1 2\nAmy x Bob 1\nAmy 1 3\nAmy 1 Bob 2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PairsFile.read(badLine, folder))
                .getMessage().contains("line 3"));
    }
}
