package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kraftfiles as KraftKit's YAML library (yaml.v2) reads them, as the Unikraft catalog writes
 * them: a Kconfig key repeated with its value (library/lua/5.4, nginx/1.15, python/3.10),
 * aliases and merge keys, booleans spelled y and yes.
 */
class KraftfileFidelityIT {
    @TempDir
    Path tmp;

    @Test
    void repeatsAliasesAndMergeKeysPlanAsKraftKitReadsThem() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Files.writeString(project.resolve("Kraftfile"), """
                spec: v0.6
                name: hello
                x-debug: &debug
                  CONFIG_LIBUKDEBUG_PRINTD: yes
                  CONFIG_HELLO_GREETING: "from the anchor"
                unikraft:
                  source: ./core
                  kconfig:
                    CONFIG_LIBUK9P: 'y'
                    <<: *debug
                    CONFIG_HELLO_GREETING: "from the Kraftfile"
                    CONFIG_LIBUK9P: y
                libraries:
                  greet:
                    source: ./libs/greet
                targets:
                  - qemu/x86_64
                """);
        KraftCli.Result plan =
                new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(project, "build", "--dry-run");
        assertEquals(0, plan.exit(), plan::toString);
        assertEquals(1, plan.err().split("warning:", -1).length - 1, plan::toString);
        assertTrue(
                plan.err()
                        .contains(
                                "warning: Kraftfile:12:5: CONFIG_LIBUK9P is set again to the same value (first at 9:5); remove one"),
                plan::toString);
        assertTrue(
                plan.out().contains("CONFIG_LIBUK9P=y")
                        && plan.out().contains("CONFIG_LIBUKDEBUG_PRINTD=y")
                        && plan.out().contains("CONFIG_HELLO_GREETING=\"from the Kraftfile\""),
                plan::toString);
    }
}
