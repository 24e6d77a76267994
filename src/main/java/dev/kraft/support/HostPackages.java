package dev.kraft.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which package installs a program kraft runs, and with which command, on this host's
 * distribution: the families and package names of install.sh, the family found as install.sh
 * finds it (os-release's {@code ID}, then each word of {@code ID_LIKE}; {@code KRAFT_OS_RELEASE}
 * names another file, as it does for install.sh). A program kraft does not know, or a
 * distribution install.sh does not, gets Debian's command as an example.
 */
public final class HostPackages {
    /** A package manager: its install command, and the package of each program on its distributions. */
    private enum Family {
        APT("apt-get install"),
        DNF("dnf install"),
        PACMAN("pacman -S"),
        ZYPPER("zypper install"),
        APK("apk add");

        final String install;

        Family(String install) {
            this.install = install;
        }
    }

    /** Program → its package per family, in {@link Family} order; null where the family does not package it. */
    private static final Map<String, List<String>> PACKAGES = Map.ofEntries(
            Map.entry("make", List.of("make", "make", "make", "make", "make")),
            Map.entry("gcc", List.of("gcc", "gcc", "gcc", "gcc", "gcc")),
            Map.entry("ld", List.of("binutils", "binutils", "binutils", "binutils", "binutils")),
            Map.entry("flex", List.of("flex", "flex", "flex", "flex", "flex")),
            Map.entry("bison", List.of("bison", "bison", "bison", "bison", "bison")),
            Map.entry("git", List.of("git", "git", "git", "git", "git")),
            Map.entry("python3", List.of("python3", "python3", "python", "python3", "python3")),
            Map.entry("wget", List.of("wget", "wget", "wget", "wget", "wget")),
            Map.entry("patch", List.of("patch", "patch", "patch", "patch", "patch")),
            Map.entry("unzip", List.of("unzip", "unzip", "unzip", "unzip", "unzip")),
            Map.entry("ccache", List.of("ccache", "ccache", "ccache", "ccache", "ccache")),
            Map.entry(
                    "qemu-system-x86_64",
                    List.of(
                            "qemu-system-x86",
                            "qemu-system-x86-core",
                            "qemu-system-x86",
                            "qemu-x86",
                            "qemu-system-x86_64")),
            Map.entry(
                    "qemu-system-aarch64",
                    List.of(
                            "qemu-system-arm",
                            "qemu-system-aarch64-core",
                            "qemu-system-aarch64",
                            "qemu-arm",
                            "qemu-system-aarch64")),
            Map.entry(
                    "qemu-system-arm",
                    List.of(
                            "qemu-system-arm",
                            "qemu-system-arm-core",
                            "qemu-system-arm",
                            "qemu-arm",
                            "qemu-system-arm")),
            Map.entry("buildah", List.of("buildah", "buildah", "buildah", "buildah", "buildah")));

    private static final List<Path> OS_RELEASE = List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"));

    private HostPackages() {}

    /** What to do about a missing program: {@code install it with dnf install make}. */
    public static String advice(String program, Map<String, String> env) {
        return command(program, env)
                .map(command -> "install it with " + command)
                .orElse("install it with the system's package manager");
    }

    /**
     * The command that installs the program on this host ({@code dnf install make}); Debian's,
     * said as such, on a distribution install.sh does not know; empty for a program it does not.
     */
    public static Optional<String> command(String program, Map<String, String> env) {
        Optional<List<String>> names = Optional.ofNullable(PACKAGES.get(program));
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Optional<Family> family = family(env);
        return Optional.of(family.map(f -> f.install + " " + names.get().get(f.ordinal()))
                .orElse(Family.APT.install + " " + names.get().get(Family.APT.ordinal())
                        + " (Debian, Ubuntu; the like elsewhere)"));
    }

    /** The family of this host's distribution, from os-release, as install.sh tells them apart. */
    private static Optional<Family> family(Map<String, String> env) {
        String override = env.getOrDefault("KRAFT_OS_RELEASE", "");
        for (Path file : override.isEmpty() ? OS_RELEASE : List.of(Path.of(override))) {
            try {
                if (Files.isRegularFile(file)) {
                    return family(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Family> family(String osRelease) {
        String words = value(osRelease, "ID") + " " + value(osRelease, "ID_LIKE");
        for (String word : words.trim().split("\\s+")) {
            Optional<Family> family = switch (word) {
                case "debian", "ubuntu", "linuxmint", "raspbian" -> Optional.of(Family.APT);
                case "fedora", "rhel", "centos", "rocky", "almalinux", "ol" -> Optional.of(Family.DNF);
                case "arch", "manjaro", "endeavouros" -> Optional.of(Family.PACMAN);
                case "suse", "sles", "sled" -> Optional.of(Family.ZYPPER);
                case "alpine" -> Optional.of(Family.APK);
                default -> word.startsWith("opensuse") ? Optional.of(Family.ZYPPER) : Optional.<Family>empty();
            };
            if (family.isPresent()) {
                return family;
            }
        }
        return Optional.empty();
    }

    /** The last {@code KEY=value} of os-release, one level of quotes removed. */
    private static String value(String osRelease, String key) {
        String value = "";
        for (String line : osRelease.split("\n")) {
            if (line.startsWith(key + "=")) {
                value = line.substring(key.length() + 1).strip().replaceAll("^([\"'])(.*)\\1$", "$2");
            }
        }
        return value;
    }
}
