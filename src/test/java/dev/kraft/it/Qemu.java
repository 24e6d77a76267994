package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Boots a kernel under QEMU (TCG: these machines have no KVM) and returns its serial output. */
final class Qemu {
    private Qemu() {}

    static KraftCli.Result boot(Path kernel, Path scratch, String append) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(
                "qemu-system-x86_64",
                "-machine",
                "pc",
                "-cpu",
                "max",
                "-m",
                "64M",
                "-nographic",
                "-nodefaults",
                "-serial",
                "stdio",
                "-no-reboot",
                "-device",
                "isa-debug-exit,iobase=0x501,iosize=2",
                "-kernel",
                kernel.toString()));
        if (!append.isEmpty()) {
            argv.add("-append");
            argv.add(append);
        }
        return KraftCli.Result.of(argv, scratch, Map.of("PATH", System.getenv("PATH")), scratch, 60);
    }
}
