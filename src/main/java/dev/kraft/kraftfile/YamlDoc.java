package dev.kraft.kraftfile;

/** A Kraftfile's text being edited, read afresh after each change so positions are never stale. */
record YamlDoc(String file, YamlLines lines, YamlPlace root, int unit) {
    static YamlDoc parse(String file, String text) {
        YamlLines lines = new YamlLines(text);
        YamlNode tree = new YamlReader(file).read(text);
        return new YamlDoc(file, lines, YamlPlace.document(tree, lines), YamlPlace.unit(tree));
    }

    YamlDoc reread() {
        return parse(file, lines.text());
    }

    String pad(int steps) {
        return " ".repeat(unit * steps);
    }
}
