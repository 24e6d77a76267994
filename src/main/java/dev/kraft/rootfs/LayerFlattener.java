package dev.kraft.rootfs;

import dev.kraft.support.Cpio;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.SafeTree;
import dev.kraft.support.SafeUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Squashes an image's layers into one CPIO: each layer applied in order onto one tree through
 * {@link SafeTree} (whiteouts remove, opaque directories empty, no entry or link may leave the
 * tree), then the tree packed. The tree is a scratch directory beside the output.
 */
final class LayerFlattener {
    private LayerFlattener() {}

    /** Returns the names {@link Cpio#packDirectory} left out. */
    static List<String> flatten(List<Path> layers, Path output) throws IOException {
        Path tree = MoreFiles.createStagingDirectory(output.getParent(), ".rootfs-tree-");
        try {
            SafeTree safe = new SafeTree(tree, SafeTree.Options.rootFilesystem(SafeUnpacker.Limits.ROOT_FILESYSTEM));
            for (int i = 0; i < layers.size(); i++) {
                try (InputStream in = Files.newInputStream(layers.get(i))) {
                    SafeUnpacker.apply(in, safe);
                } catch (KraftException e) {
                    throw new KraftException(
                            e.exitCode(), "layer " + (i + 1) + " of " + layers.size() + ": " + e.getMessage(), e);
                }
            }
            return Cpio.packDirectory(tree, output);
        } finally {
            MoreFiles.deleteTree(tree);
        }
    }
}
