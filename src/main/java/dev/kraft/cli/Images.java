package dev.kraft.cli;

import dev.kraft.pkg.oci.Descriptor;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.pkg.oci.Puller;
import dev.kraft.pkg.oci.StoredImage;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** What the pkg and run commands share about OCI images: telling them from packages, pulling, listing. */
final class Images {
    private Images() {
    }

    /** {@code kraft pkg ls}'s row for an image (type {@code oci}), beside the packages of the index. */
    record Row(String type, String name, String tag, List<String> platforms, String digest, long size) {
    }

    static boolean isImage(String text) {
        return ImageRef.looksLikeImage(text);
    }

    /** The image's index, pulled first when the store lacks it (never when offline). */
    static Descriptor local(ImageRef ref, Services services, boolean offline) {
        OciStore store = services.images();
        return store.find(ref).orElseGet(() -> {
            if (offline || services.config().flag("offline")) {
                throw new KraftException(ExitCode.NOT_FOUND, "offline (--offline or KRAFTKIT_OFFLINE): " + ref + " is not in the local store");
            }
            services.console().info("pulling " + ref);
            return pull(ref, services).index();
        });
    }

    static Puller.Pulled pull(ImageRef ref, Services services) {
        return new Puller(services.images(), services.registry(), services.console()::info).pull(ref);
    }

    static List<Row> rows(OciStore store) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Descriptor> named : store.images().entrySet()) {
            ImageRef ref = ImageRef.parse(named.getKey());
            StoredImage image = store.image(named.getKey(), named.getValue());
            rows.add(new Row("oci", ref.name(), ref.tag().or(ref::digest).orElse(""),
                    image.variants().stream().map(v -> v.plat() + "/" + v.arch()).toList(), named.getValue().digest(), image.size()));
        }
        return rows;
    }

    /** {@code org.opencontainers.image.created}: SOURCE_DATE_EPOCH when set, else the epoch, never the clock. */
    static Instant created(Map<String, String> env) {
        String epoch = env.getOrDefault("SOURCE_DATE_EPOCH", "");
        try {
            return epoch.isBlank() ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        } catch (NumberFormatException e) {
            throw new KraftException(ExitCode.USAGE, "SOURCE_DATE_EPOCH=" + epoch + ": expected seconds since 1970");
        }
    }

    /** {@code sh.kraftkit.version}: kraft's own version, which KraftKit only checks is present. */
    static String version() {
        Properties build = new Properties();
        try (InputStream in = Images.class.getResourceAsStream("/dev/kraft/version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // Without the file the version is "unknown": the annotation is still there.
        }
        return build.getProperty("version", "unknown");
    }
}
