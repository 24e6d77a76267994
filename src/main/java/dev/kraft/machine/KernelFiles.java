package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** What a kernel file says about itself: its architecture, from the ELF header, and whether it is Unikraft's. */
public final class KernelFiles {
    /** The sections KraftKit takes for the mark of a Unikraft kernel ({@code run/runner_kernel.go}). */
    private static final Set<String> UNIKRAFT_SECTIONS = Set.of(".uk_inittab", ".uk_ctortab", ".uk_thread_inittab");
    /** More section headers or a longer name table than any kernel has: the file is not one. */
    private static final int MAX_SECTIONS = 65_535;

    private static final int MAX_NAMES = 1 << 20;

    private KernelFiles() {}

    /**
     * Whether the ELF file has one of Unikraft's init sections: a program that is not a
     * unikernel ({@code /bin/ls}) is refused before a hypervisor boots it into nothing.
     */
    public static boolean unikraft(Path kernel) {
        try (FileChannel file = FileChannel.open(kernel)) {
            ByteBuffer header = read(file, 0, 64);
            if (header.get(0) != 0x7f || header.get(1) != 'E' || header.get(2) != 'L' || header.get(3) != 'F') {
                return false;
            }
            boolean wide = header.get(4) == 2;
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long sectionsAt = wide ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
            int entrySize = Short.toUnsignedInt(header.getShort(wide ? 0x3a : 0x2e));
            int count = Short.toUnsignedInt(header.getShort(wide ? 0x3c : 0x30));
            int namesIndex = Short.toUnsignedInt(header.getShort(wide ? 0x3e : 0x32));
            if (count == 0 || count > MAX_SECTIONS || namesIndex >= count || entrySize < (wide ? 0x28 : 0x18)) {
                return false;
            }
            ByteBuffer sections = read(file, sectionsAt, entrySize * count).order(header.order());
            long namesAt = offset(sections, namesIndex * entrySize, wide);
            long namesSize = size(sections, namesIndex * entrySize, wide);
            if (namesSize > MAX_NAMES) {
                return false;
            }
            byte[] names = new byte[(int) namesSize];
            read(file, namesAt, names.length).get(names);
            for (int i = 0; i < count; i++) {
                int name = sections.getInt(i * entrySize);
                if (name >= 0 && name < names.length && UNIKRAFT_SECTIONS.contains(cString(names, name))) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long offset(ByteBuffer sections, int at, boolean wide) {
        return wide ? sections.getLong(at + 0x18) : Integer.toUnsignedLong(sections.getInt(at + 0x10));
    }

    private static long size(ByteBuffer sections, int at, boolean wide) {
        return wide ? sections.getLong(at + 0x20) : Integer.toUnsignedLong(sections.getInt(at + 0x14));
    }

    private static ByteBuffer read(FileChannel file, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the file ends at " + (at + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static String cString(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** The architecture from the ELF header (Unikraft's x86_64 multiboot images are ELF32, i386); empty for anything else. */
    public static Optional<Arch> arch(Path kernel) {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(kernel)) {
            if (in.readNBytes(header, 0, header.length) == header.length
                    && header[0] == 0x7f
                    && header[1] == 'E'
                    && header[2] == 'L'
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
