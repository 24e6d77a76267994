package dev.kraft.machine.network;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;

/** An IPv4 network in CIDR form, with the address arithmetic networks need. */
public record Subnet(int base, int prefix) {

    public static Subnet parse(String cidr) {
        String[] parts = cidr.split("/");
        try {
            if (parts.length == 2) {
                int prefix = Integer.parseInt(parts[1]);
                if (prefix >= 8 && prefix <= 30) {
                    return new Subnet(address(parts[0]) & mask(prefix), prefix);
                }
            }
        } catch (IllegalArgumentException e) {
            // Reported below, with the network given.
        }
        throw new KraftException(
                ExitCode.USAGE, Input.NETWORK, cidr, "expected an IPv4 network such as 172.20.0.0/24 (prefix 8 to 30)");
    }

    public static int address(String text) {
        String[] octets = text.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException(text);
        }
        int value = 0;
        for (String octet : octets) {
            int part = Integer.parseInt(octet);
            if (part < 0 || part > 255) {
                throw new IllegalArgumentException(text);
            }
            value = value << 8 | part;
        }
        return value;
    }

    public static String text(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** The first host address: the bridge's, the guests' gateway. */
    public String gateway() {
        return text(base + 1);
    }

    /** Host number {@code n} (2 is the first guest). */
    public String host(int n) {
        if (n < 1 || n >= size() - 1) {
            throw new KraftException(ExitCode.STATE, "network " + this + " has no free address left");
        }
        return text(base + n);
    }

    public int size() {
        return 1 << (32 - prefix);
    }

    public boolean contains(String address) {
        return (address(address) & mask(prefix)) == base;
    }

    public boolean overlaps(Subnet other) {
        int shorter = Math.min(prefix, other.prefix);
        return (base & mask(shorter)) == (other.base & mask(shorter));
    }

    @Override
    public String toString() {
        return text(base) + "/" + prefix;
    }
}
