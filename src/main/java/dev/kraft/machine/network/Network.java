package dev.kraft.machine.network;

/** A kraft network: a Linux bridge with the gateway address of its subnet. */
public record Network(String name, String bridge, String subnet) {

    public Subnet cidr() {
        return Subnet.parse(subnet);
    }
}
