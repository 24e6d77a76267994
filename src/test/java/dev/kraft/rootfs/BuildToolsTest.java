package dev.kraft.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.pkg.oci.ContainerImages;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import dev.kraft.unikraft.Arch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines buildah and buildctl get for KraftKit's build switches, and the secrets' syntax. */
class BuildToolsTest {
    @TempDir
    Path dir;

    private final DockerfileBuild build = new DockerfileBuild(
            Path.of("/p/sub/Dockerfile.rootfs"),
            Path.of("/p"),
            ContainerImages.Platform.linux(Arch.X86_64),
            Map.of("B", "2", "A", "1"),
            Optional.of("final"),
            List.of(BuildSecret.parse("id=token,src=token.txt", Path.of("/p"))),
            Path.of("/p/.unikraft/build/initramfs-x86_64.cpio.log"));

    @Test
    void buildahBuildsInKrafsStorageWithChrootAndVfsUnlessTheUserSaysOtherwise() {
        Buildah buildah = new Buildah(
                tools(Map.of()), Map.of(), dir, Set.of("registry.lan:5000"), Optional.of(Path.of("/c/auth.json")));
        assertEquals(
                List.of(
                        "buildah",
                        "--root",
                        dir.resolve("storage").toString(),
                        "--runroot",
                        dir.resolve("run").toString(),
                        "--storage-driver",
                        "vfs",
                        "bud",
                        "--iidfile",
                        "/x.iid",
                        "--platform",
                        "linux/amd64",
                        "-f",
                        "/p/sub/Dockerfile.rootfs",
                        "--target",
                        "final",
                        "--build-arg",
                        "A=1",
                        "--build-arg",
                        "B=2",
                        "--secret",
                        "id=token,src=/p/token.txt",
                        "--authfile",
                        "/c/auth.json",
                        "/p"),
                buildah.bud(build, Path.of("/x.iid")));
        Map<String, String> overrides = buildah.overrides();
        assertEquals("chroot", overrides.get("BUILDAH_ISOLATION"));
        assertEquals(dir.resolve("registries.conf").toString(), overrides.get("CONTAINERS_REGISTRIES_CONF"));
        String conf = buildah.registriesConf();
        assertTrue(conf.contains("unqualified-search-registries = [\"docker.io\"]"), conf);
        for (String host : List.of("127.0.0.1", "localhost", "registry.lan:5000")) {
            assertTrue(conf.contains("[[registry]]\nlocation = \"" + host + "\"\ninsecure = true\n"), conf);
        }

        Buildah theirs = new Buildah(
                tools(Map.of()),
                Map.of(
                        "STORAGE_DRIVER",
                        "overlay",
                        "BUILDAH_ISOLATION",
                        "oci",
                        "CONTAINERS_REGISTRIES_CONF",
                        "/etc/mine.conf"),
                dir,
                Set.of(),
                Optional.empty());
        assertEquals(
                List.of(
                        "buildah",
                        "--root",
                        dir.resolve("storage").toString(),
                        "--runroot",
                        dir.resolve("run").toString()),
                theirs.global());
        assertEquals(Map.of(), theirs.overrides());
    }

    @Test
    void buildctlGetsKraftKitsFrontendAttributes() {
        assertEquals(
                List.of(
                        "buildctl",
                        "--addr",
                        "tcp://127.0.0.1:1234",
                        "build",
                        "--frontend",
                        "dockerfile.v0",
                        "--local",
                        "context=/p",
                        "--local",
                        "dockerfile=/p/sub",
                        "--opt",
                        "filename=Dockerfile.rootfs",
                        "--opt",
                        "platform=linux/amd64",
                        "--opt",
                        "target=final",
                        "--opt",
                        "build-arg:A=1",
                        "--opt",
                        "build-arg:B=2",
                        "--secret",
                        "id=token,src=/p/token.txt",
                        "--output",
                        "type=oci,dest=/o.tar"),
                new BuildKit(tools(Map.of()), "tcp://127.0.0.1:1234").argv(build, Path.of("/o.tar")));
    }

    @Test
    void aMissingBuilderSaysHowToInstallItOnThisDistribution() throws IOException {
        Path osRelease = Files.writeString(dir.resolve("os-release"), "NAME=\"Alpine Linux\"\nID=alpine\n");
        Map<String, String> env = Map.of("PATH", dir.toString(), "KRAFT_OS_RELEASE", osRelease.toString());
        Buildah buildah = new Buildah(tools(env), env, dir, Set.of(), Optional.empty());
        KraftException e = assertThrows(KraftException.class, () -> buildah.build(build, dir.resolve("layout")));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals(
                "buildah is not installed; it builds Dockerfile root filesystems: install it with apk add buildah",
                e.getMessage());
    }

    @Test
    void secretsReadLikeBuildctls() {
        assertEquals(
                "id=npm,env=NPM_TOKEN",
                BuildSecret.parse("type=env,id=npm,env=NPM_TOKEN", dir).argument());
        assertEquals(
                "id=NPM_TOKEN,env=NPM_TOKEN",
                BuildSecret.parse("type=env,src=NPM_TOKEN", dir).argument());
        assertEquals(
                "id=key,src=" + dir.resolve("key"),
                BuildSecret.parse("source=key", dir).argument());
        KraftException bad = assertThrows(KraftException.class, () -> BuildSecret.parse("id=x,colour=blue", dir));
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertEquals(
                "--build-secret id=x,colour=blue: unknown key \"colour\" (expected id=ID,src=FILE or type=env,id=ID,env=VARIABLE)",
                bad.getMessage());
        assertThrows(KraftException.class, () -> BuildSecret.parse("type=ssh,id=x,src=y", dir));
        assertThrows(KraftException.class, () -> BuildSecret.parse("id=x", dir));
    }

    private static ToolRun tools(Map<String, String> env) {
        Console console = new Console(
                LogType.BASIC,
                LogLevel.INFO,
                false,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        return new ToolRun(new Processes(env), console, env);
    }
}
