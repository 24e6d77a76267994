package dev.kraft.kraftfile;

/** A volume from the Kraftfile: host {@code source} shared at guest {@code destination}. */
public record VolumeSpec(String source, String destination, String driver, boolean readOnly) {}
