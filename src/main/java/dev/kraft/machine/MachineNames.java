package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.Random;

/** Docker-style machine names: {@code adjective_noun}, and the rule a chosen name must follow. */
public final class MachineNames {
    private static final List<String> ADJECTIVES = List.of(
            "agile", "bold", "brave", "calm", "clever", "cosy", "eager", "fancy", "gentle", "happy", "jolly", "keen",
            "lucid", "merry", "nimble", "proud", "quick", "quiet", "sharp", "shy", "snappy", "steady", "swift",
            "tender", "tidy", "vivid", "wise", "witty", "zen", "zesty");
    private static final List<String> NOUNS = List.of(
            "albatross",
            "badger",
            "beaver",
            "bison",
            "condor",
            "dolphin",
            "falcon",
            "ferret",
            "gecko",
            "heron",
            "ibis",
            "jackal",
            "koala",
            "lemur",
            "lynx",
            "marmot",
            "narwhal",
            "otter",
            "panda",
            "puffin",
            "quokka",
            "raven",
            "salmon",
            "tapir",
            "toucan",
            "urchin",
            "walrus",
            "wombat",
            "yak",
            "zebra");

    private MachineNames() {}

    static String random(Random random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + NOUNS.get(random.nextInt(NOUNS.size()));
    }

    /** Names end up in paths, QEMU options and tables: letters, digits, {@code _ . -}, at most 64. */
    public static String check(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new KraftException(
                    ExitCode.USAGE,
                    Input.MACHINE_NAME,
                    name,
                    "use letters, digits, _ . and - (at most 64, starting with a letter or digit)");
        }
        return name;
    }
}
