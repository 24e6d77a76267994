package dev.kraft.pkg.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container image for one platform, as a root filesystem builder needs it: what its config
 * says the program is ({@code Env}, {@code Entrypoint}, {@code Cmd}, {@code WorkingDir}) and its
 * layers, verified files in the order they apply.
 */
public record ContainerImage(Config config, List<Path> layers) {
    public ContainerImage {
        layers = List.copyOf(layers);
    }

    /** What the image's config blob says, Docker's and OCI's alike. */
    public record Config(
            String os,
            String architecture,
            List<String> env,
            List<String> entrypoint,
            List<String> cmd,
            Optional<String> workingDir) {
        public Config {
            env = List.copyOf(env);
            entrypoint = List.copyOf(entrypoint);
            cmd = List.copyOf(cmd);
        }

        static Config read(byte[] bytes, String what) {
            JsonNode node = OciJson.read(bytes, what, List.of(Descriptor.CONFIG, ContainerMediaTypes.DOCKER_CONFIG));
            JsonNode config = node.path("config");
            String workdir = config.path("WorkingDir").asText("");
            return new Config(
                    node.path("os").asText(""),
                    node.path("architecture").asText(""),
                    strings(config.path("Env")),
                    strings(config.path("Entrypoint")),
                    strings(config.path("Cmd")),
                    workdir.isEmpty() ? Optional.empty() : Optional.of(workdir));
        }

        private static List<String> strings(JsonNode array) {
            List<String> list = new ArrayList<>();
            array.forEach(item -> list.add(item.asText()));
            return list;
        }
    }
}
