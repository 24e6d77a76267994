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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global symbols the other libraries' objects define weakly and the kernel uses. Unikraft
 * gives some libc functions weak stand-ins (syscall_shim's {@code accept}, {@code getpid}, …
 * that a libc is meant to replace): a kernel linked with every musl object gets musl's strong
 * definition of each, but a trimmed link that finds the weak one never asks musl for it. So the
 * trimming compiles musl's definer of each one that is used, and the kernel calls the same code
 * as an untrimmed one. Used means: some object refers to it undefined (another file, another
 * library, a musl source already chosen), or its own object relocates against it (a call from
 * the same file, or from the same library in Unikraft's per-library objects). A stand-in nothing
 * uses makes no difference to what runs, and a musl helloworld has some 250 of them. A weak
 * reference to a symbol (one that pulls nothing in, and is null when nothing defines it) is
 * left to musl the same way.
 *
 * <p>Read straight from the ELF symbol tables and relocations (32- or 64-bit, either byte order)
 * of the objects under make's outdir (Unikraft's per-file and per-library objects alike),
 * without running {@code nm}. A file that is not an ELF object, or whose tables do not fit inside
 * it, counts for nothing here: at worst a weak stand-in stays in the kernel, as before this check.
 */
final class WeakDefinitions {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_REL = 9;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;
    private static final int SHN_UNDEF = 0;
    private static final long SHF_ALLOC = 0x2;
    /**
     * The largest table read: a build directory a cloned project brought may hold any file, a
     * sparse one claiming gigabytes too. Unikraft's largest per-library objects have symbol
     * tables of a few MiB.
     */
    private static final long MAX_SECTION = 64L << 20;
    /** Kconfig's host tools are built in the outdir too, and are not part of the kernel. */
    private static final String HOST_TOOLS = "kconfig";

    private WeakDefinitions() {}

    /**
     * What one object defines weakly, leaves undefined (weakly: a reference that pulls in nothing,
     * and is null when nothing defines it), and relocates against of its own weak definitions.
     */
    record Symbols(Set<String> weak, Set<String> undefined, Set<String> weakUndefined, Set<String> weakUsedHere) {}

