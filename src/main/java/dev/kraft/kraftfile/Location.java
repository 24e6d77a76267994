package dev.kraft.kraftfile;

/** A place in a file, as editors and compilers print it: {@code file:line:column}, 1-based. */
public record Location(String file, int line, int column) {
    /** Whether this place comes earlier in the file than the other. */
    boolean before(Location other) {
        return line < other.line || line == other.line && column < other.column;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
