package io.presenca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UrlCredentialsTest {

    @Test
    void masksThePasswordOfEveryUrlWithUserInfoInAText() {
        assertEquals("rtsp://user:***@cam.local:554/stream1", UrlCredentials.mask("rtsp://user:S3cret@cam.local:554/stream1"));
        assertEquals("rtsp://***@10.0.0.5/live", UrlCredentials.mask("rtsp://token123@10.0.0.5/live"));
        assertEquals("Could not open input \"rtsp://admin:***@10.0.0.5/a\" or http://u:***@h/b.",
                UrlCredentials.mask("Could not open input \"rtsp://admin:pw@10.0.0.5/a\" or http://u:p:w@h/b."));
        // an unencoded '@' in the password: FFmpeg takes the last '@' before the path as the end of the user info
        assertEquals("rtsp://cam:***@10.0.0.5?x=1", UrlCredentials.mask("rtsp://cam:p@ss@10.0.0.5?x=1"));
    }

    @Test
    void leavesEverythingElseAlone() {
        assertNull(UrlCredentials.mask(null));
        for (String plain : new String[] {"0", "/var/videos/door.mp4", "rtsp://10.0.0.5/live", "mail admin@school.example",
                "http://h/path@not-user-info"}) {
            assertEquals(plain, UrlCredentials.mask(plain));
        }
    }
}
