package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.ToolFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void unikraftsGzipFailureNamesTheLibraryTheFileAndItsUrl() throws Exception {
        Path log = Files.writeString(tmp.resolve("build.log"), """
                $ make -C /p/.unikraft/unikraft O=/p/.unikraft/build all
                  WGET    libmusl: https://www.musl-libc.org/releases/musl-1.2.3.tar.gz
                  UNTAR   libmusl: musl-1.2.3.tar.gz
                tar (child): /p/.unikraft/build/libmusl/musl-1.2.3.tar.gz: Cannot open: No such file or directory
                make: *** [Makefile:1132: sub-make] Error 2
                """);
        MissingArchive missing = MissingArchive.in(log).orElseThrow();
        assertEquals(
                new MissingArchive(
                        "libmusl",
                        "musl-1.2.3.tar.gz",
                        Optional.of("https://www.musl-libc.org/releases/musl-1.2.3.tar.gz")),
                missing);
        ToolFailure make =
                new ToolFailure(ExitCode.BUILD_FAILED, "make all failed (exit 2)", List.of("make: *** Error 2"));
        assertEquals(
                List.of("make: *** Error 2"),
                ((ToolFailure) missing.failure(log, make)).output(),
                "make's own lines stay");
        assertEquals(ExitCode.FETCH_FAILED, missing.failure(log, make).exitCode());
        assertTrue(missing.failure(log, make)
                .getMessage()
                .contains("kraft pkg add-archive libmusl PATH/musl-1.2.3.tar.gz"));
    }

    /** A library's Makefile.uk names the file: the command kraft suggests stays one word however it is spelled. */
    @Test
    void theSuggestedCommandQuotesAFileNameTheShellWouldRead() throws Exception {
        Path log = Files.writeString(tmp.resolve("build.log"), """
                $ make all
                tar: /p/.unikraft/build/libevil/x;rm -rf ~;'.tgz: Cannot open: No such file or directory
                """);
        MissingArchive missing = MissingArchive.in(log).orElseThrow();
        String message = missing.failure(log, new ToolFailure(ExitCode.BUILD_FAILED, "make failed", List.of()))
                .getMessage();
        assertTrue(message.contains("kraft pkg add-archive libevil 'PATH/x;rm -rf ~;'\\''.tgz'"), message);
    }

    @Test
    void onlyTheLastRunCounts() throws Exception {
        Path log = Files.writeString(tmp.resolve("build.log"), """
                $ make all
                tar: /b/libx/x-1.tar.gz: Cannot open: No such file or directory
                $ make all
                main.c:3: error: expected ';'
                """);
        assertEquals(Optional.empty(), MissingArchive.in(log));
        assertEquals(Optional.empty(), MissingArchive.in(tmp.resolve("absent.log")));
    }
}
