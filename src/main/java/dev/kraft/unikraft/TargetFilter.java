package dev.kraft.unikraft;

import java.util.List;
import java.util.Optional;

/**
 * The {@code -t}, {@code --plat} and {@code --arch} choice shared by build, run, clean and pkg.
 * {@code -t} matches a target's name or its {@code plat/arch}; platform aliases count.
 */
public record TargetFilter(Optional<String> target, Optional<String> plat, Optional<String> arch) {

    public static final TargetFilter ANY = new TargetFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public List<Target> apply(List<Target> targets) {
        return targets.stream().filter(this::matches).toList();
    }

    public boolean isEmpty() {
        return target.isEmpty() && plat.isEmpty() && arch.isEmpty();
    }

    private boolean matches(Target candidate) {
        return target.map(t -> t.equals(candidate.name()) || samePlatArch(t, candidate)).orElse(true)
                && plat.map(p -> Plat.parse(p).map(candidate.plat()::equals).orElse(false)).orElse(true)
                && arch.map(a -> Arch.parse(a).map(candidate.arch()::equals).orElse(false)).orElse(true);
    }

    private static boolean samePlatArch(String text, Target candidate) {
        String[] parts = text.split("/", -1);
        return parts.length == 2
                && Plat.parse(parts[0]).map(candidate.plat()::equals).orElse(false)
                && Arch.parse(parts[1]).map(candidate.arch()::equals).orElse(false);
    }

    /** How the filter reads in a message: {@code -t x --plat qemu}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        target.ifPresent(t -> text.append("-t ").append(t).append(' '));
        plat.ifPresent(p -> text.append("--plat ").append(p).append(' '));
        arch.ifPresent(a -> text.append("--arch ").append(a).append(' '));
        return text.toString().strip();
    }
}
