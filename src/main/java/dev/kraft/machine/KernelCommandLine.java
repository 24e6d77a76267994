package dev.kraft.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every driver tells the guest, in KraftKit's order: kernel arguments, {@code netdev.ip}
 * per network, {@code vfs.fstab} (the initrd at /, then each 9p volume), {@code env.vars}, then
 * {@code --} (when there are kernel parameters) and the application's arguments. One function, so QEMU, Firecracker and Xen
 * guests see the same command line.
 */
public final class KernelCommandLine {
    private KernelCommandLine() {
    }

    public static String of(MachineSpec spec) {
        List<String> words = new ArrayList<>(spec.kernelArgs());
        spec.networks().forEach(network -> words.add(network.kernelArgument()));
        List<String> fstab = new ArrayList<>();
        if (spec.initrd().isPresent()) {
            fstab.add("\"initrd0:/:extract:::\"");
        }
        for (int i = 0; i < spec.volumes().size(); i++) {
            fstab.add("\"fs" + i + ":" + spec.volumes().get(i).guestPath() + ":9pfs:::mkmp\"");
        }
        if (!fstab.isEmpty()) {
            words.add("vfs.fstab=[ " + String.join(" ", fstab) + " ]");
        }
        if (!spec.env().isEmpty()) {
            List<String> vars = new ArrayList<>();
            for (Map.Entry<String, String> variable : spec.env().entrySet()) {
                vars.add("\"" + variable.getKey() + "=" + variable.getValue() + "\"");
            }
            words.add("env.vars=[ " + String.join(" ", vars) + " ]");
        }
        // KraftKit's rule, which Unikraft 0.17 needs: it parses kernel parameters only when a
        // "--" follows them, and takes a leading "--" for an application argument.
        if (!words.isEmpty()) {
            words.add("--");
        }
        spec.appArgs().stream().map(KernelCommandLine::quoteIfSpaced).forEach(words::add);
        return String.join(" ", words);
    }

    /** A stable, locally administered MAC per machine and NIC, with KraftKit's 02:b0:b0 prefix. */
    public static String mac(String machine, int nic) {
        int hash = machine.hashCode();
        return String.format("02:b0:b0:%02x:%02x:%02x", (hash >> 16) & 0xff, (hash >> 8) & 0xff, (hash + nic) & 0xff);
    }

    private static String quoteIfSpaced(String arg) {
        return arg.chars().anyMatch(Character::isWhitespace) ? "\"" + arg + "\"" : arg;
    }
}
