package dev.kraft.pkg.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Image references as KraftKit reads them: default registry unikraft.org, default tag latest. */
class ImageRefTest {
    @ParameterizedTest
    @CsvSource({
        "localhost:5000/hello:1,           localhost:5000, hello,           1,      localhost:5000/hello:1",
        "127.0.0.1:5055/hello:1,           127.0.0.1:5055, hello,           1,      127.0.0.1:5055/hello:1",
        "unikraft.org/helloworld,          unikraft.org,   helloworld,      latest, unikraft.org/helloworld:latest",
        "helloworld:0.17,                  unikraft.org,   helloworld,      0.17,   unikraft.org/helloworld:0.17",
        "nginx,                            unikraft.org,   nginx,           latest, unikraft.org/nginx:latest",
        "me/hello:v1,                      unikraft.org,   me/hello,        v1,     unikraft.org/me/hello:v1",
        "ghcr.io/me/apps/hello:v1.2-rc,    ghcr.io,        me/apps/hello,   v1.2-rc, ghcr.io/me/apps/hello:v1.2-rc",
        "localhost/hello:x,                localhost,      hello,           x,      localhost/hello:x",
        "[::1]:5000/hello:2,               [::1]:5000,     hello,           2,      [::1]:5000/hello:2",
    })
    void parsesLikeKraftKit(String text, String registry, String repository, String tag, String printed) {
        ImageRef ref = ImageRef.parse(text);
        assertEquals(registry, ref.registry());
        assertEquals(repository, ref.repository());
        assertEquals(Optional.of(tag), ref.tag());
        assertEquals(printed, ref.toString());
        assertEquals(tag, ref.reference());
    }

    @ParameterizedTest
    @CsvSource({
        "alpine:3.20,                      docker.io,      library/alpine,  registry-1.docker.io, docker.io/library/alpine:3.20",
        "docker.io/library/alpine:3.20,    docker.io,      library/alpine,  registry-1.docker.io, docker.io/library/alpine:3.20",
        "me/app:1,                         docker.io,      me/app,          registry-1.docker.io, docker.io/me/app:1",
        "127.0.0.1:5000/base:1,            127.0.0.1:5000, base,            127.0.0.1:5000,       127.0.0.1:5000/base:1",
    })
    void containerReferencesTakeDockersDefaults(
            String text, String registry, String repository, String endpoint, String printed) {
        ImageRef ref = ImageRef.parseContainer(text);
        assertEquals(registry, ref.registry());
        assertEquals(repository, ref.repository());
        assertEquals(endpoint, ref.endpoint());
        assertEquals(printed, ref.toString());
    }

    @Test
    void aDigestIsTheReferenceAndNoTagIsAdded() {
        String digest = "sha256:" + "ab".repeat(32);
        ImageRef ref = ImageRef.parse("localhost:5000/hello@" + digest);
        assertEquals(Optional.empty(), ref.tag());
        assertEquals(digest, ref.reference());
        assertEquals("localhost:5000/hello@" + digest, ref.toString());
        assertEquals(digest, ImageRef.parse("localhost:5000/hello:1@" + digest).reference());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:5000/Hello:1",
                "localhost:5000/hello:",
                "localhost:5000/hello@sha256:abc",
                "a//b:1",
                "/hello:1",
                "localhost:5000/hello:tag with space",
                "localhost:5000/hello:1:2/x"
            })
    void refusesWhatIsNotAReference(String text) {
        KraftException e = assertThrows(KraftException.class, () -> ImageRef.parse(text));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("not an image reference"), e.getMessage());
    }

    @Test
    void tellsImagesFromPackagesAndPaths() {
        assertTrue(ImageRef.looksLikeImage("localhost:5000/hello:1"));
        assertTrue(ImageRef.looksLikeImage("unikraft.org/nginx:latest"));
        assertTrue(ImageRef.looksLikeImage("me/hello@sha256:" + "0".repeat(64)));
        assertFalse(ImageRef.looksLikeImage("lib/musl:stable"), "TYPE/NAME:VERSION is a package");
        assertFalse(ImageRef.looksLikeImage("unikraft:0.17.0"), "no slash: a package");
        assertFalse(ImageRef.looksLikeImage("app/hello:1"));
        assertFalse(ImageRef.looksLikeImage("./build/kernel"), "no tag: a path");
    }

    @Test
    void onlyLoopbackHostsAreLoopback() {
        assertTrue(ImageRef.parse("127.0.0.1:5000/a:1").loopback());
        assertTrue(ImageRef.parse("localhost:5000/a:1").loopback());
        assertTrue(ImageRef.parse("[::1]:5000/a:1").loopback());
        assertFalse(ImageRef.parse("registry.example.com:5000/a:1").loopback());
        assertFalse(ImageRef.parse("127.0.0.1.nip.io/a:1").loopback());
    }
}
