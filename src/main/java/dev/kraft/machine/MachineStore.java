package dev.kraft.machine;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Machine records: one directory per machine under {@code <runtime>/machines/<id>/}, with its
 * {@code machine.json} written atomically. Creating a machine takes a lock so two concurrent
 * {@code kraft run --name x} cannot both get the name. Plain files, no database: a run as
 * root cannot lock out later runs as a user (KraftKit #992, #1342).
 */
public final class MachineStore {
    private final Path root;
    /** Names and ids need only be unlikely to repeat (both are checked under the lock), not secret. */
    private final Random random = new Random();

    public MachineStore(Path runtimeDir) {
        this.root = runtimeDir.resolve("machines");
    }

    public MachinePaths paths(MachineRecord machine) {
        return new MachinePaths(root.resolve(machine.id()));
    }

    /**
     * Creates the record of a new machine, named as asked or with a fresh random name.
     *
     * @param spec builds the spec once the name and the machine's directory are known
     */
    public MachineRecord create(Optional<String> name, java.util.function.BiFunction<String, MachinePaths, MachineSpec> spec, long now) {
        try {
            Files.createDirectories(root);
            try (FileLock lock = FileLock.acquire(root.resolve(".lock"))) {
                List<MachineRecord> existing = list();
                String chosen = name.orElseGet(() -> freshName(existing));
                if (existing.stream().anyMatch(m -> m.name().equals(chosen))) {
                    throw new KraftException(ExitCode.USAGE, "--name " + chosen + ": a machine with this name exists; remove it with kraft rm " + chosen);
                }
                String id = freshId(existing);
                Path dir = Files.createDirectories(root.resolve(id));
                try {
                    MachineRecord record = MachineRecord.created(id, spec.apply(chosen, new MachinePaths(dir)), now);
                    save(record);
                    return record;
                } catch (RuntimeException e) {
                    MoreFiles.deleteTree(dir);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot create the machine's state in " + root + ": " + e.getMessage(), e);
        }
    }

    public void save(MachineRecord record) {
        try {
            AtomicFiles.write(paths(record).record(), MachineJson.write(record));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot save machine " + record.name() + ": " + e.getMessage(), e);
        }
    }

    /** Every machine, oldest first. Records that cannot be read are skipped, not fatal. */
    public List<MachineRecord> list() {
        List<MachineRecord> records = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return records;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                Path file = dir.resolve("machine.json");
                if (Files.isRegularFile(file)) {
                    try {
                        records.add(MachineJson.read(file));
                    } catch (IOException | RuntimeException e) {
                        // A record from a newer kraft or a damaged file: leave it for kraft rm.
                    }
                }
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot list machines in " + root + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparingLong(MachineRecord::createdAt).thenComparing(MachineRecord::name));
        return records;
    }

    /** A machine by name, or by id or a unique id prefix. */
    public MachineRecord find(String nameOrId) {
        List<MachineRecord> all = list();
        return all.stream().filter(m -> m.name().equals(nameOrId)).findFirst()
                .or(() -> {
                    List<MachineRecord> byId = all.stream().filter(m -> m.id().startsWith(nameOrId)).toList();
                    return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
                })
                .orElseThrow(notFound(nameOrId));
    }

    public void remove(MachineRecord record) {
        try {
            MoreFiles.deleteTree(paths(record).dir());
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove machine " + record.name() + ": " + e.getMessage(), e);
        }
    }

    private static Supplier<KraftException> notFound(String nameOrId) {
        return () -> new KraftException(ExitCode.NOT_FOUND, "no machine named " + nameOrId + " (kraft ps -a lists them)");
    }

    private String freshId(List<MachineRecord> existing) {
        while (true) {
            byte[] bytes = new byte[6];
            random.nextBytes(bytes);
            String candidate = HexFormat.of().formatHex(bytes);
            if (existing.stream().noneMatch(m -> m.id().equals(candidate)) && !Files.exists(root.resolve(candidate))) {
                return candidate;
            }
        }
    }

    private String freshName(List<MachineRecord> existing) {
        while (true) {
            String candidate = MachineNames.random(random);
            if (existing.stream().noneMatch(m -> m.name().equals(candidate))) {
                return candidate;
            }
        }
    }
}
