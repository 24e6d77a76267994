package dev.kraft.machine;

import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that decides how a machine boots, fixed before it starts. {@code source} says
 * where the kernel came from, as KraftKit's ps shows it ({@code project://name:target},
 * {@code kernel://file}). Built with {@link #builder()}, so a new property has a default and
 * touches no caller that does not set it.
 *
 * @param initrdAsRoot the guest mounts its initrd at / ({@code vfs.fstab}); an image's or a
 *                  runtime's kernel only when its Kconfig asks, as in KraftKit
 * @param emulation TCG was asked for (-W, or config), whatever the host offers
 * @param autoRemove the machine goes once it has ended ({@code kraft run -d --rm}): the first
 *                   look at it after that removes it ({@link MachineService#list})
 */
public record MachineSpec(
        String name,
        String source,
        Path kernel,
        Optional<Path> initrd,
        boolean initrdAsRoot,
        Arch arch,
        Plat plat,
        long memoryBytes,
        int cpus,
        List<String> kernelArgs,
        List<String> appArgs,
        Map<String, String> env,
        List<PortMapping> ports,
        List<NetworkAttachment> networks,
        List<Volume> volumes,
        boolean emulation,
        boolean autoRemove) {

    public MachineSpec {
        kernelArgs = List.copyOf(kernelArgs);
        appArgs = List.copyOf(appArgs);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
    }

    /** A host directory shared with the guest over 9p at {@code guestPath}. */
    public record Volume(Path hostPath, String guestPath, boolean readOnly) {}

    /** 64 MiB, one CPU, QEMU on x86_64, no arguments: what {@code kraft run} assumes unless told. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .source(source)
                .kernel(kernel)
                .initrd(initrd)
                .initrdAsRoot(initrdAsRoot)
                .arch(arch)
                .plat(plat)
                .memoryBytes(memoryBytes)
                .cpus(cpus)
                .kernelArgs(kernelArgs)
                .appArgs(appArgs)
                .env(env)
                .ports(ports)
                .networks(networks)
                .volumes(volumes)
                .emulation(emulation)
                .autoRemove(autoRemove);
    }

    /** Sets properties one by one; {@link #build()} makes the immutable spec. */
    public static final class Builder {
        private String name = "";
        private String source = "";
        private Path kernel = Path.of("");
        private Optional<Path> initrd = Optional.empty();
        private boolean initrdAsRoot = true;
        private Arch arch = Arch.X86_64;
        private Plat plat = Plat.QEMU;
        private long memoryBytes = 64L << 20;
        private int cpus = 1;
        private List<String> kernelArgs = List.of();
        private List<String> appArgs = List.of();
        private Map<String, String> env = Map.of();
        private List<PortMapping> ports = List.of();
        private List<NetworkAttachment> networks = List.of();
        private List<Volume> volumes = List.of();
        private boolean emulation;
        private boolean autoRemove;

        private Builder() {}

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder kernel(Path value) {
            kernel = value;
            return this;
        }

        public Builder initrd(Optional<Path> value) {
            initrd = value;
            return this;
        }

        public Builder initrdAsRoot(boolean value) {
            initrdAsRoot = value;
            return this;
        }

        public Builder arch(Arch value) {
            arch = value;
            return this;
        }

        public Builder plat(Plat value) {
            plat = value;
            return this;
        }

        public Builder memoryBytes(long value) {
            memoryBytes = value;
            return this;
        }

        public Builder cpus(int value) {
            cpus = value;
            return this;
        }

        public Builder kernelArgs(List<String> value) {
            kernelArgs = value;
            return this;
        }

        public Builder appArgs(List<String> value) {
            appArgs = value;
            return this;
        }

        public Builder env(Map<String, String> value) {
            env = value;
            return this;
        }

        public Builder ports(List<PortMapping> value) {
            ports = value;
            return this;
        }

        public Builder networks(List<NetworkAttachment> value) {
            networks = value;
            return this;
        }

        public Builder volumes(List<Volume> value) {
            volumes = value;
            return this;
        }

        public Builder emulation(boolean value) {
            emulation = value;
            return this;
        }

        public Builder autoRemove(boolean value) {
            autoRemove = value;
            return this;
        }

        public MachineSpec build() {
            return new MachineSpec(
                    name,
                    source,
                    kernel,
                    initrd,
                    initrdAsRoot,
                    arch,
                    plat,
                    memoryBytes,
                    cpus,
                    kernelArgs,
                    appArgs,
                    env,
                    ports,
                    networks,
                    volumes,
                    emulation,
                    autoRemove);
        }
    }
}
