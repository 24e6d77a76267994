package dev.kraft.cli;

import picocli.CommandLine.Option;

/**
 * KraftKit's {@code -K/--kraftfile} as the {@code pkg} subcommands that work on no project
 * inherit it from {@code kraft pkg}: accepted, said to be ignored.
 */
final class UnusedKraftfileOption {
    @Option(
            names = {"-K", "--kraftfile"},
            paramLabel = "FILE",
            description = CompatFlags.IGNORED + "this command works on packages and images, not on a project.")
    String kraftfile;
}
