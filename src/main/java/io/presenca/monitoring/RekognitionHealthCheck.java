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
        String breaker = link.breakerWatch().problem();
        if (breaker != null) {
            return "Rekognition is not answering: " + breaker + "; faces are matched locally";
        }
        if (!link.looksReachable()) {
            return "Rekognition collection " + link.collectionId() + " is missing until the collection sync re-creates it;"
                    + " faces are matched locally";
        }
        return null;
    }
}
