package dev.kraft.runtime;

import dev.kraft.machine.Launcher;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.network.LinkCommands;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OCI runtime's operations on containers whose process is a unikernel: create, start,
 * state, kill, pause, resume, delete, ps. A unikernel is a kraft machine (its record under the runtime's root),
 * created by the {@link Launcher} and started by the {@link MachineService} like any other,
 * whose hypervisor runs as the container's init process ({@link InitProcess}). A pod's sandbox
 * container runs its pause binary as that process instead.
 */
public final class ContainerRuntime {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INIT_END_TIMEOUT = Duration.ofSeconds(10);
    private final ContainerStore containers;
    private final Machines machines;
    private final LinkCommands links;
    private final Processes processes;
    private final Notices notices;
    private final Clock clock;

    /** The machine service of one container: its links in the container's namespace, its hypervisor started as the supervisor says. */
    @FunctionalInterface
    public interface Machines {
        MachineService service(LinkCommands links, Supervisor supervisor);
    }

    public ContainerRuntime(
            ContainerStore containers,
            Machines machines,
            LinkCommands links,
            Processes processes,
            Notices notices,
            Clock clock) {
        this.containers = containers;
        this.machines = machines;
        this.links = links;
        this.processes = processes;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Creates the container: its machine (for a unikernel), its init process waiting at the
     * gate, the PID file the shim reads. A failure leaves nothing: no record, no process.
     */
    public Container create(String id, Bundle bundle, Optional<Path> pidFile) {
        ContainerPaths paths = containers.create(id);
        MachineService service = machines.service(links, new Supervisor());
        Optional<MachineRecord> machine = Optional.empty();
        Optional<ProcessIdentity> init = Optional.empty();
        try {
            if (!bundle.sandbox()) {
                machine = Optional.of(new Launcher(
                                service,
                                () -> {
                                    throw new IllegalStateException("a container joins its pod's network only");
                                },
                                notices,
                                clock)
                        .create(BundleMachine.request(id, bundle, notices.warn())));
            }
            Path stderr = machine.map(m -> service.paths(m).hypervisorLog()).orElse(paths.log());
            init = Optional.of(InitProcess.spawn(paths, bundle.network(), stderr));
            Container container = new Container(
                    id,
                    bundle.dir(),
                    bundle.rootfs(),
                    bundle.ociVersion(),
                    clock.instant(),
                    bundle.annotations(),
                    init.get(),
                    machine.map(MachineRecord::id),
                    bundle.network(),
                    Optional.empty());
            containers.save(container);
            if (pidFile.isPresent()) {
                AtomicFiles.writeString(pidFile.get(), Long.toString(init.get().pid()));
            }
            return container;
        } catch (IOException | RuntimeException e) {
            init.flatMap(ProcessIdentity::handle).ifPresent(ProcessHandle::destroyForcibly);
            machine.ifPresent(m -> service.store().remove(m));
            containers.remove(id);
            throw e instanceof KraftException k
                    ? k
                    : new KraftException(ExitCode.FAILURE, "cannot create container " + id + ": " + e.getMessage(), e);
        }
    }

    /** Starts a created container: the pod's address taken for the guest, then the hypervisor (or pause) let through the gate. */
    public void start(String id) {
        Container container = containers.find(id);
        ContainerStatus status = status(container);
        if (status != ContainerStatus.CREATED) {
            throw new KraftException(ExitCode.STATE, "cannot start container " + id + ": it is " + status.label());
        }
        ContainerPaths paths = containers.paths(id);
        if (container.machine().isEmpty()) {
            List<String> args = Bundle.read(container.bundle()).args();
            if (args.isEmpty()) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT, "the sandbox container " + id + " has no process args");
            }
            List<String> argv = new ArrayList<>(args);
            argv.set(0, inside(container.rootfs(), args.get(0)).toString());
            InitProcess.release(paths, argv);
            return;
        }
        LinkCommands podLinks = container.namespace().map(links::inNamespace).orElse(links);
        MachineService service = machines.service(podLinks, new Supervisor(new GateStarter(paths, container.init())));
        MachineRecord record = service.store().find(container.machine().get());
        if (container.namespace().isPresent()) {
            Optional<Container.PodLink> pod = PodNetwork.take(podLinks);
            if (pod.isPresent()) {
                container = container.withPod(pod.get());
                containers.save(container);
                record = record.with(record.spec().toBuilder()
                        .networks(List.of(PodNetwork.attachment(pod.get())))
                        .build());
                service.store().save(record);
                notices.debug()
                        .accept("the guest takes the pod's address " + pod.get().cidr() + " from "
                                + pod.get().device());
            }
        }
        service.start(record);
    }

    public ContainerStatus status(Container container) {
        if (!container.init().alive()) {
            return ContainerStatus.STOPPED;
        }
        if (!Files.exists(containers.paths(container.id()).command())) {
            return ContainerStatus.CREATED;
        }
        MachineService service = service();
        return container
                        .machine()
                        .flatMap(m -> findMachine(service, m))
                        .map(m -> m.state() == MachineState.PAUSED)
                        .orElse(false)
                ? ContainerStatus.PAUSED
                : ContainerStatus.RUNNING;
    }

    public Container find(String id) {
        return containers.find(id);
    }

    /** The processes of a container that runs: its init process, then its hypervisor. */
    public List<Long> pids(Container container) {
        List<Long> pids = new ArrayList<>();
        if (status(container) != ContainerStatus.STOPPED) {
            pids.add(container.init().pid());
            hypervisor(container).ifPresent(h -> pids.add(h.pid()));
        }
        return pids;
    }

    /**
     * Sends a signal to the container: to its hypervisor once it runs (QEMU shuts the guest down
     * on SIGTERM), else to its init process. A stopped container is "not running" (the shim's
     * word for a signal that has nowhere to go), which {@code --all} lets pass.
     */
    public void kill(String id, Signal signal, boolean all) {
        Container container = containers.find(id);
        if (status(container) == ContainerStatus.STOPPED) {
            if (all) {
                return;
            }
            throw new KraftException(ExitCode.STATE, "container " + id + " not running");
        }
        long pid = hypervisor(container)
                .map(ProcessHandle::pid)
                .orElse(container.init().pid());
        List<String> out = new ArrayList<>();
        if (processes.run(List.of("kill", "-s", signal.name(), Long.toString(pid)), Path.of("/"), out::add) != 0) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot send SIG" + signal.name() + " to container " + id + ": " + String.join(" ", out));
        }
    }

    /** Freezes a running unikernel's vCPUs (QEMU's stop over QMP); {@code resume} lets them go on. */
    public void pause(String id, boolean pause) {
        Container container = containers.find(id);
        ContainerStatus status = status(container);
        if (container.machine().isEmpty() || status != (pause ? ContainerStatus.RUNNING : ContainerStatus.PAUSED)) {
            throw new KraftException(
                    ExitCode.STATE,
                    "cannot " + (pause ? "pause" : "resume") + " container " + id + ": it is " + status.label()
                            + (container.machine().isEmpty() ? " and has no machine" : ""));
        }
        MachineService service = service();
        MachineRecord record = service.store().find(container.machine().get());
        if (pause) {
            service.pause(record);
        } else {
            service.resume(record);
        }
    }

    /**
     * Deletes the container and everything it had: hypervisor, init process, TAP device, the
     * pod's address given back, the records. A running one only with {@code force}.
     */
    public void delete(String id, boolean force) throws InterruptedException {
        Container container = containers.find(id);
        ContainerStatus status = status(container);
        if ((status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED) && !force) {
            throw new KraftException(
                    ExitCode.STATE, "cannot delete container " + id + " that is not stopped: " + status.label());
        }
        LinkCommands podLinks = container.namespace().map(links::inNamespace).orElse(links);
        MachineService service = machines.service(podLinks, new Supervisor());
        Optional<MachineRecord> record = container.machine().flatMap(m -> findMachine(service, m));
        if (record.isPresent()) {
            service.stop(record.get(), STOP_TIMEOUT);
        }
        endInit(container);
        if (record.isPresent()) {
            MachineRecord current = service.store().find(record.get().id());
            if (container.namespace().isEmpty()) {
                // Its TAP device went with the container's own namespace, when the init process ended.
                current = current.with(
                        current.spec().toBuilder().networks(List.of()).build());
            }
            service.remove(current, true);
        }
        if (container.pod().isPresent() && container.namespace().isPresent()) {
            PodNetwork.giveBack(podLinks, container.pod().get());
        }
        containers.remove(id);
    }

    private void endInit(Container container) throws InterruptedException {
        Optional<ProcessHandle> init = container.init().handle();
        if (init.isEmpty()) {
            return;
        }
        init.get().destroyForcibly();
        long deadline = System.nanoTime() + INIT_END_TIMEOUT.toNanos();
        while (container.init().alive()) {
            if (System.nanoTime() > deadline) {
                throw new KraftException(
                        ExitCode.STATE,
                        "the init process of container " + container.id() + " (PID "
                                + container.init().pid() + ") did not end after SIGKILL");
            }
            Thread.sleep(5);
        }
    }

    private static Optional<MachineRecord> findMachine(MachineService service, String id) {
        try {
            return Optional.of(service.store().find(id));
        } catch (KraftException e) {
            return Optional.empty();
        }
    }

    /** A machine service for what needs no links: records, processes, exit statuses. */
    private MachineService service() {
        return machines.service(links, new Supervisor());
    }

    private Optional<ProcessHandle> hypervisor(Container container) {
        if (container.machine().isEmpty()) {
            return Optional.empty();
        }
        MachineService service = service();
        return findMachine(service, container.machine().get()).flatMap(m -> new Supervisor().process(service.paths(m)));
    }

    /** A path of the root filesystem: a sandbox's pause binary, never outside the root filesystem. */
    private static Path inside(Path rootfs, String path) {
        Path resolved = rootfs.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(rootfs)) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT, "process.args[0] " + path + " is outside the root filesystem");
        }
        return resolved;
    }
}
