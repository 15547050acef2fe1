package io.presenca.camera;

/**
 * The width and height an image file declares, read from its header without decoding it: a crafted
 * file claiming 60000x60000 pixels is refused before the decoder tries to allocate gigabytes for it.
 * JPEG (the SOF segment), PNG (IHDR) and BMP; other formats, or a header too damaged to read, give null
 * and are left to the decoder.
 */
final class ImageHeader {

    private ImageHeader() {
    }

    /** {width, height}, or null when not known from the header. */
    static long[] declaredSize(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new long[] {int32(b, 16), int32(b, 20)};
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            return new long[] {Math.abs((long) int32le(b, 18)), Math.abs((long) int32le(b, 22))};
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpegSize(b);
        }
        return null;
    }

    private static long[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null; // not at a marker: damaged, the decoder will say so
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                long height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                long width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return new long[] {width, height};
            }
            if (marker == 0xDA || length < 2) {
                return null; // image data before any frame header
            }
            i += 2 + length;
        }
        return null;
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int int32le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24);
    }
}
