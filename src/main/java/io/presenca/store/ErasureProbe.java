package io.presenca.store;

import io.presenca.vision.Sha256;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Finds an erased blob (template or crop) in raw bytes without keeping it: the first 4 bytes and the
 * sha256 of a 16-byte fragment from its middle. Written to {@code erasure_log} as "0a1b2c3d:sha256".
 */
public record ErasureProbe(byte[] prefix, String fragmentSha256) {

    static final int FRAGMENT = 16;

    public static ErasureProbe of(byte[] blob) {
        int from = Math.max(0, blob.length / 2 - FRAGMENT / 2);
        byte[] fragment = Arrays.copyOfRange(blob, from, Math.min(blob.length, from + FRAGMENT));
        return new ErasureProbe(Arrays.copyOf(fragment, Math.min(4, fragment.length)), Sha256.of(fragment));
    }

    static ErasureProbe parse(String text) {
        int colon = text.indexOf(':');
        return new ErasureProbe(HexFormat.of().parseHex(text.substring(0, colon)), text.substring(colon + 1));
    }

    String text() {
        return HexFormat.of().formatHex(prefix) + ":" + fragmentSha256;
    }

    /** Whether {@code bytes} hold the fragment anywhere. */
    public boolean foundIn(byte[] bytes) {
        for (int i = 0; i + FRAGMENT <= bytes.length; i++) {
            if (bytes[i] == prefix[0] && startsAt(bytes, i)
                    && Sha256.of(Arrays.copyOfRange(bytes, i, i + FRAGMENT)).equals(fragmentSha256)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsAt(byte[] bytes, int at) {
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
