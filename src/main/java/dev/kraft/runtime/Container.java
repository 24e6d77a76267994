package dev.kraft.runtime;

import dev.kraft.support.ProcessIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the runtime keeps it between its commands ({@code container.json} under
 * {@code --root}): where its bundle is, its init process (the PID the shim watches), the
 * machine that boots its unikernel (none for a pod's sandbox), its network namespace, and the
 * pod address its guest took, to give back when it goes.
 *
 * @param network  as {@link Bundle#network()}: empty for the host's namespace
 * @param machine  the id of the machine record, for a unikernel
 * @param pod      the pod interface whose address the guest took, once started
 */
public record Container(
        String id,
        Path bundle,
        Path rootfs,
        String ociVersion,
        Instant created,
        Map<String, String> annotations,
        ProcessIdentity init,
        Optional<String> machine,
        Optional<Path> network,
        Optional<PodLink> pod) {

    public Container {
        annotations = Map.copyOf(annotations);
    }

    /** The interface of a pod's namespace whose address (and default route) the guest took over. */
    public record PodLink(String device, String cidr, String gateway) {}

    public Container withPod(PodLink link) {
        return new Container(
                id, bundle, rootfs, ociVersion, created, annotations, init, machine, network, Optional.of(link));
    }

    /** The network namespace to enter for this container's links: its own lives only as long as its init process. */
    public Optional<Path> namespace() {
        return network.flatMap(path -> path.equals(Bundle.NEW_NAMESPACE)
                ? (init.alive()
                        ? Optional.of(Path.of("/proc", Long.toString(init.pid()), "ns", "net"))
                        : Optional.empty())
                : Optional.of(path));
    }
}
