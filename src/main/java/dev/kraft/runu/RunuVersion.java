package dev.kraft.runu;

import dev.kraft.support.KraftVersion;
import picocli.CommandLine.IVersionProvider;

/** runc prints its version and the runtime spec's; so does kraft-runu. */
final class RunuVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"kraft-runu version " + KraftVersion.number(), "spec: 1.1.0"};
    }
}
