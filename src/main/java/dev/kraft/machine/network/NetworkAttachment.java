package dev.kraft.machine.network;

/**
 * A machine's interface on a kraft network: the TAP device enslaved to the bridge, and the
 * guest's address, which Unikraft reads from {@code netdev.ip} (there is no DHCP server).
 */
public record NetworkAttachment(String network, String bridge, String tap, String address, int prefix, String gateway) {

    /** KraftKit's form: {@code netdev.ip=<ip>/<prefix>:<gateway>::::} (dns0, dns1, hostname, domain empty). */
    public String kernelArgument() {
        return "netdev.ip=" + address + "/" + prefix + ":" + gateway + "::::";
    }
}
