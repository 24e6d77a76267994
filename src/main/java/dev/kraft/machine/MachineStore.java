package dev.kraft.machine;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Machine records: one directory per machine under the store's root ({@code <runtime>/machines}
 * for kraft, any directory for another user of the launcher), with its {@code machine.json}
 * written atomically. Creating a machine takes a lock so two concurrent
 * {@code kraft run --name x} cannot both get the name. Plain files, no database: a run as
 * root cannot lock out later runs as a user (KraftKit #992, #1342). A record that cannot be
 * read is listed as broken, never skipped, so its machine can still be found and removed.
 */
public final class MachineStore {
    private static final String RECORD = "machine.json";
    /** The name a machine's directory is given while it is deleted (see {@link #remove}). */
    private static final String REMOVED = ".removed-";

    private final Path root;
    /** Names and ids need only be unlikely to repeat (both are checked under the lock), not secret. */
    private final Random random = new Random();

    /** @param root the directory that holds one directory per machine */
    public MachineStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public MachinePaths paths(MachineRecord machine) {
        return new MachinePaths(root.resolve(machine.id()));
    }

    /**
     * Writes the record of a new machine, named as asked or with a fresh random name; its
     * directory exists when this returns.
     */
    public MachineRecord create(Optional<String> name, MachineSpec spec, long now) {
        try {
            Files.createDirectories(root);
            try (FileLock lock = FileLock.acquire(root.resolve(".lock"))) {
                List<MachineRecord> existing = list();
                String chosen = name.map(MachineNames::check).orElseGet(() -> freshName(existing));
                if (existing.stream().anyMatch(m -> m.name().equals(chosen))) {
                    throw new KraftException(
                            ExitCode.USAGE,
                            Input.MACHINE_NAME,
                            chosen,
                            "a machine with this name exists; remove it with kraft rm " + chosen);
                }
                String id = freshId(existing);
                Files.createDirectories(root.resolve(id));
                MachineRecord record =
                        MachineRecord.created(id, spec.toBuilder().name(chosen).build(), now);
                save(record);
                return record;
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot create the machine's state in " + root + ": " + e.getMessage(), e);
        }
    }

    public void save(MachineRecord record) {
        try {
            AtomicFiles.write(paths(record).record(), MachineJson.write(record));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot save machine " + record.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves what was learnt about a machine (it ended, it is running after all) when the user
     * may write its record; another user's machine is shown as it is without updating it.
     */
    public void saveIfAllowed(MachineRecord record) {
        try {
            AtomicFiles.write(paths(record).record(), MachineJson.write(record));
        } catch (AccessDeniedException e) {
            // Someone else's machine (root's, seen by a user): its owner's next command records it.
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot save machine " + record.name() + ": " + e.getMessage(), e);
        }
    }

    /** Every machine, oldest first; a record that cannot be read is there as broken, with the reason. */
    public List<MachineRecord> list() {
        List<MachineRecord> records = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return records;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                root, d -> Files.isDirectory(d) && !d.getFileName().toString().startsWith("."))) {
            for (Path dir : dirs) {
                read(dir).ifPresent(records::add);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot list machines in " + root + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparingLong((MachineRecord m) -> m.status().createdAt())
                .thenComparing(MachineRecord::name));
        return records;
    }

    /** A machine by name, or by id or a unique id prefix. */
    public MachineRecord find(String nameOrId) {
        List<MachineRecord> all = list();
        return all.stream()
                .filter(m -> m.name().equals(nameOrId))
                .findFirst()
                .or(() -> {
                    List<MachineRecord> byId = all.stream()
                            .filter(m -> m.id().startsWith(nameOrId))
                            .toList();
                    return byId.size() == 1 ? Optional.of(byId.get(0)) : Optional.empty();
                })
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND, "no machine named " + nameOrId + " (kraft ps -a lists them)"));
    }

    /**
     * Removes the machine's directory. It is first renamed out of the way (to a dot name, which
     * {@link #list} passes over): the supervising shell may still write its last lines there
     * (the console's last note, the exit status) by absolute path just after the hypervisor
     * ended, and those then land nowhere instead of in a tree being deleted.
     */
    public void remove(MachineRecord record) {
        Path dir = paths(record).dir();
        Path removed = root.resolve(REMOVED + dir.getFileName());
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(dir, removed, StandardCopyOption.ATOMIC_MOVE);
            }
            MoreFiles.deleteTree(removed);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot remove machine " + record.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The record in a machine's directory. A directory without one is a machine being created
     * (its record comes under the lock, at once) or the rest of a removal: not a machine.
     */
    private static Optional<MachineRecord> read(Path dir) {
        Path file = dir.resolve(RECORD);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String id = dir.getFileName().toString();
        try {
            MachineRecord record = MachineJson.read(file);
            return Optional.of(
                    record.id().equals(id)
                            ? record
                            : MachineRecord.broken(id, RECORD + " names another machine, " + record.id()));
        } catch (IOException | RuntimeException e) {
            return Optional.of(MachineRecord.broken(id, RECORD + ": " + firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
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
