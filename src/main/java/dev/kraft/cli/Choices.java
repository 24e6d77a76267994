package dev.kraft.cli;

import java.util.Iterator;
import java.util.List;

/**
 * The values an option takes, for shell completion: each set declared once, here, and named by
 * its options' {@code completionCandidates}. Classes, as picocli asks.
 */
final class Choices {
    private Choices() {}

    /** A fixed list of values. */
    abstract static class Values implements Iterable<String> {
        private final List<String> values;

        Values(String... values) {
            this.values = List.of(values);
        }

        @Override
        public Iterator<String> iterator() {
            return values.iterator();
        }
    }

    static final class Plats extends Values {
        Plats() {
            super("qemu", "fc", "xen");
        }
    }

    /** The platforms of the machine commands' {@code --plat}: every one, or the host's. */
    static final class MachinePlats extends Values {
        MachinePlats() {
            super("qemu", "fc", "xen", "auto", "all", "host");
        }
    }

    static final class Archs extends Values {
        Archs() {
            super("x86_64", "arm64", "arm");
        }
    }

    static final class Outputs extends Values {
        Outputs() {
            super("table", "json", "yaml", "list", "raw");
        }
    }

    static final class LogTypes extends Values {
        LogTypes() {
            super("basic", "fancy", "json", "quiet");
        }
    }

    static final class LogLevels extends Values {
        LogLevels() {
            super("error", "warn", "info", "debug", "trace");
        }
    }

    static final class Runners extends Values {
        Runners() {
            super("kernel", "kraftfile-unikraft", "oci");
        }
    }

    static final class Strategies extends Values {
        Strategies() {
            super("overwrite", "merge", "abort");
        }
    }

    /** What the package commands' {@code --as} and {@code --format} name: the formats there are. */
    static final class PackageFormats extends Values {
        PackageFormats() {
            super("auto", "any", "oci", "manifest");
        }
    }

    static final class Managers extends Values {
        Managers() {
            super("all", "manifest", "oci");
        }
    }

    static final class Drivers extends Values {
        Drivers() {
            super("bridge");
        }
    }

    static final class Frontends extends Values {
        Frontends() {
            super("menuconfig", "nconfig", "xconfig", "gconfig");
        }
    }

    static final class Shells extends Values {
        Shells() {
            super("bash", "zsh", "fish");
        }
    }
}
