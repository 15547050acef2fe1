package io.presenca.rekognition;

import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/** What a failed Rekognition call means for the gateway, and so what it does next. */
public record RekognitionFailure(Kind kind, String message) {

    public enum Kind {
        /** Network down, timeout, 5xx, an answer that is not Rekognition's: this face falls back; counts against the breaker. */
        UNAVAILABLE,
        /** ThrottlingException, ProvisionedThroughputExceededException: as UNAVAILABLE, and a sign REKOGNITION_TPS is too high. */
        THROTTLED,
        /** InvalidParameterException "no faces in the image": Rekognition answered, there is just no match. */
        NO_FACE,
        /** Keys missing, wrong, expired or without permission: said once, then everything is matched locally. */
        BAD_CREDENTIALS,
        /** The collection does not exist (deleted behind the gateway's back): said once, then local. */
        COLLECTION_MISSING,
        /** Rekognition refused this one request (image format, size): this face falls back; the service is fine. */
        REFUSED;

        /** The service is unreachable or overloaded, rather than answering. */
        public boolean countsAgainstService() {
            return this == UNAVAILABLE || this == THROTTLED;
        }

        /** Nothing will work until someone changes the settings or the collection. */
        public boolean disablesRekognition() {
            return this == BAD_CREDENTIALS || this == COLLECTION_MISSING;
        }
    }

    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "SignatureDoesNotMatch", "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId",
            "AccessDeniedException", "AccessDenied", "MissingAuthenticationTokenException", "IncompleteSignature",
            "InvalidAccessKeyId");
    private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "ProvisionedThroughputExceededException",
            "TooManyRequestsException", "Throttling", "RequestLimitExceeded");

    public static RekognitionFailure classify(SdkException e) {
        String message = describe(e);
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
            int status = service.statusCode();
            if (e instanceof ThrottlingException || e instanceof ProvisionedThroughputExceededException
                    || THROTTLING_CODES.contains(code) || status == 429) {
                return new RekognitionFailure(Kind.THROTTLED, message);
            }
            if (CREDENTIAL_CODES.contains(code) || status == 401 || status == 403) {
                return new RekognitionFailure(Kind.BAD_CREDENTIALS, message);
            }
            if (e instanceof ResourceNotFoundException) {
                return new RekognitionFailure(Kind.COLLECTION_MISSING, message);
            }
            if (e instanceof InvalidParameterException && isNoFace(message)) {
                return new RekognitionFailure(Kind.NO_FACE, message);
            }
            if (status >= 500 || status == 0) {
                return new RekognitionFailure(Kind.UNAVAILABLE, message);
            }
            return new RekognitionFailure(Kind.REFUSED, message);
        }
        if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
            // the SDK lists every provider it tried, a screenful: say what the school can set instead
            return new RekognitionFailure(Kind.BAD_CREDENTIALS, "no AWS credentials found (neither AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, nor an AWS profile, container or instance role)");
        }
        return new RekognitionFailure(Kind.UNAVAILABLE, message);
    }

    /** Rekognition says "There are no faces in the image. Should be at least 1." */
    private static boolean isNoFace(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no face");
    }

    /** The SDK message without its request-id suffix; the cause's for client-side failures (the useful part). */
    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String text = service.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + service.statusCode() : code) + (text == null ? "" : ": " + text);
        }
        Throwable cause = e.getCause();
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return cause == null || cause.getMessage() == null || own.contains(cause.getMessage()) ? own
                : own + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}
