package dev.kraft.support;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a local TCP port is free, and if not, who holds it: the socket's inode from
 * /proc/net/tcp, then the process whose descriptors include that socket (as {@code ss -p}
 * finds it). Linux only; elsewhere the owner is just unknown.
 */
public final class PortOwner {
    private PortOwner() {}

    /** Why the address cannot be bound, or empty when it is free. */
    public static Optional<String> problem(String ip, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of(
                    String.valueOf(e.getMessage()).contains("in use")
                            ? ip + ":" + port + " is in use by " + owner(port).orElse("another program")
                            : "cannot listen on " + ip + ":" + port + " (" + e.getMessage() + "); is " + ip
                                    + " an address of this host?");
        } catch (IOException e) {
            return Optional.of("cannot listen on " + ip + ":" + port + ": " + e.getMessage());
        }
    }

    /** "pid 1234 (python3)", when it can be found. */
    public static Optional<String> owner(int port) {
        Optional<String> inode = inode(Path.of("/proc/net/tcp"), port).or(() -> inode(Path.of("/proc/net/tcp6"), port));
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String socket = "socket:[" + inode.get() + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holds(process, socket)) {
                    String name = Files.readString(process.resolve("comm")).strip();
                    return Optional.of("pid " + process.getFileName() + " (" + name + ")");
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path process, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                        return true;
                    }
                } catch (IOException e) {
                    // The descriptor closed while we looked.
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    /** The inode of a listening socket on the port, from a /proc/net/tcp table. */
    private static Optional<String> inode(Path table, int port) {
        String hexPort = String.format(":%04X", port).toUpperCase(Locale.ROOT);
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    return Optional.of(fields[9]);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
