package dev.kraft.kraftfile;

/** A place in a file, as editors and compilers print it: {@code file:line:column}, 1-based. */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
