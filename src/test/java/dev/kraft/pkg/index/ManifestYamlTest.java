package dev.kraft.pkg.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {
    static final String SHA = "ab".repeat(32);
    static final String LWIP = """
            name: lwip
            type: lib
            description: A lightweight TCP/IP stack
            origin: https://github.com/unikraft/lib-lwip.git
            provider: github
            extra_key_from_a_newer_kraftkit: ignored
            channels:
            - name: stable
              default: true
              resource: https://github.com/unikraft/lib-lwip/archive/refs/heads/stable.tar.gz
            - name: staging
              resource: https://github.com/unikraft/lib-lwip/archive/refs/heads/staging.tar.gz
            versions:
            - version: 0.16.0
              type: semver
              unikraft: 0.16.0
              resource: https://github.com/unikraft/lib-lwip/archive/refs/tags/RELEASE-0.16.0.tar.gz
              sha256: sha256:%s
            """.formatted(SHA.toUpperCase());

    @Test
    void readsKraftKitsIndex() {
        String text = """
                last_updated: 2024-10-21T10:00:00Z
                manifests:
                - name: unikraft
                  type: core
                  manifest: ./unikraft.yaml
                - name: lwip
                  type: lib
                  manifest: ./libs/lwip.yaml
                """;
        ManifestIndex index = ManifestYaml.index(ManifestYaml.tree(text, "index.yaml"), "index.yaml");
        assertEquals("2024-10-21T10:00:00Z", index.lastUpdated());
        assertEquals(
                List.of(
                        new ManifestIndex.Entry("unikraft", "core", "./unikraft.yaml"),
                        new ManifestIndex.Entry("lwip", "lib", "./libs/lwip.yaml")),
                index.manifests());
        assertTrue(ManifestYaml.isIndex(ManifestYaml.tree(text, "index.yaml")));
    }

    @Test
    void readsAManifestWithChannelsAndVersions() {
        Manifest m = ManifestYaml.manifest(ManifestYaml.tree(LWIP, "lwip.yaml"), "lwip.yaml");
        assertEquals("lib/lwip", m.qualifiedName());
        assertTrue(m.fromGit());
        assertEquals("stable", m.defaultChannel().orElseThrow().name());
        assertEquals("", m.channel("stable").orElseThrow().sha256());
        assertEquals(SHA, m.version("0.16.0").orElseThrow().sha256(), "the sha256: prefix and capitals are normalised");
        assertEquals("0.16.0", m.version("v0.16.0").orElseThrow().unikraft());
        assertTrue(m.knows("staging"));
        assertFalse(m.knows("0.17.0"));
    }

    @Test
    void writesWhatItReads() {
        Manifest m = ManifestYaml.manifest(ManifestYaml.tree(LWIP, "lwip.yaml"), "lwip.yaml");
        String written = ManifestWriter.write(m);
        assertEquals(m, ManifestYaml.manifest(ManifestYaml.tree(written, "again"), "again"));
        assertTrue(written.contains("default: true"), written);
        assertFalse(written.startsWith("---"));
    }

    @Test
    void versionsAreReadAsWrittenAndSurviveTheLocalCopy() {
        String text =
                "name: old\ntype: lib\nversions:\n- version: 0.10\n  resource: https://x/0.10.tar.gz\n- version: 1\n  resource: https://x/1.tar.gz\n";
        Manifest m = ManifestYaml.manifest(ManifestYaml.tree(text, "old.yaml"), "old.yaml");
        assertEquals(
                List.of("0.10", "1"),
                m.versions().stream().map(Manifest.Version::version).toList(),
                "not the numbers 0.1 and 1");
        assertEquals(m, ManifestYaml.manifest(ManifestYaml.tree(ManifestWriter.write(m), "again"), "again"));
    }

    @Test
    void refusesWhatIsNoIndex() {
        KraftException html = assertThrows(
                KraftException.class,
                () -> ManifestYaml.tree("<html><body>Not here</body></html>", "http://x/index.yaml"));
        assertEquals(ExitCode.INVALID_INPUT, html.exitCode());
        assertEquals(
                "http://x/index.yaml: not a manifest index or manifest (expected a YAML mapping)", html.getMessage());
        KraftException broken =
                assertThrows(KraftException.class, () -> ManifestYaml.tree("manifests: [\n  - {name: x", "idx"));
        assertEquals("idx: not YAML: expected the node content, but found '-' (line 2, column 3)", broken.getMessage());
    }

    @Test
    void refusesNamesThatAreNoFileNamesAndBadDigests() {
        KraftException name = assertThrows(
                KraftException.class,
                () -> ManifestYaml.manifest(ManifestYaml.tree("name: ../../etc\ntype: lib\n", "m.yaml"), "m.yaml"));
        assertEquals("m.yaml: name \"../../etc\" is not a valid package name", name.getMessage());
        KraftException sha = assertThrows(
                KraftException.class,
                () -> ManifestYaml.manifest(
                        ManifestYaml.tree("name: x\ntype: lib\nversions:\n- version: 1\n  sha256: nothex\n", "m.yaml"),
                        "m.yaml"));
        assertEquals("m.yaml: sha256 \"nothex\" is not 64 hex digits", sha.getMessage());
    }
}
