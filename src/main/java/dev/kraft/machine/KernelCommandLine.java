package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every driver tells the guest, in KraftKit's order: kernel arguments, {@code netdev.ip}
 * per network, {@code vfs.fstab} (the initrd at / unless the spec says not, then each 9p volume), {@code env.vars}, then
 * {@code --} (when there are kernel parameters) and the application's arguments. One function, so QEMU, Firecracker and Xen
 * guests see the same command line.
 *
 * <p>Unikraft splits the line with its own parser ({@code uk_argnparse}: single and double
 * quotes, backslash escapes), so every value kraft writes is quoted for it and arrives whole,
 * whatever spaces, quotes or backslashes it holds. A Kraftfile's (or an image's) {@code cmd}
 * is a different matter: KraftKit writes its items as they are and lets the guest split them
 * ({@code "/usr/bin/php /usr/src/server.php"} is two arguments in the catalog), so
 * {@link #asKraftKitPassesThem} gives the arguments the guest would see under KraftKit.
 */
public final class KernelCommandLine {
    private KernelCommandLine() {}

    public static String of(MachineSpec spec) {
        List<String> words = new ArrayList<>(spec.kernelArgs());
        spec.networks().forEach(network -> words.add(network.kernelArgument()));
        List<String> fstab = new ArrayList<>();
        if (spec.initrd().isPresent() && spec.initrdAsRoot()) {
            fstab.add(quoted("initrd0:/:extract:::"));
        }
        for (int i = 0; i < spec.volumes().size(); i++) {
            String guestPath = spec.volumes().get(i).guestPath();
            if (guestPath.contains(":")) {
                throw new KraftException(
                        ExitCode.USAGE,
                        "volume " + Quoted.of(guestPath) + ": a guest path cannot hold ':' (it separates "
                                + "the fields of Unikraft's fstab)");
            }
            fstab.add(listItem("volume", "fs" + i + ":" + guestPath + ":9pfs:::mkmp", guestPath));
        }
        if (!fstab.isEmpty()) {
            words.add("vfs.fstab=[ " + String.join(" ", fstab) + " ]");
        }
        if (!spec.env().isEmpty()) {
            List<String> vars = new ArrayList<>();
            for (Map.Entry<String, String> variable : spec.env().entrySet()) {
                vars.add(listItem(
                        "environment variable " + variable.getKey(),
                        variable.getKey() + "=" + variable.getValue(),
                        variable.getValue()));
            }
            words.add("env.vars=[ " + String.join(" ", vars) + " ]");
        }
        // KraftKit's rule, which Unikraft 0.17 needs: it parses kernel parameters only when a
        // "--" follows them, and takes a leading "--" for an application argument.
        if (!words.isEmpty()) {
            words.add("--");
        }
        spec.appArgs().stream().map(KernelCommandLine::word).forEach(words::add);
        return String.join(" ", words);
    }

    /**
     * One argument as Unikraft's parser will read it back: as it is when it holds nothing the
     * parser treats specially, else in double quotes with {@code "} and {@code \} escaped. An
     * image's {@code Cmd} holds its arguments so, since the guest splits what KraftKit passes.
     */
    public static String word(String arg) {
        boolean plain = !arg.isEmpty()
                && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\');
        return plain ? arg : quoted(arg);
    }

    private static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * An item of a {@code [ … ]} parameter list: Unikraft's parameter parser ends the list at
     * the first item that ends in {@code ]}, so such a value cannot be passed.
     */
    private static String listItem(String what, String item, String value) {
        if (item.endsWith("]")) {
            throw new KraftException(
                    ExitCode.USAGE,
                    what + ": " + Quoted.of(value) + " ends in ']', which ends Unikraft's parameter "
                            + "list; it cannot reach the guest");
        }
        return quoted(item);
    }

    /**
     * The arguments a guest sees when KraftKit boots it with these {@code cmd} items: KraftKit
     * writes each as it is (in double quotes when it holds an unescaped single quote) and the
     * guest's parser splits the line.
     */
    public static List<String> asKraftKitPassesThem(List<String> items) {
        StringBuilder line = new StringBuilder();
        for (String item : items) {
            boolean singleQuoted = count(item, "'") != count(item, "\\'");
            line.append(singleQuoted ? "\"" + item + "\"" : item).append(' ');
        }
        return split(line.toString());
    }

    /** Unikraft's {@code uk_argnparse}: the arguments the guest makes of a command line. */
    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = null;
        boolean escape = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean space = c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == 0x0b;
            if (space && quote == 0 && !escape) {
                if (arg != null) {
                    args.add(arg.toString());
                    arg = null;
                }
                continue;
            }
            if ((c == '\'' || c == '"') && !(escape && quote == 0)) {
                if (escape && c == '"') {
                    arg.setLength(arg.length() - 1);
                    escape = false;
                    arg.append(c);
                    continue;
                }
                if (quote == 0 || quote == c) {
                    quote = quote == 0 ? c : 0;
                    continue;
                }
            }
            if (arg == null) {
                arg = new StringBuilder();
                escape = false;
            }
            if (c == '\\' && quote != '\'') {
                if (!escape) {
                    arg.append(c);
                }
                escape = !escape;
            } else {
                if (escape && quote == 0) {
                    arg.setLength(arg.length() - 1);
                }
                escape = false;
                arg.append(c);
            }
        }
        if (arg != null) {
            args.add(arg.toString());
        }
        return args;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** A stable, locally administered MAC per machine and NIC, with KraftKit's 02:b0:b0 prefix. */
    public static String mac(String machine, int nic) {
        int hash = machine.hashCode();
        return String.format("02:b0:b0:%02x:%02x:%02x", (hash >> 16) & 0xff, (hash >> 8) & 0xff, (hash + nic) & 0xff);
    }
}
