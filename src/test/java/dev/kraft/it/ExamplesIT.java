package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline examples build and run as their READMEs say. */
class ExamplesIT {
    @TempDir
    Path tmp;

    private Path examples() throws Exception {
        Path copy = tmp.resolve("examples");
        Projects.copy(Path.of("examples").toAbsolutePath(), copy);
        return copy;
    }

    @Test
    void librariesAndKconfigAtEveryLevel() throws Exception {
        Path project = examples().resolve("libraries-kconfig");
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        KraftCli.Result build = kraft.run(project, "build", "--all");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(!build.err().contains("warning"), "every Kconfig value is kept: " + build);
        KraftCli.Result run = kraft.run(project, "run", "-W", "--rm", "-t", "libdemo-loud");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("greeting: the target's value wins"), run::toString);
        assertTrue(
                run.out().indexOf("lib: libextra") < run.out().indexOf("lib: libgreet"),
                "libraries in KraftKit's L= order: " + run);
    }

    @Test
    void rootfsEnvCommandAndPorts() throws Exception {
        Path project = examples().resolve("rootfs-ports");
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        assertEquals(0, kraft.run(project, "build").exit());
        KraftCli.Result run = kraft.run(project, "run", "-W", "-d", "--name", "web", "-p", Ports.free() + ":80");
        assertEquals(0, run.exit(), run::toString);
        try {
            String logs = "";
            for (int i = 0; i < 100 && !logs.contains("running forever"); i++) {
                Thread.sleep(100);
                logs = kraft.run(project, "logs", "web").out();
            }
            assertTrue(
                    logs.contains(
                            "vfs.fstab=[ \"initrd0:/:extract:::\" ] env.vars=[ \"SERVER_NAME=webdemo\" ] -- --port 80"),
                    logs);
            Path initrd;
            try (var dirs = Files.list(kraft.home().resolve(".local/share/kraftkit/runtime/machines"))) {
                initrd = dirs.filter(Files::isDirectory)
                        .findFirst()
                        .orElseThrow()
                        .resolve("initrd.cpio");
            }
            List<String> names = new ArrayList<>();
            try (InputStream in = Files.newInputStream(initrd);
                    CpioArchiveInputStream cpio = new CpioArchiveInputStream(in)) {
                CpioArchiveEntry entry;
                while ((entry = cpio.getNextEntry()) != null) {
                    names.add(entry.getName());
                }
            }
            assertEquals(List.of("./etc", "./etc/motd"), names);
        } finally {
            kraft.run(project, "rm", "-f", "web");
        }
    }
}
