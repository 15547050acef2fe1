/**
 * AWS Rekognition as a matcher (MATCHER=rekognition or hybrid), called through the AWS SDK v2 from
 * beans: there is no camel-aws2-rekognition on the registry this project builds from.
 *
 * <p>{@link io.presenca.rekognition.RekognitionClients} builds the client (credential chain or explicit
 * keys, REKOGNITION_ENDPOINT). Every call goes through {@link io.presenca.rekognition.RekognitionLink}:
 * one {@link io.presenca.rekognition.CallRate} (inside {@link io.presenca.rekognition.FaceCollection}) keeps every request to REKOGNITION_TPS, a
 * resilience4j circuit breaker ({@link io.presenca.resilience.Breakers}) stops calling a service that is not answering, and
 * {@link io.presenca.rekognition.RekognitionFailure} sorts errors into "fall back for this face",
 * "no face in the crop" and "misconfigured: say so once, then match locally".
 * {@link io.presenca.rekognition.FaceCollection} holds the school's faces (IndexFaces at enrollment,
 * DeleteFaces when a photo or student goes); {@link io.presenca.rekognition.CollectionSync} keeps it in
 * step with the enrolled templates. Face crops and descriptors are never logged.
 */
package io.presenca.rekognition;
