package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Debian packages end-to-end tests drive (docker-registry, skopeo, buildah …). */
final class SystemPackages {
    private SystemPackages() {}

    /** CI installs these (see the report); a developer machine gets them here, as root, rather than a skipped test. */
    static void installIfMissing(Map<String, String> commandToPackage) throws Exception {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> tool : commandToPackage.entrySet()) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool.getKey())
                            .start()
                            .waitFor()
                    != 0) {
                missing.add(tool.getValue());
            }
        }
        if (!missing.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
            argv.addAll(missing);
            Process install = new ProcessBuilder(argv).inheritIO().start();
            assertEquals(0, install.waitFor(), "apt-get install " + missing);
        }
    }
}
