package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a kernel file says about itself: its architecture, from the ELF header. */
public final class KernelFiles {
    private KernelFiles() {
    }

    /** The architecture from the ELF header (Unikraft's x86_64 multiboot images are ELF32, i386); empty for anything else. */
    public static Optional<Arch> arch(Path kernel) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(kernel)) {
            if (in.readNBytes(header, 0, header.length) == header.length && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L'
                    && header[3] == 'F') {
                int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
                return switch (machine) {
                    case 3, 62 -> Optional.of(Arch.X86_64);
                    case 183 -> Optional.of(Arch.ARM64);
                    case 40 -> Optional.of(Arch.ARM);
                    default -> Optional.empty();
                };
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new KraftException(ExitCode.NOT_FOUND, "cannot read kernel " + kernel + ": " + e.getMessage(), e);
        }
    }
}
