package dev.kraft.pkg.oci;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's names: {@code index.json} of an OCI image layout, one descriptor per image with
 * the full reference in {@code org.opencontainers.image.ref.name}, sorted by it. The whole file
 * is rewritten atomically, so a reader sees the names before a change or after it.
 */
final class RefIndex {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private final Path file;

    RefIndex(Path root) {
        this.file = root.resolve("index.json");
    }

    /** Every image, by its reference (e.g. {@code unikraft.org/nginx:latest}). */
    Map<String, Descriptor> read() {
        Map<String, Descriptor> refs = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return refs;
        }
        try {
            OciJson.Index index = OciJson.readIndex(Files.readAllBytes(file), file.toString());
            for (Descriptor descriptor : index.manifests()) {
                String name = descriptor.annotations().get(REF_NAME);
                if (name != null) {
                    refs.put(name, descriptor);
                }
            }
            return refs;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image by its reference; one named by digest is also found under any other name of the
     * same repository whose index has that digest (pulled by tag, asked for by digest).
     */
    Optional<Descriptor> find(ImageRef ref) {
        Map<String, Descriptor> refs = read();
        return Optional.ofNullable(refs.get(ref.toString()))
                .or(() -> ref.digest()
                        .flatMap(digest -> refs.entrySet().stream()
                                .filter(named -> named.getValue().digest().equals(digest)
                                        && ImageRef.parse(named.getKey()).name().equals(ref.name()))
                                .map(Map.Entry::getValue)
                                .findFirst()));
    }

    void put(ImageRef ref, Descriptor index) throws IOException {
        Map<String, Descriptor> refs = read();
        refs.put(
                ref.toString(),
                new Descriptor(
                        index.mediaType(),
                        index.digest(),
                        index.size(),
                        Map.of(REF_NAME, ref.toString()),
                        Optional.empty()));
        write(refs);
    }

    boolean remove(ImageRef ref) throws IOException {
        Map<String, Descriptor> refs = read();
        if (refs.remove(ref.toString()) == null) {
            return false;
        }
        write(refs);
        return true;
    }

    private void write(Map<String, Descriptor> refs) throws IOException {
        Files.createDirectories(file.getParent());
        Path layout = file.resolveSibling("oci-layout");
        if (!Files.exists(layout)) {
            AtomicFiles.writeString(layout, "{\"imageLayoutVersion\":\"1.0.0\"}");
        }
        byte[] json = OciJson.index(new OciJson.Index(new ArrayList<>(refs.values()), Map.of()));
        AtomicFiles.writeString(file, new String(json, StandardCharsets.UTF_8));
    }
}
