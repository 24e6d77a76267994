package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kraft lib add/remove and kraft set/unset edit the Kraftfile, keep its comments, and the build follows. */
class LibIT {
    private static final List<String> COMMENTS = List.of(
            "# hello, with comments", "# the core, in place", "# greets the world", "# compiled in", "# where it runs");

    @TempDir
    Path tmp;

    @Test
    void addsSetsUnsetsAndRemovesKeepingComments() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("spec: v0.6\n", "# hello, with comments\nspec: v0.6\n")
                        .replace("unikraft:\n", "# the core, in place\nunikraft:\n")
                        .replace("  greet:\n", "  # greets the world\n  greet:\n")
                        .replace("  kconfig:\n", "  kconfig:  # compiled in\n")
                        .replace("targets:\n", "# where it runs\ntargets:\n"));
        String original = Files.readString(kraftfile);
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));

        KraftCli.Result add = kraft.run(project, "lib", "add", "libs/extra");
        assertEquals(0, add.exit(), add::toString);
        String added = Files.readString(kraftfile);
        assertTrue(added.contains("    source: ./libs/greet\n  extra:\n    source: ./libs/extra\n"), added);
        KraftCli.Result twice = kraft.run(project, "lib", "add", "libs/extra");
        assertEquals(2, twice.exit(), twice::toString);

        KraftCli.Result set = kraft.run(project, "set", "CONFIG_HELLO_GREETING=from set");
        assertEquals(0, set.exit(), set::toString);
        assertTrue(Files.readString(kraftfile).contains("    CONFIG_HELLO_GREETING: 'from set'\n"));

        KraftCli.Result build = kraft.run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertTrue(boot.out().contains("lib: libextra"), boot::toString);
        assertTrue(boot.out().contains("greeting: from set"), boot::toString);

        KraftCli.Result unset = kraft.run(project, "unset", "CONFIG_HELLO_GREETING");
        assertEquals(0, unset.exit(), unset::toString);
        assertFalse(Files.readString(kraftfile).contains("CONFIG_HELLO_GREETING"));
        KraftCli.Result remove = kraft.run(project, "lib", "remove", "extra");
        assertEquals(0, remove.exit(), remove::toString);
        KraftCli.Result unknown = kraft.run(project, "lib", "rm", "extra");
        assertEquals(6, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("library \"extra\" is not in the Kraftfile"), unknown::toString);

        String after = Files.readString(kraftfile);
        COMMENTS.forEach(comment -> assertTrue(after.contains(comment), comment + " kept in:\n" + after));
        assertEquals(
                original.replace("    CONFIG_HELLO_GREETING: \"hi from the Kraftfile\"\n", ""),
                after,
                "only the unset line is gone");
    }
}
