package dev.kraft.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest file kraft takes for a Unikraft kernel: an ELF64 header for the machine asked,
 * and section headers naming {@code .uk_inittab}, the section KraftKit and kraft look for. It
 * boots nothing; tests give it to fake hypervisors.
 */
public final class UnikraftElf {
    private UnikraftElf() {}

    /** @param machine ELF's e_machine: 62 x86_64, 183 arm64, 40 arm */
    public static Path write(Path file, int machine) throws IOException {
        byte[] names = "\0.shstrtab\0.uk_inittab\0".getBytes(StandardCharsets.US_ASCII);
        int sectionsAt = 64 + names.length;
        ByteBuffer elf = ByteBuffer.allocate(sectionsAt + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        elf.putShort(16, (short) 2).putShort(18, (short) machine).putInt(20, 1);
        elf.putLong(0x28, sectionsAt)
                .putShort(0x34, (short) 64)
                .putShort(0x3a, (short) 64)
                .putShort(0x3c, (short) 3)
                .putShort(0x3e, (short) 1);
        elf.position(64);
        elf.put(names);
        section(elf, sectionsAt + 64, 1, 3, 64, names.length);
        section(elf, sectionsAt + 128, 11, 1, 0, 0);
        return Files.write(file, elf.array());
    }

    private static void section(ByteBuffer elf, int at, int name, int type, long offset, long size) {
        elf.putInt(at, name).putInt(at + 4, type).putLong(at + 0x18, offset).putLong(at + 0x20, size);
    }
}
