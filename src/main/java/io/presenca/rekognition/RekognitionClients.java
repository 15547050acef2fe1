package io.presenca.rekognition;

import io.presenca.config.Settings;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.RekognitionClientBuilder;

/** Builds the Rekognition client from the settings. */
public final class RekognitionClients {

    private RekognitionClients() {
    }

    /**
     * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY when both are set (they may come from
     * application.properties, which the SDK does not read), otherwise the SDK's standard chain
     * (environment, profile, container or instance role). No SDK retries: a failed face falls back to
     * the local matcher at once, and the circuit breaker decides when to try again.
     */
    public static RekognitionClient create(Settings settings) {
        Duration timeout = Duration.ofMillis(settings.rekognitionTimeoutMs);
        RekognitionClientBuilder builder = RekognitionClient.builder()
                .region(Region.of(settings.awsRegion))
                .credentialsProvider(credentials(settings))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout)
                        .build())
                .overrideConfiguration(c -> c
                        .retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout));
        if (settings.rekognitionEndpoint != null) {
            builder.endpointOverride(settings.rekognitionEndpoint);
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.awsAccessKeyId != null && settings.awsSecretAccessKey != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.awsAccessKeyId, settings.awsSecretAccessKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
