package dev.kraft.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A password on {@code kraft login}'s command line ({@code -t}, {@code --token}, which kraft
 * takes as KraftKit does, and docker's {@code -p}, {@code --password}, which it does not) is
 * never printed: picocli's messages about the arguments would echo it. Those values are masked
 * in every message about a login's arguments.
 */
final class SecretArguments {
    private static final Set<String> FLAGS = Set.of("-p", "--password", "-t", "--token");
    private static final String MASK = "****";

    private SecretArguments() {}

    static String mask(String message, String[] args) {
        List<String> words = List.of(args);
        if (!words.contains("login") && !words.contains("logon")) {
            return message;
        }
        String masked = message;
        for (String secret : secrets(args)) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    private static List<String> secrets(String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (FLAGS.contains(arg) && i + 1 < args.length) {
                secrets.add(args[i + 1]);
            } else if (equals > 0 && FLAGS.contains(arg.substring(0, equals))) {
                secrets.add(arg.substring(equals + 1));
            } else if (arg.length() > 2 && (arg.startsWith("-p") || arg.startsWith("-t")) && !arg.startsWith("--")) {
                secrets.add(arg.substring(2));
            }
        }
        secrets.removeIf(String::isEmpty);
        return secrets;
    }
}
