package io.presenca.camera;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code camera:name?source=...}: frames from a webcam, stream, video file or image folder as Camel exchanges.
 * Found by scheme through {@code META-INF/services/org/apache/camel/component/camera}, so YAML routes need no binding.
 */
@org.apache.camel.spi.annotations.Component("camera")
public class CameraComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Camera endpoint needs a name, e.g. camera:door?source=0 (got " + uri + ")");
        }
        CameraEndpoint endpoint = new CameraEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters); // no generated configurer: Camel binds the options by reflection
        endpoint.validate();
        return endpoint;
    }
}
