package dev.kraft.cli;

import picocli.CommandLine.Option;

/** KraftKit's {@code -g/--git} and {@code --git-depth} ({@code manifest/init.go}), on build and pkg pull. */
final class GitOptions {
    @Option(
            names = {"-g", "--git"},
            description =
                    "Take index packages from their git origin (the channel or version as a branch or tag) rather than their archives.")
    boolean git;

    @Option(
            names = "--git-depth",
            paramLabel = "N",
            description =
                    CompatFlags.IGNORED
                            + "kraft places a component's files without their git history; it fetches only the commit it needs.")
    Integer depth;
}
