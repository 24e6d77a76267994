package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.Optional;

/**
 * Sets and unsets Kconfig values in {@code unikraft.kconfig} or a target's {@code kconfig}, in
 * the form the file already uses: a map ({@code CONFIG_X: 'y'}) or a list ({@code - CONFIG_X=y}).
 * Each step returns the document read again, so the next step sees true positions.
 */
final class KconfigEdits {
    private KconfigEdits() {}

    /** @param unikraftIsSource whether a short-form {@code unikraft: X} names a source (else a version) */
    static YamlDoc set(YamlDoc doc, Optional<Integer> target, String key, String value, boolean unikraftIsSource) {
        Optional<YamlPlace> owner = owner(doc, target);
        if (owner.isEmpty()) {
            doc.root()
                    .append(
                            doc.unit(),
                            List.of(
                                    "unikraft:",
                                    doc.pad(1) + "kconfig:",
                                    doc.pad(2) + key + ": " + YamlLines.quote(value)));
            return doc.reread();
        }
        if (owner.get().node() instanceof Scalar && !owner.get().empty()) {
            doc = toMap(doc, owner.get(), unikraftIsSource);
            owner = owner(doc, target);
        }
        YamlPlace place = owner.orElseThrow();
        Optional<YamlPlace> kconfig = place.child("kconfig");
        if (kconfig.isEmpty()) {
            place.append(doc.unit(), List.of("kconfig:", doc.pad(1) + key + ": " + YamlLines.quote(value)));
        } else if (kconfig.get().requireBlock().node() instanceof ListNode) {
            setItem(doc, kconfig.get(), key, value);
        } else {
            Optional<YamlPlace> existing = kconfig.get().child(key);
            if (existing.isPresent()) {
                rewrite(doc.lines(), existing.get(), key + ": ", YamlLines.quote(value));
            } else {
                kconfig.get().append(doc.unit(), List.of(key + ": " + YamlLines.quote(value)));
            }
        }
        return doc.reread();
    }

    static YamlDoc unset(YamlDoc doc, Optional<Integer> target, String key) {
        Optional<YamlPlace> kconfig =
                owner(doc, target).flatMap(o -> o.child("kconfig")).map(YamlPlace::requireBlock);
        Optional<YamlPlace> entry =
                kconfig.flatMap(k -> k.node() instanceof ListNode ? item(doc, k, key) : k.child(key));
        if (entry.isEmpty()) {
            String where = target.isEmpty() ? "unikraft.kconfig" : "the target's kconfig";
            throw new KraftException(ExitCode.NOT_FOUND, key + " is not set in " + where + " of " + doc.file());
        }
        doc.lines().delete(entry.get().line(), entry.get().last());
        return doc.reread();
    }

    private static Optional<YamlPlace> owner(YamlDoc doc, Optional<Integer> target) {
        if (target.isEmpty()) {
            return doc.root().child("unikraft");
        }
        YamlPlace item = doc.root().child("targets").orElseThrow().items().get(target.get());
        if (item.node() instanceof Scalar scalar) {
            throw new KraftfileException(
                    ExitCode.USAGE,
                    item.at(),
                    "target " + scalar.text() + " is written as a plat/arch string, "
                            + "which has no kconfig; write it as a map (plat, arch, kconfig) to give it values of its own, "
                            + "or leave out -t to set them in unikraft.kconfig");
        }
        return Optional.of(item);
    }

    /** {@code unikraft: stable  # c} becomes {@code unikraft:  # c} and {@code   version: stable}. */
    private static YamlDoc toMap(YamlDoc doc, YamlPlace owner, boolean isSource) {
        String line = doc.lines().line(owner.line());
        int column = owner.at().column();
        String comment = YamlLines.trailingComment(line, column);
        String raw =
                line.substring(column - 1, line.length() - comment.length()).strip();
        doc.lines().replace(owner.line(), line.substring(0, column - 1).stripTrailing() + comment);
        String field = isSource ? "source: " : "version: ";
        doc.lines().insert(owner.line(), List.of(" ".repeat(owner.indent()) + doc.pad(1) + field + raw));
        return doc.reread();
    }

    private static void setItem(YamlDoc doc, YamlPlace list, String key, String value) {
        String text = key + "=" + value;
        boolean plain =
                !text.contains(": ") && !text.contains(" #") && !text.endsWith(":") && text.equals(text.strip());
        String item = plain ? text : YamlLines.quote(text);
        Optional<YamlPlace> existing = item(doc, list, key);
        if (existing.isPresent()) {
            rewrite(doc.lines(), existing.get(), "- ", item);
            return;
        }
        List<YamlPlace> items = list.items();
        YamlPlace last = items.get(items.size() - 1);
        doc.lines().insert(last.last(), List.of(" ".repeat(last.indent()) + "- " + item));
    }

    private static Optional<YamlPlace> item(YamlDoc doc, YamlPlace list, String key) {
        return list.items().stream()
                .filter(i -> i.node() instanceof Scalar s && s.text().startsWith(key + "="))
                .findFirst();
    }

    /** Rewrites only the value of a one-line entry, keeping its key and comment as written. */
    private static void rewrite(YamlLines lines, YamlPlace entry, String prefix, String value) {
        String line = lines.line(entry.line());
        int last = entry.last();
        if (last == entry.line() && !entry.empty() && entry.at().line() == entry.line()) {
            int column = entry.at().column();
            lines.replace(
                    entry.line(), line.substring(0, column - 1) + value + YamlLines.trailingComment(line, column));
            return;
        }
        lines.delete(entry.line(), last);
        lines.insert(entry.line() - 1, List.of(" ".repeat(entry.indent()) + prefix + value));
    }
}
