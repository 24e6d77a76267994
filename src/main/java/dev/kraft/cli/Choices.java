package dev.kraft.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The values an option takes, for shell completion: each set declared once, here, and named by
 * its options' {@code completionCandidates}. Classes, as picocli asks, each an unmodifiable list.
 */
final class Choices {
    private Choices() {
    }

    /** A fixed list of values. */
    abstract static class Values extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Values(String... values) {
            super(List.of(values));
        }
    }

    static final class Plats extends Values {
        private static final long serialVersionUID = 1L;

        Plats() {
            super("qemu", "fc", "xen");
        }
    }

    /** The platforms of the machine commands' {@code --plat}: every one, or the host's. */
    static final class MachinePlats extends Values {
        private static final long serialVersionUID = 1L;

        MachinePlats() {
            super("qemu", "fc", "xen", "auto", "all", "host");
        }
    }

    static final class Archs extends Values {
        private static final long serialVersionUID = 1L;

        Archs() {
            super("x86_64", "arm64", "arm");
        }
    }

    static final class Outputs extends Values {
        private static final long serialVersionUID = 1L;

        Outputs() {
            super("table", "json", "yaml", "list", "raw");
        }
    }

    static final class LogTypes extends Values {
        private static final long serialVersionUID = 1L;

        LogTypes() {
            super("basic", "fancy", "json", "quiet");
        }
    }

    static final class LogLevels extends Values {
        private static final long serialVersionUID = 1L;

        LogLevels() {
            super("error", "warn", "info", "debug", "trace");
        }
    }

    static final class Runners extends Values {
        private static final long serialVersionUID = 1L;

        Runners() {
            super("kernel", "kraftfile-unikraft", "oci");
        }
    }

    static final class Strategies extends Values {
        private static final long serialVersionUID = 1L;

        Strategies() {
            super("overwrite", "merge", "abort");
        }
    }

    /** What the package commands' {@code --as} and {@code --format} name: the formats there are. */
    static final class PackageFormats extends Values {
        private static final long serialVersionUID = 1L;

        PackageFormats() {
            super("auto", "any", "oci", "manifest");
        }
    }

    static final class Managers extends Values {
        private static final long serialVersionUID = 1L;

        Managers() {
            super("all", "manifest", "oci");
        }
    }

    static final class Drivers extends Values {
        private static final long serialVersionUID = 1L;

        Drivers() {
            super("bridge");
        }
    }

    static final class Frontends extends Values {
        private static final long serialVersionUID = 1L;

        Frontends() {
            super("menuconfig", "nconfig", "xconfig", "gconfig");
        }
    }

    static final class Shells extends Values {
        private static final long serialVersionUID = 1L;

        Shells() {
            super("bash", "zsh", "fish");
        }
    }
}
