package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import dev.kraft.support.Suggestions;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.ComponentType;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Names;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a Kraftfile's YAML tree into a {@link Project}, spec v0.5 and v0.6. */
final class KraftfileParser {
    private static final Set<String> TOP_KEYS = Set.of(
            "spec",
            "specification",
            "name",
            "outdir",
            "labels",
            "cmd",
            "env",
            "rootfs",
            "volumes",
            "unikraft",
            "template",
            "runtime",
            "libraries",
            "targets");
    private static final Set<String> TARGET_KEYS =
            Set.of("name", "arch", "architecture", "plat", "platform", "kconfig");
    private static final Set<String> VOLUME_KEYS =
            Set.of("driver", "source", "destination", "readonly", "readOnly", "mode");
    private static final Set<String> SPECS = Set.of("0.5", "0.6");

    private final Path kraftfile;
    private final Path workdir;
    private final Nodes nodes;
    private final ComponentParser components;
    private final ProjectPaths paths;

    KraftfileParser(Path kraftfile, Path workdir, Path home, Map<String, String> env, Consumer<String> warn) {
        this.kraftfile = kraftfile;
        this.workdir = workdir;
        this.nodes = new Nodes(new Interpolator(env), warn);
        this.components = new ComponentParser(nodes, workdir, home);
        this.paths = new ProjectPaths(workdir);
    }

