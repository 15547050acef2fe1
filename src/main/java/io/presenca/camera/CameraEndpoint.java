package io.presenca.camera;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** One named camera. Consumer only: frames come out of a camera, nothing can be sent into one. */
@UriEndpoint(scheme = "camera", syntax = "camera:name", consumerOnly = true, title = "Camera",
        category = {Category.IOT}, firstVersion = "0.1.0")
public class CameraEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the camera, used in logs, the CameraName header and the consumer thread name")
    @Metadata(required = true)
    private final String name;

    @UriParam(description = "Camera index (0), stream URL (rtsp://, rtsps://, http(s)://, udp://), video file or image folder")
    @Metadata(required = true)
    private String source;

    @UriParam(defaultValue = "false", description = "Stop the CamelContext (and so the application) when a video file or"
            + " image folder has been read to the end, or cannot be opened at all")
    private boolean exitAtEnd;

    @UriParam(defaultValue = "5000", description = "Milliseconds between attempts to (re)open an unavailable camera")
    private long reconnectDelay = 5000;

    @UriParam(defaultValue = "0", description = "Maximum frames per second delivered, 0 = unlimited. Live sources drop"
            + " the surplus frames; files and folders are paced instead")
    private double maxFps;

    /** How the source spec becomes a {@link FrameSource}; replaceable so tests can script outages. */
    interface SourceFactory {
        FrameSource create(String spec) throws CameraUnavailableException;
    }

    private SourceFactory sourceFactory = FrameSources::create;

    public CameraEndpoint(String uri, CameraComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    /** Fails endpoint creation with a message that says what to fix, instead of a consumer that silently does nothing. */
    void validate() {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Endpoint camera:" + name + " needs the 'source' option: a camera index,"
                    + " stream URL, video file or image folder, e.g. camera:" + name + "?source={{CAMERA_SOURCE}}");
        }
        if (reconnectDelay <= 0) {
            throw new IllegalArgumentException("camera:" + name + " reconnectDelay must be positive, was " + reconnectDelay);
        }
        if (maxFps < 0 || Double.isNaN(maxFps)) {
            throw new IllegalArgumentException("camera:" + name + " maxFps must be 0 (unlimited) or more, was " + maxFps);
        }
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("camera:" + name + " only produces frames: use it in from(), not to()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CameraConsumer consumer = new CameraConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    SourceFactory sourceFactory() {
        return sourceFactory;
    }

    // package-private, so it is not an endpoint option Camel could bind from the URI
    void useSourceFactory(SourceFactory factory) {
        this.sourceFactory = factory;
    }

    public String getName() {
        return name;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public boolean isExitAtEnd() {
        return exitAtEnd;
    }

    public void setExitAtEnd(boolean exitAtEnd) {
        this.exitAtEnd = exitAtEnd;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public double getMaxFps() {
        return maxFps;
    }

    public void setMaxFps(double maxFps) {
        this.maxFps = maxFps;
    }
}
