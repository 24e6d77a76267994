package dev.kraft.builder;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to build: the switches of {@code kraft build}.
 *
 * @param env       variables compiled into the kernel, resolved to values
 * @param jobs      make's {@code -j}; empty for no parallelism
 * @param buildLog  where make's output goes besides the default log in the build dir
 * @param trimMusl  compile only the sources of lib-musl the kernel links against ({@code MuslTrimming})
 */
public record BuildOptions(
        boolean noConfigure,
        boolean noUpdate,
        boolean forcePull,
        boolean noCache,
        Optional<Integer> jobs,
        Optional<Path> buildLog,
        Map<String, String> env,
        boolean trimMusl) {}
