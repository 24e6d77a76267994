package dev.kraft.machine;

import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a {@link MachineRequest} into a machine: checks what can be checked before anything
 * exists (ports, the hypervisor and what it can run, values the kernel command line cannot
 * carry), writes the record, gives the machine its own boot files and network addresses, and
 * starts it. Everything it uses comes through its constructor, so the store's location, the
 * drivers and the networks are the caller's choice (kraft's runtime directory, or a test's).
 */
public final class Launcher {
    private static final int MAX_CPUS = 64;
    private final MachineService machines;
    private final Supplier<NetworkService> networks;
    private final Notices notices;
    private final Clock clock;

    /** @param networks asked for only when a request joins a network */
    public Launcher(MachineService machines, Supplier<NetworkService> networks, Notices notices, Clock clock) {
        this.machines = machines;
        this.networks = networks;
        this.notices = notices;
        this.clock = clock;
    }

    public MachineService machines() {
        return machines;
    }

    /** Creates the machine, not started; nothing is left behind when this fails. */
    public MachineRecord create(MachineRequest request) {
        MachineSpec spec = request.spec();
        preflight(spec);
        PortConflicts.check(spec.ports(), machines.list());
        machines.drivers().driver(spec).preflight(spec, request.kconfig()).forEach(notices.warn());
        MachineRecord record = machines.store().create(request.name(), spec, clock.millis());
        try {
            MachinePaths paths = machines.paths(record);
            MachineSpec placed = record.spec().toBuilder()
                    .kernel(request.ownKernel() ? own(spec.kernel(), paths.dir(), "kernel") : spec.kernel())
                    .initrd(spec.initrd().map(initrd -> own(initrd, paths.dir(), "initrd.cpio")))
                    .build();
            return request.networks().isEmpty()
                    ? save(record.with(placed))
                    : join(record.with(placed), request.networks());
        } catch (RuntimeException e) {
            machines.store().remove(record);
            throw e;
        }
    }

    /** Starts a machine {@link #create} made; one that cannot start is removed again, so a failed run leaves nothing. */
    public MachineRecord start(MachineRecord created) {
        try {
            return machines.start(created);
        } catch (KraftException e) {
            machines.store().remove(created);
            throw e;
        }
    }

    private static void preflight(MachineSpec spec) {
        if (!Files.isRegularFile(spec.kernel())) {
            throw new KraftException(ExitCode.NOT_FOUND, "no kernel at " + spec.kernel());
        }
        if (spec.initrd().isPresent() && !Files.isRegularFile(spec.initrd().get())) {
            throw new KraftException(
                    ExitCode.NOT_FOUND, Input.ROOTFS, spec.initrd().get().toString(), "no such file");
        }
        if (spec.cpus() < 1 || spec.cpus() > MAX_CPUS) {
            throw new KraftException(
                    ExitCode.USAGE, Input.CPUS, Integer.toString(spec.cpus()), "expected 1 to " + MAX_CPUS);
        }
        for (MachineSpec.Volume volume : spec.volumes()) {
            if (!Files.isDirectory(volume.hostPath())) {
                throw new KraftException(
                        ExitCode.NOT_FOUND,
                        Input.VOLUME,
                        volume.hostPath() + ":" + volume.guestPath(),
                        "host directory " + volume.hostPath() + " does not exist");
            }
        }
    }

    /** One interface per network, under the networks' lock, so two machines never get one address; TAP names derive from the id. */
    private MachineRecord join(MachineRecord record, List<String> requested) {
        NetworkService service = networks.get();
        try (FileLock lock = service.store().lock()) {
            List<NetworkAttachment> taken = new ArrayList<>();
            machines.store().list().forEach(m -> taken.addAll(m.spec().networks()));
            List<NetworkAttachment> attachments = new ArrayList<>();
            for (int i = 0; i < requested.size(); i++) {
                NetworkAttachment attachment =
                        service.attach(requested.get(i), "kt" + record.id().substring(0, 10) + i, taken);
                attachments.add(attachment);
                taken.add(attachment);
            }
            return save(
                    record.with(record.spec().toBuilder().networks(attachments).build()));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot lock the networks: " + e.getMessage(), e);
        }
    }

    private MachineRecord save(MachineRecord record) {
        machines.store().save(record);
        return record;
    }

    /**
     * The machine's own copy of a file: a hard link (no space, same file system), a copy
     * otherwise, so removing an image later does not take a machine's kernel with it, and
     * rebuilding a rootfs (written anew, never in place) does not change what a machine boots.
     */
    private static Path own(Path file, Path machineDir, String name) {
        Path target = machineDir.resolve(name);
        try {
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot place " + file + " in " + machineDir + ": " + e.getMessage(), e);
        }
    }
}
