package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real git repositories for tests, made with the git command line. */
final class Git {
    private Git() {}

    static String run(Path repo, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "tag.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
        argv.addAll(List.of(args));
        KraftCli.Result result = KraftCli.Result.of(
                argv, repo, Map.of("PATH", System.getenv("PATH"), "HOME", repo.toString()), repo.getParent(), 60);
        if (result.exit() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + result);
        }
        return result.out().strip();
    }

    /** Turns a directory into a repository with everything committed on branch main. */
    static String commitAll(Path repo, String message) throws IOException, InterruptedException {
        if (!repo.resolve(".git").toFile().exists()) {
            run(repo, "init", "-q");
        }
        run(repo, "add", "-A");
        run(repo, "commit", "-q", "-m", message);
        return run(repo, "rev-parse", "HEAD");
    }

    /** Stores {@code content} as a blob in the repository; answers its id. */
    static String hashObject(Path repo, String content) throws IOException, InterruptedException {
        Path file = Files.createTempFile(repo.getParent(), "blob", "");
        Files.writeString(file, content);
        try {
            return run(repo, "hash-object", "-w", file.toString());
        } finally {
            Files.delete(file);
        }
    }
}
