package dev.kraft.builder.musl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global symbols the other libraries' objects define weakly. Unikraft gives some libc
 * functions weak stand-ins (syscall_shim's {@code accept}, {@code getpid}, … that a libc is meant
 * to replace): a kernel linked with every musl object gets musl's strong definition of each, but a
 * trimmed link that finds the weak one never asks musl for it. So the trimming compiles musl's
 * definer of each of these too, and the kernel calls the same code as an untrimmed one.
 *
 * <p>Read straight from the ELF symbol tables (32- or 64-bit, either byte order) of the objects
 * under make's outdir (Unikraft's per-file and per-library objects alike), without running
 * {@code nm}. A file that is not an ELF object, or whose tables do not fit inside it, defines
 * nothing here: at worst a weak stand-in stays in the kernel, as before this check.
 */
final class WeakDefinitions {
    private static final int SHT_SYMTAB = 2;
    private static final int STB_WEAK = 2;
    private static final int SHN_UNDEF = 0;
    /** Kconfig's host tools are built in the outdir too, and are not part of the kernel. */
    private static final String HOST_TOOLS = "kconfig";

    private WeakDefinitions() {}

    /** The symbols defined weakly by objects under {@code outdir}, except those of the library {@code skipped}. */
    static Set<String> in(Path outdir, String skipped) throws IOException {
        Set<String> weak = new TreeSet<>();
        Files.walkFileTree(outdir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return dir.equals(outdir) || !(name.equals(skipped) || name.equals(HOST_TOOLS) || name.startsWith("."))
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && name.endsWith(".o") && !name.startsWith(skipped + ".")) {
                    weak.addAll(of(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return weak;
    }

    /** Where ELF32 and ELF64 keep what this reads: the header's, a section header's and a symbol's fields. */
    private record Layout(
            int sectionsAt,
            int sectionSize,
            int sectionCount,
            int minSectionSize,
            int offsetField,
            int sizeField,
            int linkField,
            int symbolSize,
            int infoField,
            int indexField) {
        static final Layout ELF32 = new Layout(0x20, 0x2e, 0x30, 40, 0x10, 0x14, 0x18, 16, 12, 14);
        static final Layout ELF64 = new Layout(0x28, 0x3a, 0x3c, 64, 0x18, 0x20, 0x28, 24, 4, 6);

        long address(ByteBuffer buffer, int at) {
            return this == ELF64 ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
        }
    }

    /** The weak definitions in one object's symbol table. */
    static Set<String> of(Path object) throws IOException {
        Set<String> weak = new TreeSet<>();
        try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
            long length = channel.size();
            ByteBuffer header = read(channel, 0, 64, length);
            if (header == null || header.getInt(0) != 0x7f454c46 || (header.get(4) != 1 && header.get(4) != 2)) {
                return weak;
            }
            Layout layout = header.get(4) == 2 ? Layout.ELF64 : Layout.ELF32;
            ByteOrder order = header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            header.order(order);
            long sectionsAt = layout.address(header, layout.sectionsAt());
            int sectionSize = Short.toUnsignedInt(header.getShort(layout.sectionSize()));
            int sections = Short.toUnsignedInt(header.getShort(layout.sectionCount()));
            if (sectionSize < layout.minSectionSize()) {
                return weak;
            }
            ByteBuffer table = read(channel, sectionsAt, (long) sectionSize * sections, length);
            if (table == null) {
                return weak;
            }
            table.order(order);
            for (int i = 0; i < sections; i++) {
                int at = i * sectionSize;
                if (table.getInt(at + 4) != SHT_SYMTAB) {
                    continue;
                }
                int link = table.getInt(at + layout.linkField());
                if (link < 0 || link >= sections) {
                    return weak;
                }
                int stringsAt = link * sectionSize;
                ByteBuffer symbols = read(
                        channel,
                        layout.address(table, at + layout.offsetField()),
                        layout.address(table, at + layout.sizeField()),
                        length);
                ByteBuffer strings = read(
                        channel,
                        layout.address(table, stringsAt + layout.offsetField()),
                        layout.address(table, stringsAt + layout.sizeField()),
                        length);
                if (symbols == null || strings == null) {
                    return weak;
                }
                symbols.order(order);
                for (int s = 0; s + layout.symbolSize() <= symbols.capacity(); s += layout.symbolSize()) {
                    int binding = Byte.toUnsignedInt(symbols.get(s + layout.infoField())) >> 4;
                    if (binding == STB_WEAK
                            && Short.toUnsignedInt(symbols.getShort(s + layout.indexField())) != SHN_UNDEF) {
                        name(strings, symbols.getInt(s)).ifPresent(weak::add);
                    }
                }
            }
        }
        return weak;
    }

    /** {@code size} bytes at {@code offset}, or null when they do not lie inside the file. */
    private static ByteBuffer read(FileChannel channel, long offset, long size, long length) throws IOException {
        if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || offset > length - size) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        int read;
        do {
            read = channel.read(buffer, offset + buffer.position());
        } while (read > 0 && buffer.hasRemaining());
        return buffer.hasRemaining() ? null : buffer.clear();
    }

    private static Optional<String> name(ByteBuffer strings, int at) {
        if (at <= 0 || at >= strings.capacity()) {
            return Optional.empty();
        }
        int end = at;
        while (end < strings.capacity() && strings.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        strings.get(at, bytes);
        return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
