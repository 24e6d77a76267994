package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Plat;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * KraftKit's {@code -p/--plat} on the commands that work on machines (ps, logs, start, stop,
 * pause, rm): only the machines of one platform's driver. {@code auto} (and ps's {@code all})
 * means every driver, {@code host} the one this host runs by default (QEMU).
 */
final class MachinePlatform {
    @Option(
            names = {"-p", "--plat"},
            paramLabel = "PLAT",
            completionCandidates = Choices.MachinePlats.class,
            description =
                    "Only machines of this platform: qemu, fc, xen; auto or all (default) for every one, host for this host's (qemu).")
    String plat;

    boolean includes(MachineRecord machine) {
        return chosen().map(p -> !machine.broken() && machine.plat() == p).orElse(true);
    }

    private Optional<Plat> chosen() {
        if (plat == null || plat.equals("auto") || plat.equals("all")) {
            return Optional.empty();
        }
        if (plat.equals("host")) {
            return Optional.of(Plat.QEMU);
        }
        return Optional.of(Plat.parse(plat)
                .orElseThrow(() -> new KraftException(
                        ExitCode.USAGE, "--plat " + plat + ": expected qemu, fc, xen, auto, all or host")));
    }
}
