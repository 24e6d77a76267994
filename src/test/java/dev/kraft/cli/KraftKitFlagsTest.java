package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * KraftKit's flags and aliases, command by command, as its sources declare them (unikraft/kraftkit
 * f02a533: the {@code long:}/{@code short:} tags of {@code internal/cli/kraft/**}, the flags its
 * packages register with {@code cmdfactory.RegisterFlag}, and the global flags of
 * {@code config/config.go}), each of which must be in {@code kraft … --help}. A flag kraft cannot
 * give a meaning is still there, described as ignored or refused ({@link CompatFlags}).
 *
 * <p>KraftKit's commands kraft does not have (compose, cloud, vol, events, x probe) are listed in
 * docs/coming-from-kraftkit.md; {@code -r/--runtime} of run and pkg comes with runtime projects.
 */
class KraftKitFlagsTest {
    private static final List<String> GLOBAL = List.of(
            "-h",
            "--help",
            "--no-prompt",
            "--no-parallel",
            "--no-emojis",
            "--no-check-updates",
            "--no-color",
            "--no-warn-sudo",
            "--editor",
            "--git-protocol",
            "--pager",
            "--qemu",
            "--http-unix-sock",
            "--runtime-dir",
            "--containerd-addr",
            "--events-pid-file",
            "--buildkit-host",
            "--plugins-dir",
            "--config-dir",
            "--manifests-dir",
            "--sources-dir",
            "--log-level",
            "--log-timestamps",
            "--log-type",
            "--with-mirror",
            "--with-manifest");
    private static final List<String> DOCKERFILE = List.of("--build-arg", "--build-target", "--build-secret");

    /** Command path → KraftKit's flags on it (its own and those a parent passes down). */
    private static Map<String, List<String>> flags() {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        flags.put(
                "build",
                plus(
                        DOCKERFILE,
                        "--all",
                        "-m",
                        "--arch",
                        "-c",
                        "--config",
                        "-e",
                        "--env",
                        "--force-pull",
                        "-j",
                        "--jobs",
                        "--dbg",
                        "-K",
                        "--kraftfile",
                        "-F",
                        "--no-cache",
                        "--no-configure",
                        "--no-fast",
                        "--no-fetch",
                        "--no-rootfs",
                        "--no-update",
                        "-p",
                        "--plat",
                        "--print-stats",
                        "--rootfs",
                        "--build-log",
                        "-t",
                        "--target",
                        "-g",
                        "--git",
                        "--git-depth"));
        flags.put(
                "clean",
                List.of("-m", "--arch", "-K", "--kraftfile", "-p", "--plat", "-t", "--target", "-P", "--proper"));
        flags.put(
                "fetch",
                List.of(
                        "-m",
                        "--arch",
                        "-K",
                        "--kraftfile",
                        "--no-cache",
                        "--no-configure",
                        "--no-pull",
                        "-p",
                        "--plat",
                        "-t",
                        "--target"));
        flags.put(
                "menu",
                List.of(
                        "-m",
                        "--arch",
                        "--force-pull",
                        "-f",
                        "--frontend",
                        "-K",
                        "--kraftfile",
                        "--no-cache",
                        "--no-configure",
                        "-p",
                        "--plat",
                        "-t",
                        "--target"));
        flags.put("set", List.of("-K", "--kraftfile", "-w", "--workdir"));
        flags.put("unset", List.of("-w", "--workdir"));
        flags.put("lib", List.of());
        flags.put("lib add", List.of("-K", "--kraftfile", "--no-update", "-w", "--workdir"));
        flags.put(
                "lib create",
                List.of(
                        "--project-name",
                        "--library-name",
                        "--library-kname",
                        "-v",
                        "--version",
                        "--description",
                        "--author-name",
                        "--author-email",
                        "--initial-branch",
                        "--copyright-holder",
                        "--origin",
                        "--no-provide-c-main",
                        "--git-init",
                        "--patch-dir",
                        "--update-refs",
                        "--project-path"));
        flags.put("lib remove", List.of("-K", "--kraftfile", "-w", "--workdir"));
        flags.put("login", List.of("-u", "--user", "-t", "--token"));
        flags.put("logs", List.of("-f", "--follow", "--no-prefix", "-p", "--plat"));
        flags.put("net", List.of("-d", "--driver"));
        flags.put("net create", List.of("-d", "--driver", "-n", "--network"));
        flags.put("net down", List.of("-d", "--driver"));
        flags.put("net inspect", List.of("-d", "--driver"));
        flags.put("net ls", List.of("-d", "--driver", "-l", "--long", "-o", "--output"));
        flags.put("net remove", List.of("-d", "--driver", "-f", "--force"));
        flags.put("net up", List.of("-d", "--driver"));
        flags.put("pause", List.of("--all", "-p", "--plat"));
        flags.put(
                "pkg",
                plus(
                        DOCKERFILE,
                        "-m",
                        "--arch",
                        "-a",
                        "--args",
                        "-c",
                        "--compress",
                        "--dbg",
                        "-e",
                        "--env",
                        "--force-format",
                        "-M",
                        "--as",
                        "-k",
                        "--kernel",
                        "-K",
                        "--kraftfile",
                        "-l",
                        "--label",
                        "-n",
                        "--name",
                        "--no-kconfig",
                        "--no-pull",
                        "-o",
                        "--output",
                        "-p",
                        "--plat",
                        "-P",
                        "--push",
                        "--rootfs",
                        "--strategy",
                        "-t",
                        "--target",
                        "-w",
                        "--workdir"));
        flags.put("pkg info", List.of("-K", "--kraftfile", "-o", "--output", "-u", "--update"));
        flags.put(
                "pkg ls",
                List.of(
                        "--all",
                        "--arch",
                        "-K",
                        "--kraftfile",
                        "-l",
                        "--limit",
                        "--local",
                        "--no-limit",
                        "-o",
                        "--output",
                        "--plat",
                        "-u",
                        "--remote",
                        "--apps",
                        "-M",
                        "--archs",
                        "-C",
                        "--core",
                        "-L",
                        "--libs",
                        "-P",
                        "--plats",
                        "-U",
                        "--update"));
        flags.put(
                "pkg pull",
                List.of(
                        "-K",
                        "--kraftfile",
                        "-A",
                        "--all",
                        "-m",
                        "--arch",
                        "-f",
                        "--as",
                        "-k",
                        "--kconfig",
                        "-C",
                        "--no-checksum",
                        "-o",
                        "--output",
                        "-p",
                        "--plat",
                        "-u",
                        "--update",
                        "-w",
                        "--workdir",
                        "-g",
                        "--git",
                        "--git-depth"));
        flags.put("pkg push", List.of("-K", "--kraftfile", "-M", "--as"));
        flags.put("pkg remove", List.of("-K", "--kraftfile", "-n", "--name", "-a", "--all", "-f", "--format"));
        flags.put("pkg source", List.of("-K", "--kraftfile", "-F", "--force"));
        flags.put("pkg unsource", List.of("-K", "--kraftfile"));
        flags.put("pkg update", List.of("-K", "--kraftfile", "-m", "--manager"));
        flags.put(
                "ps",
                List.of(
                        "-m",
                        "--arch",
                        "-l",
                        "--long",
                        "-q",
                        "--quiet",
                        "-a",
                        "--all",
                        "-o",
                        "--output",
                        "-p",
                        "--plat"));
        flags.put("remove", List.of("--all", "-p", "--plat"));
        flags.put(
                "run",
                List.of(
                        "-m",
                        "--arch",
                        "-d",
                        "--detach",
                        "-W",
                        "--disable-acceleration",
                        "-e",
                        "--env",
                        "--initrd",
                        "--ip",
                        "-a",
                        "--kernel-arg",
                        "-K",
                        "--kraftfile",
                        "--mac",
                        "-M",
                        "--memory",
                        "-n",
                        "--name",
                        "--network",
                        "--no-start",
                        "-p",
                        "--port",
                        "--prefix",
                        "--prefix-name",
                        "--rm",
                        "--rootfs",
                        "--as",
                        "-t",
                        "--target",
                        "-v",
                        "--volume",
                        "--symbolic",
                        "--plat",
                        "--qemu-sgabios-preamble"));
        flags.put("start", List.of("--all", "-d", "--detach", "--no-prefix", "--rm", "-p", "--plat"));
        flags.put("stop", List.of("--all", "-p", "--plat"));
        flags.put("version", List.of());
        return flags;
    }

    /** Command path → KraftKit's aliases for it. */
    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("build", List.of("bld"));
        aliases.put("clean", List.of("cln"));
        aliases.put("fetch", List.of("ft"));
        aliases.put("menu", List.of("menuconfig"));
        aliases.put("set", List.of("s"));
        aliases.put("unset", List.of("u"));
        aliases.put("lib", List.of("library"));
        aliases.put("lib add", List.of("a"));
        aliases.put("lib create", List.of("init"));
        aliases.put("lib remove", List.of("rm", "delete", "del"));
        aliases.put("login", List.of("logon"));
        aliases.put("logs", List.of("log"));
        aliases.put("net", List.of("network"));
        aliases.put("net create", List.of("add"));
        aliases.put("net down", List.of("stop"));
        aliases.put("net ls", List.of("list"));
        aliases.put("net remove", List.of("rm", "delete", "del"));
        aliases.put("pkg info", List.of("show", "get", "i"));
        aliases.put("pkg ls", List.of("list"));
        aliases.put("pkg pull", List.of("pl"));
        aliases.put("pkg push", List.of("ph"));
        aliases.put("pkg remove", List.of("rm"));
        aliases.put("pkg source", List.of("src"));
        aliases.put("pkg unsource", List.of("unsrc"));
        aliases.put("pkg update", List.of("upd"));
        aliases.put("remove", List.of("rm"));
        aliases.put("run", List.of("r"));
        aliases.put("version", List.of("v"));
        return aliases;
    }

    @Test
    void everyKraftKitFlagIsInTheHelpOfItsCommand() {
        CommandLine root = DocsTest.commands();
        List<String> missing = new ArrayList<>();
        check("kraft", root, GLOBAL, missing);
        flags().forEach((path, own) ->
                check(path, find(root, path), plus(GLOBAL, own.toArray(String[]::new)), missing));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyKraftKitAliasNamesItsCommand() {
        CommandLine root = DocsTest.commands();
        List<String> wrong = new ArrayList<>();
        aliases().forEach((path, names) -> {
            CommandLine command = find(root, path);
            String parent = path.contains(" ") ? path.substring(0, path.lastIndexOf(' ')) : "";
            CommandLine under = parent.isEmpty() ? root : find(root, parent);
            for (String alias : names) {
                if (under.getSubcommands().get(alias) != command) {
                    wrong.add((parent + " " + alias).strip() + " is not " + path);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    private static void check(String path, CommandLine command, List<String> expected, List<String> missing) {
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String flag : expected) {
            boolean declared = command.getCommandSpec().findOption(flag) != null;
            boolean shown = Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])")
                    .matcher(help)
                    .find();
            if (!declared || !shown) {
                missing.add("kraft " + (path.equals("kraft") ? "" : path + " ") + flag
                        + (declared ? " (not in --help)" : ""));
            }
        }
    }

    private static CommandLine find(CommandLine root, String path) {
        CommandLine command = root;
        for (String name : path.split(" ")) {
            command = command.getSubcommands().get(name);
            if (command == null) {
                throw new AssertionError("kraft has no command " + path);
            }
        }
        return command;
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }
}
