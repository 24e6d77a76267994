package dev.kraft.runtime;

import dev.kraft.machine.network.LinkCommands;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.Optional;

/**
 * A pod's address for its unikernel. CNI gives the pod's network namespace an interface with
 * an address and a default route; the guest takes them over: the interface becomes a port of a
 * bridge inside the namespace, beside the guest's TAP device, and loses its address, which the
 * guest gets on its command line ({@code netdev.ip}). What was taken is given back when the
 * container goes, for a namespace that outlives it (a Kubernetes pod's).
 */
final class PodNetwork {
    static final String BRIDGE = "kraft-br0";
    static final String TAP = "kraft-tap0";

    private PodNetwork() {}

    /** Takes the namespace's default interface for the guest; empty when the namespace has no network to take (no CNI). */
    static Optional<Container.PodLink> take(LinkCommands links) {
        Optional<LinkCommands.Route> route = links.defaultRoute();
        if (route.isEmpty()) {
            return Optional.empty();
        }
        String device = route.get().device();
        List<String> addresses = links.addresses(device);
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        Container.PodLink link =
                new Container.PodLink(device, addresses.get(0), route.get().gateway());
        try {
            links.createBridge(BRIDGE);
            links.flushAddresses(device);
            links.setMaster(device, BRIDGE);
            return Optional.of(link);
        } catch (KraftException e) {
            giveBack(links, link);
            throw e;
        }
    }

    /** The guest's interface on the pod's network: the pod's address, prefix and gateway. */
    static NetworkAttachment attachment(Container.PodLink link) {
        String[] cidr = link.cidr().split("/");
        return new NetworkAttachment("pod", BRIDGE, TAP, cidr[0], Integer.parseInt(cidr[1]), link.gateway());
    }

    /** The interface as CNI left it: out of the bridge, which goes, with its address and default route back. */
    static void giveBack(LinkCommands links, Container.PodLink link) {
        if (links.exists(BRIDGE)) {
            links.setMaster(link.device(), "");
            links.delete(BRIDGE);
        }
        if (!links.addresses(link.device()).contains(link.cidr())) {
            links.addAddress(link.device(), link.cidr());
        }
        if (links.defaultRoute().isEmpty()) {
            links.addDefaultRoute(link.gateway(), link.device());
        }
    }
}
