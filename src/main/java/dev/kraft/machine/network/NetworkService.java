package dev.kraft.machine.network;

import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Networks as docker users know them: {@code create}, {@code ls}, {@code rm}, and an address
 * for each machine that joins one. Subnets come from 172.20.0.0/14 in /24 steps, clear of every
 * network the host already has.
 */
public final class NetworkService {
    private static final Subnet POOL = Subnet.parse("172.20.0.0/14");
    private final NetworkStore store;
    private final LinkCommands links;

    public NetworkService(NetworkStore store, LinkCommands links) {
        this.store = store;
        this.links = links;
    }

    public NetworkStore store() {
        return store;
    }

    public LinkCommands links() {
        return links;
    }

    public Network create(String name, Optional<String> cidr) {
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}")) {
            throw new KraftException(ExitCode.USAGE, "network name " + name + ": use letters, digits, _ . and -");
        }
        try (FileLock lock = store.lock()) {
            if (store.find(name).isPresent()) {
                throw new KraftException(ExitCode.USAGE, "a network named " + name + " exists");
            }
            List<Subnet> taken = new ArrayList<>(links.hostNetworks());
            store.list().forEach(n -> taken.add(n.cidr()));
            Subnet subnet = cidr.map(Subnet::parse).orElseGet(() -> free(taken));
            taken.stream().filter(subnet::overlaps).findFirst().ifPresent(t -> {
                throw new KraftException(
                        ExitCode.STATE, Input.NETWORK, subnet.toString(), "overlaps " + t + ", already on this host");
            });
            String bridge = name.length() <= 15 && name.matches("[a-zA-Z0-9_-]+")
                    ? name
                    : "kr-" + Integer.toHexString(name.hashCode());
            links.createBridge(bridge, subnet);
            Network network = new Network(name, bridge, subnet.toString());
            store.save(network);
            return network;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot create network " + name + ": " + e.getMessage(), e);
        }
    }

    /** @param users the running machines attached to the network: with any, it stays */
    public void remove(Network network, List<String> users) {
        if (!users.isEmpty()) {
            throw new KraftException(
                    ExitCode.STATE,
                    "network " + network.name() + " is used by machine " + users.get(0) + "; stop it first");
        }
        if (links.exists(network.bridge())) {
            links.delete(network.bridge());
        }
        store.remove(network);
    }

    /**
     * An interface for a new machine: the address asked for, or the lowest free one. Run under
     * {@link NetworkStore#lock()} together with the saving of the machine's record, so two
     * machines never get one address.
     *
     * @param spec  {@code NAME} or {@code NAME:ADDRESS}
     * @param taken the attachments of every machine there is
     */
    public NetworkAttachment attach(String spec, String tap, Collection<NetworkAttachment> taken) {
        String[] parts = spec.split(":", 2);
        Network network = store.get(parts[0]);
        Subnet subnet = network.cidr();
        Set<String> used = new HashSet<>();
        used.add(subnet.gateway());
        taken.stream().filter(a -> a.network().equals(network.name())).forEach(a -> used.add(a.address()));
        String address;
        if (parts.length == 2) {
            address = parts[1];
            if (!subnet.contains(address) || used.contains(address)) {
                throw new KraftException(
                        ExitCode.USAGE,
                        Input.NETWORK,
                        spec,
                        address + (used.contains(address) ? " is taken" : " is not in " + subnet));
            }
        } else {
            int host = 2;
            while (used.contains(subnet.host(host))) {
                host++;
            }
            address = subnet.host(host);
        }
        return new NetworkAttachment(network.name(), network.bridge(), tap, address, subnet.prefix(), subnet.gateway());
    }

    private static Subnet free(List<Subnet> taken) {
        for (int offset = 0; offset < POOL.size(); offset += 256) {
            Subnet candidate = new Subnet(POOL.base() + offset, 24);
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new KraftException(
                ExitCode.STATE, "no free /24 left in " + POOL + "; give the network a subnet of its own");
    }
}
