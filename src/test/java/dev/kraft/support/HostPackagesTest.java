package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install command for a missing program, per distribution family as install.sh tells them apart. */
class HostPackagesTest {
    @TempDir
    Path tmp;

    private String advice(String program, String osRelease) throws IOException {
        Path file = Files.writeString(tmp.resolve("os-release"), osRelease);
        return HostPackages.advice(program, Map.of("KRAFT_OS_RELEASE", file.toString()));
    }

    @Test
    void eachFamilyGetsItsOwnCommandAndPackage() throws IOException {
        assertEquals("install it with apt-get install make", advice("make", "ID=debian\nVERSION_ID=\"12\"\n"));
        assertEquals("install it with dnf install make", advice("make", "ID=\"fedora\"\n"));
        assertEquals("install it with pacman -S python", advice("python3", "ID=arch\n"));
        assertEquals(
                "install it with zypper install qemu-x86",
                advice("qemu-system-x86_64", "ID=\"opensuse-tumbleweed\"\n"));
        assertEquals("install it with apk add qemu-system-x86_64", advice("qemu-system-x86_64", "ID=alpine\n"));
        assertEquals("install it with apt-get install binutils", advice("ld", "ID=ubuntu\n"));
    }

    @Test
    void aRelativeIsFoundThroughIdLike() throws IOException {
        assertEquals("install it with dnf install make", advice("make", "ID=rocky\nID_LIKE=\"rhel centos fedora\"\n"));
        assertEquals("install it with apt-get install make", advice("make", "ID=pop\nID_LIKE='ubuntu debian'\n"));
    }

    @Test
    void anUnknownDistributionGetsDebiansCommandAsAnExampleAndAnUnknownProgramNoPackage() throws IOException {
        assertEquals(
                "install it with apt-get install make (Debian, Ubuntu; the like elsewhere)",
                advice("make", "ID=nixos\n"));
        assertEquals("install it with the system's package manager", advice("frobnicate", "ID=debian\n"));
        assertEquals(
                "install it with apt-get install make (Debian, Ubuntu; the like elsewhere)",
                HostPackages.advice(
                        "make", Map.of("KRAFT_OS_RELEASE", tmp.resolve("none").toString())));
    }
}
