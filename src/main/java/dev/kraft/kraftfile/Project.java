package dev.kraft.kraftfile;

import dev.kraft.unikraft.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated Kraftfile. {@code name} is already normalised the way Unikraft needs it
 * ({@code CONFIG_UK_NAME}, kernel file names); {@code displayName} is what the user wrote.
 */
public record Project(
        Path kraftfile,
        Path workdir,
        String spec,
        String name,
        String displayName,
        Path outdir,
        Optional<ComponentSpec> unikraft,
        Optional<ComponentSpec> template,
        Optional<RuntimeSpec> runtime,
        List<ComponentSpec> libraries,
        List<Target> targets,
        List<String> cmd,
        Map<String, String> env,
        Map<String, String> labels,
        Optional<String> rootfs,
        List<VolumeSpec> volumes) {

    /**
     * Whether the project runs a prebuilt kernel: it names a {@code runtime:} and neither
     * {@code unikraft:} nor {@code template:} (KraftKit builds such a project from source first).
     */
    public boolean usesRuntime() {
        return runtime.isPresent() && unikraft.isEmpty() && template.isEmpty();
    }

    /** Every component to place: the core, the template, then the libraries. */
    public List<ComponentSpec> components() {
        List<ComponentSpec> all = new ArrayList<>();
        unikraft.ifPresent(all::add);
        template.ifPresent(all::add);
        all.addAll(libraries);
        return List.copyOf(all);
    }
}
