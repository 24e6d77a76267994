package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unikernels as OCI images against real registries: Debian's docker-registry (CNCF
 * distribution) on a free 127.0.0.1 port with its own config, plain and with TLS and htpasswd,
 * checked with skopeo; images booted with QEMU under TCG.
 */
class OciIT {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @TempDir
    static Path shared;

    static Path hello;
    static Path twoTargets;

    @TempDir
    Path tmp;

    KraftCli kraft;
    final List<Process> registries = new ArrayList<>();

    @BeforeAll
    static void toolsAndKernels() throws Exception {
        SystemPackages.installIfMissing(Map.of(
                "docker-registry",
                "docker-registry",
                "skopeo",
                "skopeo",
                "htpasswd",
                "apache2-utils",
                "openssl",
                "openssl"));
        KraftCli builder = new KraftCli(Files.createDirectories(shared.resolve("home")));
        hello = Projects.copyHelloLocal(Files.createDirectories(shared.resolve("hello")));
        twoTargets = Projects.copyHelloLocal(Files.createDirectories(shared.resolve("two")));
        Path kraftfile = twoTargets.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("  - qemu/x86_64\n", """
                  - plat: qemu
                    arch: x86_64
                    kconfig:
                      CONFIG_HELLO_GREETING: "the qemu flavour"
                  - plat: fc
                    arch: x86_64
                    kconfig:
                      CONFIG_HELLO_GREETING: "the fc flavour"
                """));
        assertEquals(0, builder.run(hello, "build").exit());
        KraftCli.Result both = builder.run(twoTargets, "build", "--all");
        assertEquals(0, both.exit(), both::toString);
        assertTrue(Files.isRegularFile(twoTargets.resolve(".unikraft/build/hello_fc-x86_64")), both::toString);
    }

    @BeforeEach
    void home() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        // No package index is wanted here: kraft pkg ls must not go looking for one on the network.
        Files.createDirectories(kraft.home().resolve(".config/kraftkit"));
    }

    @AfterEach
    void stopRegistries() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
        for (Process registry : registries) {
            Registry.stop(registry);
        }
    }

    @Test
    void packagePushRemoveAndRunFromTheRegistry() throws Exception {
        String ref = startRegistry(false) + "/hello:1";
        KraftCli.Result first = kraft.run(hello, "pkg", "--name", ref);
        assertEquals(0, first.exit(), first::toString);
        KraftCli.Result second = kraft.run(hello, "pkg", "--name", ref);
        assertEquals(digest(first.out()), digest(second.out()), "packaging twice gives the same digest");
        assertTrue(second.err().contains("packaged " + ref + " (qemu/x86_64)"), second::toString);

        KraftCli.Result push = kraft.run(tmp, "pkg", "push", ref);
        assertEquals(0, push.exit(), push::toString);
        byte[] raw = skopeoRaw(ref);
        assertEquals(digest(first.out()), sha256(raw), "the registry holds the very bytes kraft wrote");
        String index = new String(raw, StandardCharsets.UTF_8);
        assertTrue(index.contains("\"sh.kraftkit.version\"") && index.contains("\"os\":\"qemu\""), index);

        KraftCli.Result ls = kraft.with("KRAFTKIT_OFFLINE", "1").run(tmp, "pkg", "ls");
        assertTrue(ls.out().contains(ref.replace(":1", "")) && ls.out().contains("qemu/x86_64"), ls::toString);
        KraftCli.Result remove = kraft.run(tmp, "pkg", "remove", ref);
        assertEquals(0, remove.exit(), remove::toString);
        assertEquals(List.of(), blobs(), "nothing of the image is left locally");
        kraft.with("KRAFTKIT_OFFLINE", "");

        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", ref);
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Hello from hello"), run::toString);
        assertTrue(run.err().contains("pulling " + ref), run::toString);
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
    }

    /**
     * {@code kraft run nginx:1.25} as KraftKit reads it: a short name is in the default registry,
     * here a real one on loopback set as {@code oci.default_registry}; from an empty store the run
     * pulls the image from there and boots it.
     */
    @Test
    void aShortNameIsInTheDefaultRegistryFromAnEmptyStore() throws Exception {
        String host = startRegistry(false);
        Files.writeString(
                kraft.home().resolve(".config/kraftkit/config.yaml"), "oci:\n  default_registry: " + host + "\n");
        KraftCli.Result pkg = kraft.run(hello, "pkg", "--name", "nginx:1.25", "--push");
        assertEquals(0, pkg.exit(), pkg::toString);
        assertTrue(pkg.err().contains("pushed " + host + "/nginx:1.25"), pkg::toString);
        assertTrue(skopeoRaw(host + "/nginx:1.25").length > 0, "the registry has it under the short name's tag");
        KraftCli.Result remove = kraft.run(tmp, "pkg", "rm", "nginx:1.25");
        assertEquals(0, remove.exit(), remove::toString);
        assertEquals(List.of(), blobs(), "the store is empty");

        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", "nginx:1.25");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().contains("pulling " + host + "/nginx:1.25"), run::toString);
        assertTrue(run.out().contains("Hello from hello"), run::toString);
    }

    @Test
    void aRegistryKilledDuringAPushGivesACleanErrorAndARetrySucceeds() throws Exception {
        String host = startRegistry(false);
        String ref = host + "/big:1";
        Path rootfs = Files.createDirectories(tmp.resolve("big"));
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (var out = Files.newOutputStream(rootfs.resolve("noise"))) {
            for (int i = 0; i < 192; i++) {
                out.write(chunk);
            }
        }
        KraftCli.Result packaged = kraft.run(hello, "pkg", "--name", ref, "--rootfs", rootfs.toString());
        assertEquals(0, packaged.exit(), packaged::toString);

        var push = CompletableFuture.supplyAsync(() -> {
            try {
                return kraft.run(tmp, "pkg", "push", ref);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path uploads = tmp.resolve("registry-data/docker/registry/v2/repositories/big/_uploads");
        for (int i = 0; i < 600 && !Files.isDirectory(uploads) && !push.isDone(); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.isDirectory(uploads), "an upload had started when the registry was killed");
        Process registry = registries.get(registries.size() - 1);
        registry.destroyForcibly().waitFor();
        KraftCli.Result broken = push.get();
        assertEquals(8, broken.exit(), broken::toString);
        assertTrue(
                broken.err().strip().lines().count() == 1 && broken.err().startsWith("error: "),
                "one clear line: " + broken);

        startRegistry(false, Integer.parseInt(host.substring(host.indexOf(':') + 1)));
        KraftCli.Result retry = kraft.run(tmp, "pkg", "push", ref);
        assertEquals(0, retry.exit(), retry::toString);
        assertTrue(new String(skopeoRaw(ref), StandardCharsets.UTF_8).contains("\"sh.kraftkit.version\""));
    }

    @Test
    void aTwoPlatformIndexRunsTheManifestAsked() throws Exception {
        String ref = startRegistry(false) + "/two:latest";
        KraftCli.Result pkg =
                kraft.run(twoTargets, "pkg", "--name", ref, "--args", "one 'two words'", "-e", "GREETING=hi", "--push");
        assertEquals(0, pkg.exit(), pkg::toString);
        String index = new String(skopeoRaw(ref), StandardCharsets.UTF_8);
        assertTrue(index.contains("\"os\":\"qemu\"") && index.contains("\"os\":\"fc\""), index);
        assertEquals(0, kraft.run(tmp, "pkg", "rm", ref).exit());

        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", "--plat", "qemu", "--arch", "x86_64", ref);
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("greeting: the qemu flavour"), "the qemu manifest's kernel: " + run);
        assertTrue(
                run.out().contains("env.vars=[ \"GREETING=hi\" ] -- one \"two words\""),
                "Cmd and Env of the image: " + run);

        KraftCli.Result xen = kraft.run(tmp, "run", "-W", "--rm", "--plat", "xen", ref);
        assertEquals(6, xen.exit(), xen::toString);
        assertTrue(
                xen.err().contains("has no unikernel for xen/x86_64; it has: qemu/x86_64, fc/x86_64"), xen::toString);
    }

    @Test
    void aRegistryWithTlsAndPasswordsNeedsKraftLogin() throws Exception {
        Path cert = tmp.resolve("cert.pem");
        String host = startRegistry(true);
        String ref = host + "/hello:1";
        KraftCli.Result untrusted = kraft.run(hello, "pkg", "--name", ref, "--push");
        assertEquals(8, untrusted.exit(), untrusted::toString);
        assertTrue(
                untrusted.err().contains("certificate is not trusted")
                        && untrusted.err().contains("oci.ca_file"),
                untrusted::toString);

        Files.writeString(kraft.home().resolve(".config/kraftkit/config.yaml"), "oci:\n  ca_file: " + cert + "\n");
        KraftCli.Result anonymous = kraft.run(tmp, "pkg", "push", ref);
        assertEquals(8, anonymous.exit(), anonymous::toString);
        assertTrue(anonymous.err().contains("run `kraft login " + host + "`"), anonymous::toString);

        Path authJson = kraft.home().resolve(".config/kraftkit/auth.json");
        KraftCli.Result wrong = login(host, "not-the-password");
        assertEquals(8, wrong.exit(), wrong::toString);
        assertFalse(Files.exists(authJson), "a refused login is not stored");
        KraftCli.Result login = login(host, "s3cret");
        assertEquals(0, login.exit(), login::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authJson)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authJson.getParent())));
        assertFalse(Files.readString(authJson).contains("s3cret"), "base64, as Docker keeps it, not the bare password");

        pushRemoveAndBootFromTheRegistry(ref);

        KraftCli.Result logout = kraft.run(tmp, "logout", host);
        assertEquals(0, logout.exit(), logout::toString);
        assertFalse(Files.readString(authJson).contains(host), "forgotten: " + Files.readString(authJson));
        assertEquals(8, kraft.run(tmp, "pkg", "push", ref).exit(), "no login any more");
    }

    /** Docker's credsStore names a helper (docker-credential-NAME on PATH): kraft asks it, as docker does, and stores nothing. */
    @Test
    void aCredentialHelperDockersConfigNamesGivesTheLogin() throws Exception {
        String host = startRegistry(true);
        String ref = host + "/helped:1";
        Files.writeString(
                kraft.home().resolve(".config/kraftkit/config.yaml"),
                "oci:\n  ca_file: " + tmp.resolve("cert.pem") + "\n");
        Path docker = credentialHelper(
                "kraft-test",
                "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread -r server\n"
                        + "[ \"$server\" = '" + host
                        + "' ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
                        + "echo '{\"ServerURL\":\"" + host + "\",\"Username\":\"kraft\",\"Secret\":\"s3cret\"}'\n",
                "{\"credsStore\":\"kraft-test\",\"auths\":{\"" + host + "\":{}}}");

        KraftCli.Result login = kraft.run(tmp, "login", host);
        assertEquals(0, login.exit(), login::toString);
        assertTrue(
                login.err()
                        .contains("logged in to " + host
                                + " as kraft with the login from docker-credential-kraft-test (named in "
                                + docker.resolve("config.json") + ")"),
                login::toString);
        assertFalse(
                Files.exists(kraft.home().resolve(".config/kraftkit/auth.json")), "the helper's login is not copied");

        KraftCli.Result push = kraft.run(hello, "pkg", "--name", ref, "--push");
        assertEquals(0, push.exit(), push::toString);
        assertEquals(0, kraft.run(tmp, "pkg", "rm", ref).exit());
        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", ref);
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Hello from hello"), run::toString);
    }

    /**
     * With a credsStore in Docker's config, kraft login stores through the helper (a real process
     * keeping what it is given in a file), as docker login does, and the next push gets it back.
     */
    @Test
    void kraftLoginStoresThroughTheCredentialHelperDockersConfigNames() throws Exception {
        String host = startRegistry(true);
        Files.writeString(
                kraft.home().resolve(".config/kraftkit/config.yaml"),
                "oci:\n  ca_file: " + tmp.resolve("cert.pem") + "\n");
        Path kept = tmp.resolve("helper-kept.json");
        credentialHelper(
                "keeper",
                "#!/bin/sh\ncase \"$1\" in\n"
                        + "store) cat > '" + kept + "' ;;\n"
                        + "get) read -r server; [ -f '" + kept
                        + "' ] || { echo 'credentials not found in native keychain'; exit 1; }; cat '" + kept + "' ;;\n"
                        + "erase) read -r server; [ \"$server\" = '" + host + "' ] && rm '" + kept + "' ;;\n"
                        + "*) exit 2 ;;\nesac\n",
                "{\"credsStore\":\"keeper\"}");

        Path password = Files.writeString(tmp.resolve("password.txt"), "s3cret\n");
        KraftCli.Result login = kraft.runWithInput(tmp, password, "login", host, "-u", "kraft", "--password-stdin");
        assertEquals(0, login.exit(), login::toString);
        assertTrue(login.err().contains("the login is in docker-credential-keeper"), login::toString);
        assertEquals(
                Map.of("ServerURL", host, "Username", "kraft", "Secret", "s3cret"),
                new ObjectMapper().readValue(kept.toFile(), Map.class),
                "docker's store protocol: JSON on stdin");
        assertFalse(Files.exists(kraft.home().resolve(".config/kraftkit/auth.json")), "not in kraft's own file");

        KraftCli.Result push = kraft.run(hello, "pkg", "--name", host + "/kept:1", "--push");
        assertEquals(0, push.exit(), push::toString);

        KraftCli.Result logout = kraft.run(tmp, "logout", host);
        assertEquals(0, logout.exit(), logout::toString);
        assertFalse(Files.exists(kept), "erased through the helper: " + logout);
        KraftCli.Result anonymous = kraft.run(tmp, "pkg", "push", host + "/kept:1");
        assertEquals(8, anonymous.exit(), anonymous::toString);
        assertTrue(anonymous.err().contains("run `kraft login " + host + "`"), anonymous::toString);
    }

    /**
     * A credential helper's identity token (user {@code <token>}) is exchanged, as docker's
     * distribution client does, by an OAuth2 refresh-token POST at the token service the real
     * registry trusts ({@code auth: token}, its signing certificate made here), and the access
     * token it gives is what the registry sees; the refresh token is never sent as a password.
     */
    @Test
    void anIdentityTokenIsExchangedAtTheTokenServiceTheRegistryTrusts() throws Exception {
        selfSigned("token-key.pem", "token-cert.pem", "/CN=kraft-test-tokens");
        TokenService tokens =
                new TokenService(tmp.resolve("token-key.pem"), tmp.resolve("token-cert.pem"), "refresh-123");
        try {
            int port = Ports.free();
            String host = "127.0.0.1:" + port;
            registries.add(Registry.start(
                    Files.createDirectories(tmp.resolve("token-registry")),
                    port,
                    "auth:\n  token:\n    realm: " + tokens.realm() + "\n    service: kraft-test-registry\n"
                            + "    issuer: kraft-test-issuer\n    rootcertbundle: " + tmp.resolve("token-cert.pem")
                            + "\n"));
            String ref = host + "/tokened:1";
            KraftCli.Result anonymous = kraft.run(hello, "pkg", "--name", ref, "--push");
            assertEquals(8, anonymous.exit(), "the registry takes only the service's tokens: " + anonymous);
            assertEquals(1, tokens.refused().size(), tokens.refused()::toString);

            credentialHelper(
                    "identity",
                    "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread -r server\n" + "echo '{\"ServerURL\":\"" + host
                            + "\",\"Username\":\"<token>\",\"Secret\":\"refresh-123\"}'\n",
                    "{\"credHelpers\":{\"" + host + "\":\"identity\"}}");

            pushRemoveAndBootFromTheRegistry(ref);
            assertTrue(tokens.granted() > 0, "the access tokens came from the exchange");
            assertEquals(
                    1,
                    tokens.refused().size(),
                    "after the anonymous GET, only refresh-token grants: " + tokens.refused());
        } finally {
            tokens.close();
        }
    }

    /**
     * A credential helper of the test's own (docker-credential-NAME, a real process) on kraft's
     * PATH, and Docker's config.json naming it; returns the directory of that config.
     */
    private Path credentialHelper(String name, String script, String dockerConfig) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("helper-bin"));
        Path helper = bin.resolve("docker-credential-" + name);
        Files.writeString(helper, script);
        assertTrue(helper.toFile().setExecutable(true));
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), dockerConfig);
        kraft.with("PATH", bin + ":" + System.getenv("PATH")).with("DOCKER_CONFIG", docker.toString());
        return docker;
    }

    @Test
    void aBlobTamperedWithInTheRegistryIsRefusedAndNothingStored() throws Exception {
        String ref = startRegistry(false) + "/hello:1";
        assertEquals(0, kraft.run(hello, "pkg", "--name", ref, "--push").exit());
        Matcher layer = Pattern.compile("\"layers\":\\[\\{[^}]*\"digest\":\"sha256:([0-9a-f]{64})\"")
                .matcher(new String(Files.readAllBytes(manifestBlob()), StandardCharsets.UTF_8));
        assertTrue(layer.find());
        assertEquals(0, kraft.run(tmp, "pkg", "remove", ref).exit());
        Path data = tmp.resolve("registry-data/docker/registry/v2/blobs/sha256/"
                + layer.group(1).substring(0, 2) + "/" + layer.group(1) + "/data");
        byte[] bytes = Files.readAllBytes(data);
        bytes[600] ^= 0x20;
        Files.write(data, bytes);

        KraftCli.Result pull = kraft.run(tmp, "pkg", "pull", ref);
        assertEquals(10, pull.exit(), pull::toString);
        assertTrue(
                pull.err().contains("blob sha256:" + layer.group(1))
                        && pull.err().contains("refused"),
                pull::toString);
        assertEquals(List.of(), blobs(), "nothing stored");
        assertFalse(Files.readString(kraft.home().resolve(".local/share/kraftkit/runtime/oci/index.json"))
                .contains(ref));
        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", ref);
        assertEquals(10, run.exit(), run::toString);
    }

    /** Starts docker-registry with a config of its own on a free port; TLS and htpasswd (user kraft, s3cret) if asked. */
    private String startRegistry(boolean secure) throws Exception {
        return startRegistry(secure, Ports.free());
    }

    /** Pushes the packaged image, removes it here, and boots it pulled back from the registry. */
    private void pushRemoveAndBootFromTheRegistry(String ref) throws Exception {
        KraftCli.Result push = kraft.run(tmp, "pkg", "push", ref);
        assertEquals(0, push.exit(), push::toString);
        assertEquals(0, kraft.run(tmp, "pkg", "rm", ref).exit());
        KraftCli.Result run = kraft.run(tmp, "run", "-W", "--rm", ref);
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("Hello from hello"), run::toString);
    }

    /** A key and a self-signed certificate for it, made by openssl in the test's directory. */
    private void selfSigned(String key, String certificate, String subject, String... more) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key,
                "-out",
                certificate,
                "-days",
                "2",
                "-subj",
                subject));
        argv.addAll(List.of(more));
        exec(tmp, argv.toArray(String[]::new));
    }

    private String startRegistry(boolean secure, int port) throws Exception {
        StringBuilder extra = new StringBuilder();
        if (secure) {
            selfSigned("key.pem", "cert.pem", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
            Files.writeString(tmp.resolve("htpasswd"), exec(tmp, "htpasswd", "-Bbn", "kraft", "s3cret"));
            extra.append("  tls: { certificate: ")
                    .append(tmp.resolve("cert.pem"))
                    .append(", key: ")
                    .append(tmp.resolve("key.pem"))
                    .append(" }\nauth:\n  htpasswd: { realm: kraft-test, path: ")
                    .append(tmp.resolve("htpasswd"))
                    .append(" }\n");
        }
        registries.add(Registry.start(tmp, port, extra.toString()));
        return "127.0.0.1:" + port;
    }

    /** kraft login with the password on stdin, the way a CI job would pass it. */
    private KraftCli.Result login(String host, String password) throws Exception {
        Path secret = Files.writeString(tmp.resolve("password"), password + "\n");
        Map<String, String> env = kraft.env();
        return KraftCli.Result.of(
                List.of(
                        "sh",
                        "-c",
                        "exec \"$0\" login \"$1\" -u kraft --password-stdin < \"$2\"",
                        KraftCli.LAUNCHER.toString(),
                        host,
                        secret.toString()),
                tmp,
                env,
                tmp,
                120);
    }

    private byte[] skopeoRaw(String ref) throws Exception {
        Process skopeo = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false", "--raw", "docker://" + ref)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] raw = skopeo.getInputStream().readAllBytes();
        assertEquals(0, skopeo.waitFor(), "skopeo inspect " + ref);
        return raw;
    }

    private Path manifestBlob() throws IOException {
        try (Stream<Path> all = Files.list(kraft.home().resolve(".local/share/kraftkit/runtime/oci/blobs/sha256"))) {
            for (Path blob : all.toList()) {
                if (Files.readString(blob, StandardCharsets.ISO_8859_1)
                        .startsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest")) {
                    return blob;
                }
            }
        }
        throw new AssertionError("no manifest in the store");
    }

    private List<String> blobs() throws IOException {
        Path dir = kraft.home().resolve(".local/share/kraftkit/runtime/oci/blobs/sha256");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String exec(Path dir, String... argv) throws Exception {
        Process process = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", argv));
        return out;
    }

    private static String digest(String out) {
        Matcher m = DIGEST.matcher(out);
        assertTrue(m.find(), "a digest on stdout: " + out);
        return m.group();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
