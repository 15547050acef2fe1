package io.presenca.monitoring;

import io.presenca.rekognition.RekognitionLink;

/** AWS Rekognition may be called (readiness only: faces are matched locally meanwhile). */
final class RekognitionHealthCheck extends GatewayHealthCheck {

    private final RekognitionLink link;

    RekognitionHealthCheck(RekognitionLink link) {
        super("rekognition", false);
        this.link = link;
    }

    @Override
    String problem() {
        if (link.disabledBy() != null) {
            return "Rekognition disabled until restart: " + link.disabledBy().message() + "; faces are matched locally";
        }
        if (!link.looksReachable()) {
            return "Rekognition is not answering (circuit breaker " + link.breaker().state()
                    + ", or collection " + link.collectionId() + " missing); faces are matched locally";
        }
        return null;
    }
}
