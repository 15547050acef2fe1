package io.presenca.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {

    @TempDir
    Path folder;

    @Test
    void deliversImagesInFileNameOrderAndSkipsUnreadableFiles() throws Exception {
        // names chosen so that file-name order differs from the order they are written in
        copy(TestData.BBT.resolve("sheldon/sheldon1.png"), "c_sheldon.png");
        copy(TestData.BBT.resolve("amy/amy1.png"), "a_amy.png");
        copy(TestData.BBT.resolve("penny/penny1.png"), "e_penny.PNG");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Files.write(folder.resolve("b_corrupt.jpg"), noise);
        Files.write(folder.resolve("d_empty.jpg"), new byte[0]);
        Files.writeString(folder.resolve("notes.txt"), "not an image, not even considered");

        List<String> origins = new ArrayList<>();
        try (FrameSource source = FrameSources.open(folder.toString())) {
            assertTrue(source.finite());
            Optional<CapturedFrame> next;
            while ((next = source.next()).isPresent()) {
                try (CapturedFrame frame = next.get()) {
                    assertEquals(CV_8UC3, frame.image().type(), "grey PNGs come out as BGR");
                    assertEquals(origins.size() + 1, frame.sequence());
                    origins.add(frame.origin());
                }
            }
        }
        assertEquals(List.of("a_amy.png", "c_sheldon.png", "e_penny.PNG"), origins);
    }

    @Test
    void missingFolderIsUnavailable() {
        ImageFolderSource source = new ImageFolderSource(folder.resolve("gone"));
        CameraUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(CameraUnavailableException.class, source::open);
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private void copy(Path from, String name) throws Exception {
        Files.copy(TestData.require(from), folder.resolve(name));
    }
}
