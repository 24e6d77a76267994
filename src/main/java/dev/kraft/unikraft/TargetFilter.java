package dev.kraft.unikraft;

import java.util.List;
import java.util.Optional;

/**
 * The {@code -t}, {@code --plat} and {@code --arch} choice shared by build, run, clean and pkg.
 * {@code -t} matches a target's name or its {@code plat/arch}; platform aliases count.
 */
public record TargetFilter(Optional<String> target, Optional<Plat> plat, Optional<Arch> arch) {

    public static final TargetFilter ANY = new TargetFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public List<Target> apply(List<Target> targets) {
        return targets.stream().filter(this::matches).toList();
    }

    public boolean isEmpty() {
        return target.isEmpty() && plat.isEmpty() && arch.isEmpty();
    }

    private boolean matches(Target candidate) {
        return target.map(t -> t.equals(candidate.name()) || samePlatArch(t, candidate))
                        .orElse(true)
                && plat.map(candidate.plat()::equals).orElse(true)
                && arch.map(candidate.arch()::equals).orElse(true);
    }

    private static boolean samePlatArch(String text, Target candidate) {
        String[] parts = text.split("/", -1);
        return parts.length == 2
                && Plat.parse(parts[0]).map(candidate.plat()::equals).orElse(false)
                && Arch.parse(parts[1]).map(candidate.arch()::equals).orElse(false);
    }
}
