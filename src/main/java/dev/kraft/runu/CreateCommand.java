package dev.kraft.runu;

import dev.kraft.runtime.Bundle;
import dev.kraft.runtime.Container;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code create}: reads the bundle, creates the machine and leaves the container's init process
 * waiting for {@code start}, its PID in {@code --pid-file}. Its stdio are the container's: the
 * guest's console will go there.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create a container from a bundle: its unikernel ready to start.")
final class CreateCommand implements Callable<Integer> {
    private final RunuServices services;

    @Option(
            names = {"-b", "--bundle"},
            paramLabel = "DIR",
            defaultValue = ".",
            description = "The bundle: config.json and the root filesystem.")
    Path bundle;

    @Option(
            names = "--pid-file",
            paramLabel = "FILE",
            description = "Write the PID of the container's init process here.")
    Path pidFile;

    @Option(
            names = "--console-socket",
            paramLabel = "SOCKET",
            description = "Refused: a unikernel's console is its serial port, not a terminal.")
    Path consoleSocket;

    @Option(names = "--no-pivot", description = "Accepted for runc's sake; nothing is pivoted.")
    boolean noPivot;

    @Option(names = "--no-new-keyring", description = "Accepted for runc's sake; no keyring is made.")
    boolean noNewKeyring;

    @Option(
            names = "--preserve-fds",
            paramLabel = "N",
            description = "Accepted for runc's sake; the guest gets no file descriptors.")
    int preserveFds;

    @Parameters(paramLabel = "ID", description = "The container's id.")
    String id;

    CreateCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (consoleSocket != null) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "--console-socket: kraft-runu cannot give a unikernel a terminal (its console is a serial "
                            + "port); run the container without one (no ctr -t, no tty: true in the pod spec)");
        }
        Bundle read = Bundle.read(services.env().resolve(bundle.toString()));
        Container container = services.runtime()
                .create(
                        id,
                        read,
                        Optional.ofNullable(pidFile).map(p -> services.env().resolve(p.toString())));
        services.console()
                .debug("created container " + id + " (init process "
                        + container.init().pid() + ")");
        return 0;
    }
}
