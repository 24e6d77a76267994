package dev.kraft.pkg.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a cache entry holds, written beside its tree ({@code entry.properties}) before the entry
 * is published, so {@code kraft pkg ls} and {@code remove} can name entries without the index.
 */
public record EntryInfo(String label, String url, String sha256, long size, Instant fetched) {
    static final String FILE = "entry.properties";

    static void write(Path entryDir, EntryInfo info) throws IOException {
        Properties p = new Properties();
        p.setProperty("label", info.label());
        p.setProperty("url", info.url());
        p.setProperty("sha256", info.sha256());
        p.setProperty("size", Long.toString(info.size()));
        p.setProperty("fetched", info.fetched().toString());
        StringWriter text = new StringWriter();
        p.store(text, "a kraft archive cache entry");
        Files.writeString(entryDir.resolve(FILE), text.toString());
    }

    /** Every complete entry of the store; entries whose record cannot be read are named by digest only. */
    static List<EntryInfo> list(Path root) throws IOException {
        Path dir = root.resolve("sha256");
        List<EntryInfo> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path entry : all) {
                if (Files.isDirectory(entry.resolve("tree"))) {
                    entries.add(read(entry));
                }
            }
        }
        return entries;
    }

    private static EntryInfo read(Path entry) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(entry.resolve(FILE))) {
            p.load(in);
            return new EntryInfo(
                    p.getProperty("label", ""),
                    p.getProperty("url", ""),
                    entry.getFileName().toString(),
                    Long.parseLong(p.getProperty("size", "0")),
                    Instant.parse(p.getProperty("fetched", Instant.EPOCH.toString())));
        } catch (IOException | RuntimeException e) {
            return new EntryInfo("", "", entry.getFileName().toString(), 0, Instant.EPOCH);
        }
    }
}