    Project parse(YamlNode root) {
        MapNode top = nodes.map("Kraftfile", root);
        Nodes.onlyKeys(top, TOP_KEYS, "");
        String spec = spec(top);
        String displayName = optional(top, "name", nodes::string)
                .orElse(workdir.getFileName().toString());
        String name = kernelName(
                displayName,
                top.entry("name").map(Entry::value).map(YamlNode::at).orElse(top.at()));
        Path outdir = top.entry("outdir")
                .map(e -> paths.inside(
                        nodes.string("outdir", e.value()), e.value().at(), "outdir", false))
                .orElse(workdir.resolve(".unikraft/build"));
        paths.leaves(workdir.resolve(".unikraft"), false).ifPresent(problem -> {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    workdir.resolve(".unikraft") + " must be inside the project" + problem
                            + ": kraft places components and builds there");
        });
        Optional<ComponentSpec> unikraft =
                top.entry("unikraft").map(e -> components.parse(ComponentType.CORE, "unikraft", "unikraft", e.value()));
        Optional<ComponentSpec> template =
                top.entry("template").map(e -> components.parse(ComponentType.APP, "template", "template", e.value()));
        if (spec.equals("0.5") && unikraft.isEmpty()) {
            throw new KraftfileException(top.at(), "spec v0.5 requires \"unikraft\"");
        }
        return new Project(
                kraftfile,
                workdir,
                spec,
                name,
                displayName,
                outdir,
                unikraft,
                template,
                optional(top, "runtime", this::runtime),
                libraries(top),
                targets(top, name),
                optional(top, "cmd", nodes::stringList).orElse(List.of()),
                optional(top, "env", nodes::environment).orElse(Map.of()),
                optional(top, "labels", nodes::keyValues).orElse(Map.of()),
                optional(top, "rootfs", this::rootfs),
                optional(top, "volumes", this::volumes).orElse(List.of()));
    }

    private String spec(MapNode top) {
        Optional<Entry> entry = top.entry("spec").or(() -> top.entry("specification"));
        if (entry.isEmpty()) {
            throw new KraftfileException(top.at(), "missing \"spec\" (write spec: v0.6 at the top)");
        }
        String text = nodes.string(entry.get().key(), entry.get().value());
        String version = text.startsWith("v") ? text.substring(1) : text;
        if (!SPECS.contains(version)) {
            throw new KraftfileException(
                    entry.get().value().at(), "unsupported spec " + Quoted.of(text) + " (supported: v0.5, v0.6)");
        }
        return version;
    }

    private <T> Optional<T> optional(MapNode map, String key, BiFunction<String, YamlNode, T> reader) {
        return map.entry(key).map(e -> reader.apply(key, e.value()));
    }

    /** {@code NAME[:TAG]}, a full reference, or {@code {source, version}}; its {@code kconfig} is accepted and, as in KraftKit, not used. */
    private RuntimeSpec runtime(String key, YamlNode node) {
        String reference;
        if (node instanceof MapNode map) {
            Nodes.onlyKeys(map, Set.of("source", "version", "kconfig"), " in \"runtime\"");
            String source = map.entry("source")
                    .map(e -> nodes.string("runtime.source", e.value()))
                    .orElse("");
            if (source.isBlank()) {
                throw new KraftfileException(
                        node.at(),
                        "\"runtime\" needs a source, the image of a prebuilt kernel (e.g. source: unikraft.org/base)");
            }
            reference = map.entry("version")
                    .map(e -> source + ":" + nodes.string("runtime.version", e.value()))
                    .orElse(source);
        } else {
            reference = nodes.string(key, node);
        }
        if (reference.isBlank()) {
            throw new KraftfileException(
                    node.at(), "\"runtime\" is empty; name the image of a prebuilt kernel, e.g. runtime: base:latest");
        }
        return new RuntimeSpec(reference.strip(), node.at());
    }

    /** A directory, archive or Dockerfile in the project, or (for the root filesystem builder) an image reference. */
    private String rootfs(String key, YamlNode node) {
        String text = nodes.string(key, node);
        if (paths.isPath(text)) {
            paths.inside(text, node.at(), key, true);
        }
        return text;
    }

    private List<ComponentSpec> libraries(MapNode top) {
        Optional<Entry> entry = top.entry("libraries");
        if (entry.isEmpty() || (entry.get().value() instanceof Scalar s && s.type() == YamlNode.ScalarType.NULL)) {
            return List.of();
        }
        MapNode libraries = nodes.map("libraries", entry.get().value());
        List<ComponentSpec> result = new ArrayList<>();
        for (Entry library : libraries.entries()) {
            if (!Names.isLibraryName(library.key())) {
                throw new KraftfileException(
                        library.keyAt(),
                        Quoted.of(library.key()) + " is not a library name (" + Names.LIBRARY_NAME_RULE + ")");
            }
            result.add(
                    components.parse(ComponentType.LIB, library.key(), "libraries." + library.key(), library.value()));
        }
        return List.copyOf(result);
    }

    private List<Target> targets(MapNode top, String projectName) {
        Optional<Entry> entry = top.entry("targets");
        if (entry.isEmpty()) {
            return List.of();
        }
        if (!(entry.get().value() instanceof ListNode list)) {
            throw Nodes.wrongType("targets", entry.get().value(), "a list of plat/arch strings or maps");
        }
        List<Target> targets = new ArrayList<>();
        Map<String, Location> kernels = new HashMap<>();
        for (YamlNode item : list.items()) {
            Target target = item instanceof MapNode map ? targetMap(map, projectName) : targetString(item, projectName);
            Location first = kernels.putIfAbsent(target.kernelName(), item.at());
            if (first != null) {
                throw new KraftfileException(
                        item.at(),
                        "this target builds the same kernel, " + target.kernelName() + ", as the one at " + first.line()
                                + ":" + first.column() + "; give one of them another name");
            }
            targets.add(target);
        }
        return List.copyOf(targets);
    }

    /**
     * A name as Unikraft uses it ({@code CONFIG_UK_NAME}, {@code N=}, the kernel's file name):
     * normalised, and refused when nothing usable is left or it would make file names too long.
     */
    private static String kernelName(String written, Location at) {
        String name = Names.normalise(written);
        if (name.isEmpty()) {
            throw new KraftfileException(
                    at, "name " + Quoted.of(written) + " has no letters or digits Unikraft can use");
        }
        if (name.length() > Names.MAX_KERNEL_NAME) {
            throw new KraftfileException(
                    at,
                    "name " + Quoted.of(written) + " is " + name.length() + " characters long; Unikraft's "
                            + "file names allow at most " + Names.MAX_KERNEL_NAME);
        }
        return name;
    }

    private Target targetString(YamlNode item, String projectName) {
        String text = nodes.string("targets[]", item);
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new KraftfileException(
                    item.at(), "target " + Quoted.of(text) + " must be plat/arch, e.g. qemu/x86_64");
        }
        return new Target(projectName, plat(parts[0], item), arch(parts[1], item), KConfig.empty());
    }

    private Target targetMap(MapNode map, String projectName) {
        Nodes.onlyKeys(map, TARGET_KEYS, " in a target");
        String name = map.entry("name")
                .map(e -> kernelName(nodes.string("name", e.value()), e.value().at()))
                .orElse(projectName);
        Optional<Entry> platEntry = map.entry("plat").or(() -> map.entry("platform"));
        Optional<Entry> archEntry = map.entry("arch").or(() -> map.entry("architecture"));
        String platText = platEntry.map(e -> nodes.string(e.key(), e.value())).orElse("");
        Optional<String> archText = archEntry.map(e -> nodes.string(e.key(), e.value()));
        if (platText.contains("/") && archText.isEmpty()) {
            archText = Optional.of(platText.substring(platText.indexOf('/') + 1));
            platText = platText.substring(0, platText.indexOf('/'));
        }
        if (platEntry.isEmpty() || archText.isEmpty()) {
            throw new KraftfileException(map.at(), "a target needs both \"plat\" and \"arch\"");
        }
        KConfig kconfig = optional(map, "kconfig", nodes::kconfig).orElse(KConfig.empty());
        YamlNode archNode = archEntry.map(Entry::value).orElse(platEntry.get().value());
        return new Target(name, plat(platText, platEntry.get().value()), arch(archText.get(), archNode), kconfig);
    }

    private static Plat plat(String text, YamlNode at) {
        return Plat.parse(text)
                .orElseThrow(() -> new KraftfileException(
                        at.at(),
                        "unknown platform " + Quoted.of(text) + Suggestions.hint(text, names(Plat.values(), Plat::id))
                                + "; known: qemu, fc, xen"));
    }

    private static Arch arch(String text, YamlNode at) {
        return Arch.parse(text)
                .orElseThrow(() -> new KraftfileException(
                        at.at(),
                        "unknown architecture " + Quoted.of(text)
                                + Suggestions.hint(text, names(Arch.values(), Arch::id))
                                + "; known: x86_64, arm64, arm"));
    }

    private static <E> Set<String> names(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.toSet());
    }

    /** A host directory the guest may write to: the project's, never the host's ({@code -v} on the command line can be). */
    private String volumeSource(String key, YamlNode node) {
        return volumeSource(nodes.string(key, node), node.at());
    }

    private String volumeSource(String text, Location at) {
        if (!text.isEmpty()) {
            paths.inside(text, at, "volume source", true);
        }
        return text;
    }

    private List<VolumeSpec> volumes(String key, YamlNode node) {
        if (!(node instanceof ListNode list)) {
            throw Nodes.wrongType(key, node, "a list");
        }
        List<VolumeSpec> volumes = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (item instanceof MapNode map) {
                Nodes.onlyKeys(map, VOLUME_KEYS, " in a volume");
                Optional<Entry> readOnly = map.entry("readOnly").or(() -> map.entry("readonly"));
                volumes.add(new VolumeSpec(
                        optional(map, "source", this::volumeSource).orElse(""),
                        optional(map, "destination", nodes::string).orElse("/"),
                        optional(map, "driver", nodes::string).orElse("9pfs"),
                        readOnly.map(e -> nodes.bool(e.key(), e.value())).orElse(false)));
            } else {
                String text = nodes.string("volumes[]", item);
                int colon = text.indexOf(':');
                volumeSource(colon < 0 ? text : text.substring(0, colon), item.at());
                volumes.add(
                        colon < 0
                                ? new VolumeSpec(text, "/", "9pfs", false)
                                : new VolumeSpec(text.substring(0, colon), text.substring(colon + 1), "9pfs", false));
            }
        }
        return List.copyOf(volumes);
    }
}
