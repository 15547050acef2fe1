package io.presenca.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Face descriptors as stored in {@code face_templates.descriptor}: float32, little-endian,
 * no header. Raw bits are kept, so a descriptor reads back bit-for-bit as written.
 */
public final class DescriptorCodec {
    private DescriptorCodec() {
    }

    public static byte[] encode(float[] descriptor) {
        ByteBuffer buffer = ByteBuffer.allocate(descriptor.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(descriptor);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("A face descriptor of " + bytes.length
                    + " bytes is not a whole number of float32 values: the stored template is corrupt;"
                    + " re-run enrollment for that student");
        }
        float[] descriptor = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(descriptor);
        return descriptor;
    }
}