    /**
     * The symbols the objects under {@code outdir} outside the library {@code skipped} leave to it
     * weakly, where an untrimmed kernel would bind that library's definitions: those they define
     * weakly and any object under {@code outdir} (the skipped library's too) uses, and those they
     * refer to weakly.
     */
    static Set<String> replaceable(Path outdir, String skipped) throws IOException {
        Set<String> weak = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        Set<String> weaklyReferred = new TreeSet<>();
        Files.walkFileTree(outdir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return dir.equals(outdir) || !(name.equals(HOST_TOOLS) || name.startsWith("."))
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && name.endsWith(".o")) {
                    Symbols symbols = of(file);
                    boolean ofSkipped = name.startsWith(skipped + ".")
                            || outdir.relativize(file).getName(0).toString().equals(skipped);
                    if (!ofSkipped) {
                        weak.addAll(symbols.weak());
                        weaklyReferred.addAll(symbols.weakUndefined());
                    }
                    used.addAll(symbols.undefined());
                    used.addAll(symbols.weakUndefined());
                    used.addAll(symbols.weakUsedHere());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        weak.retainAll(used);
        weak.addAll(weaklyReferred);
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
            int indexField,
            int relSize,
            int relaSize,
            int relInfoField,
            int relSymbolShift) {
        static final Layout ELF32 = new Layout(0x20, 0x2e, 0x30, 40, 0x10, 0x14, 0x18, 16, 12, 14, 8, 12, 4, 8);
        static final Layout ELF64 = new Layout(0x28, 0x3a, 0x3c, 64, 0x18, 0x20, 0x28, 24, 4, 6, 16, 24, 8, 32);

        long address(ByteBuffer buffer, int at) {
            return this == ELF64 ? buffer.getLong(at) : Integer.toUnsignedLong(buffer.getInt(at));
        }

        /** The symbol a relocation entry refers to, by its index in the symbol table. */
        long relocatedSymbol(ByteBuffer entries, int at) {
            return address(entries, at + relInfoField) >>> relSymbolShift;
        }
    }

    private static final Symbols NOTHING = new Symbols(Set.of(), Set.of(), Set.of(), Set.of());

    /** One object's weak definitions, undefined symbols, and the weak definitions it relocates against. */
    static Symbols of(Path object) throws IOException {
        try (FileChannel channel = FileChannel.open(object, StandardOpenOption.READ)) {
            long length = channel.size();
            ByteBuffer header = read(channel, 0, 64, length);
            if (header == null || header.getInt(0) != 0x7f454c46 || (header.get(4) != 1 && header.get(4) != 2)) {
                return NOTHING;
            }
            Layout layout = header.get(4) == 2 ? Layout.ELF64 : Layout.ELF32;
            ByteOrder order = header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            header.order(order);
            long sectionsAt = layout.address(header, layout.sectionsAt());
            int sectionSize = Short.toUnsignedInt(header.getShort(layout.sectionSize()));
            int sections = Short.toUnsignedInt(header.getShort(layout.sectionCount()));
            ByteBuffer table = sectionSize < layout.minSectionSize()
                    ? null
                    : read(channel, sectionsAt, (long) sectionSize * sections, length);
            if (table == null) {
                return NOTHING;
            }
            table.order(order);
            Sections elf = new Sections(channel, length, layout, table, sectionSize, sections, order);
            for (int i = 0; i < sections; i++) {
                if (elf.type(i) == SHT_SYMTAB) {
                    return elf.symbols(i);
                }
            }
            return NOTHING;
        }
    }

    /** An object's section headers, and what this reads through them. */
    private record Sections(
            FileChannel channel,
            long length,
            Layout layout,
            ByteBuffer table,
            int sectionSize,
            int count,
            ByteOrder order) {

        int type(int section) {
            return table.getInt(section * sectionSize + 4);
        }

        int link(int section) {
            return table.getInt(section * sectionSize + layout.linkField());
        }

        /**
         * Whether the section a relocation section applies to ({@code sh_info}, just after
         * {@code sh_link}) is part of the kernel's image: debug info refers to every function too,
         * and its relocations are most of an object at {@code -g3}.
         */
        boolean relocatesLoaded(int relocations) {
            int target = table.getInt(relocations * sectionSize + layout.linkField() + 4);
            return target > 0 && target < count && (layout.address(table, target * sectionSize + 8) & SHF_ALLOC) != 0;
        }

        ByteBuffer contents(int section) throws IOException {
            int at = section * sectionSize;
            ByteBuffer contents = read(
                    channel,
                    layout.address(table, at + layout.offsetField()),
                    layout.address(table, at + layout.sizeField()),
                    length);
            return contents == null ? null : contents.order(order);
        }

        /** The symbol table at {@code symtab}: its weak and undefined names, and its weak ones some relocation names. */
        Symbols symbols(int symtab) throws IOException {
            int link = link(symtab);
            ByteBuffer symbols = contents(symtab);
            ByteBuffer strings = link < 0 || link >= count ? null : contents(link);
            if (symbols == null || strings == null) {
                return NOTHING;
            }
            Map<Long, String> weakByIndex = new HashMap<>();
            Set<String> undefined = new TreeSet<>();
            Set<String> weakUndefined = new TreeSet<>();
            for (int s = 0; s + layout.symbolSize() <= symbols.capacity(); s += layout.symbolSize()) {
                int binding = Byte.toUnsignedInt(symbols.get(s + layout.infoField())) >> 4;
                boolean defined = Short.toUnsignedInt(symbols.getShort(s + layout.indexField())) != SHN_UNDEF;
                Optional<String> name = name(strings, symbols.getInt(s));
                if (name.isEmpty()) {
                    continue;
                }
                if (binding == STB_WEAK && defined) {
                    weakByIndex.put((long) (s / layout.symbolSize()), name.get());
                } else if (!defined && binding == STB_WEAK) {
                    weakUndefined.add(name.get());
                } else if (!defined && binding == STB_GLOBAL) {
                    undefined.add(name.get());
                }
            }
            Set<String> weakUsedHere = new TreeSet<>();
            for (int i = 0; i < count && !weakByIndex.isEmpty(); i++) {
                int type = type(i);
                if ((type != SHT_RELA && type != SHT_REL) || link(i) != symtab || !relocatesLoaded(i)) {
                    continue;
                }
                int entrySize = type == SHT_RELA ? layout.relaSize() : layout.relSize();
                ByteBuffer entries = contents(i);
                for (int e = 0; entries != null && e + entrySize <= entries.capacity(); e += entrySize) {
                    String weak = weakByIndex.get(layout.relocatedSymbol(entries, e));
                    if (weak != null) {
                        weakUsedHere.add(weak);
                    }
                }
            }
            return new Symbols(new TreeSet<>(weakByIndex.values()), undefined, weakUndefined, weakUsedHere);
        }
    }

    /** {@code size} bytes at {@code offset}, or null when they do not lie inside the file. */
    private static ByteBuffer read(FileChannel channel, long offset, long size, long length) throws IOException {
        if (offset < 0 || size < 0 || size > MAX_SECTION || offset > length - size) {
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
