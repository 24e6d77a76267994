package dev.kraft.cli;

import dev.kraft.server.BuildServer;
import dev.kraft.server.ServerControl;
import dev.kraft.server.ServerDir;
import dev.kraft.support.Durations;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kraft server}: an opt-in resident kraft that bin/kraft hands {@code kraft build} to, so
 * a rebuild costs no JVM start (docs/commands/server.md).
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Run a resident kraft that builds without starting a JVM each time.",
            "",
            "While it runs, bin/kraft sends `kraft build` to it (only build: the other commands are"
                    + " interactive, long-running or rare). It serves one build at a time, with the"
                    + " client's directory, environment and output; anything unusual and bin/kraft runs"
                    + " the build directly. It exits after --idle without builds, and at the first build"
                    + " after its jar changed."
        },
        footer = {"", "Examples:", "  kraft server start", "  kraft server status", "  kraft server stop"})
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    static CommandLine commandLine(Services services) {
        return new CommandLine(new ServerCommand())
                .addSubcommand(new Start(services))
                .addSubcommand(new Status(services))
                .addSubcommand(new Stop(services))
                .addSubcommand(new Run(services));
    }

    private static ServerControl control(Services services) {
        return new ServerControl(ServerDir.of(services.dirs()), services.env());
    }

    /** --idle, of start and run alike. */
    static final class IdleOption {
        @Option(
                names = "--idle",
                paramLabel = "DURATION",
                defaultValue = "1h",
                converter = IdleConverter.class,
                description = "Exit after this long without a build (default: ${DEFAULT-VALUE}).")
        Duration duration;
    }

    /** The idle time: a duration as config.yaml's are written. */
    static final class IdleConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value)
                    .filter(d -> !d.isNegative() && !d.isZero())
                    .orElseThrow(() ->
                            new CommandLine.TypeConversionException("expected a duration such as 30m, 1h or 90s"));
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start the build server in the background; returns once it serves.",
            footer = {"", "Example:", "  kraft server start --idle 30m"})
    static final class Start implements Callable<Integer> {
        private final Services services;

        @Mixin
        IdleOption idle;

        Start(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            ServerControl.Started started = control(services).start(jar(), idle.duration);
            services.console()
                    .info((started.already() ? "a build server already runs" : "build server started")
                            + " (pid " + started.pid() + "); kraft build goes through it; log: "
                            + started.log());
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Say whether the build server runs: pid, since when, builds served (exit 3 when it does not).",
            footer = {"", "Example:", "  kraft server status"})
    static final class Status implements Callable<Integer> {
        private final Services services;

        Status(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            return control(services)
                    .status()
                    .map(state -> {
                        services.env()
                                .out()
                                .println("running: pid " + state.pid() + ", since " + state.since() + ", "
                                        + state.served() + " builds served, jar " + state.jar());
                        return 0;
                    })
                    .orElseGet(() -> {
                        services.env().out().println("not running");
                        return ExitCode.STATE.code();
                    });
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the build server (a build it runs is stopped too).",
            footer = {"", "Example:", "  kraft server stop"})
    static final class Stop implements Callable<Integer> {
        private final Services services;

        Stop(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            services.console()
                    .info(control(services)
                            .stop()
                            .map(pid -> "build server stopped (pid " + pid + ")")
                            .orElse("no build server runs"));
            return 0;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run the build server in the foreground (what start runs in the background).",
            footer = {"", "Example:", "  kraft server run --idle 8h"})
    static final class Run implements Callable<Integer> {
        private final Services services;

        @Mixin
        IdleOption idle;

        Run(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            return new BuildServer(
                            ServerDir.of(services.dirs()),
                            jar(),
                            idle.duration,
                            Kraft::serve,
                            services.env(),
                            services.env().out())
                    .run();
        }
    }

    /** The jar this kraft runs from: what the server runs, and what it watches for change. */
    private static Path jar() {
        try {
            Path location = Path.of(ServerCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (location.toString().endsWith(".jar")) {
                return location.toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Falls through to the refusal below.
        }
        throw new KraftException(ExitCode.STATE, "the build server needs kraft's jar: run it through bin/kraft");
    }
}
