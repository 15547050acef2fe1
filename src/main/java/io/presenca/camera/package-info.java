/**
 * The camera as a Camel component: {@code from("camera:door?source=0")} turns a webcam, an RTSP/HTTP/UDP stream,
 * a video file or a folder of images into a stream of {@link io.presenca.camera.CapturedFrame} exchanges.
 * <p>
 * Frames are routed one at a time on the consumer's own thread and their native memory is released when the route
 * returns; an unavailable camera is retried (logged once) and never stops the application, while
 * {@code exitAtEnd=true} ends a batch run over a file or folder.
 */
package io.presenca.camera;
