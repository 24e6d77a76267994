package dev.kraft.builder;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment compiled into a kernel (or given to a machine): the Kraftfile's {@code env},
 * then each variable the user added. A name without a value takes the value from the user's environment, as docker's
 * {@code -e NAME} does.
 */
public final class BuildEnv {
    private BuildEnv() {}

    public static Map<String, String> resolve(
            Map<String, String> declared, List<String> flags, Map<String, String> host) {
        Map<String, String> env = new LinkedHashMap<>();
        declared.forEach((name, value) -> env.put(name, value.isEmpty() ? host.getOrDefault(name, "") : value));
        for (String flag : flags) {
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag : flag.substring(0, equals);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new KraftException(ExitCode.USAGE, Input.ENV, flag, "expected NAME=value or NAME");
            }
            env.remove(name);
            env.put(name, equals < 0 ? host.getOrDefault(name, "") : flag.substring(equals + 1));
        }
        return env;
    }
}
