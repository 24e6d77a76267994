package dev.kraft.pkg.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChoiceTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final Manifest GREET = new Manifest(
            "greet",
            "lib",
            "",
            "",
            "tarball",
            List.of(
                    new Manifest.Channel("stable", true, "", "http://h/greet-stable.tgz", A),
                    new Manifest.Channel("staging", false, "", "http://h/greet-staging.tgz", "")),
            List.of(new Manifest.Version("0.1.0", "semver", "0.1.0", "http://h/greet-0.1.0.tgz", B)));

    @Test
    void noVersionMeansTheDefaultChannel() {
        Choice choice = Choice.of(GREET, Optional.empty());
        assertEquals(new Choice(GREET, "stable", true, "http://h/greet-stable.tgz", A), choice);
    }

    @Test
    void aVersionOrChannelIsFoundByName() {
        assertEquals(B, Choice.of(GREET, Optional.of("0.1.0")).sha256());
        assertFalse(Choice.of(GREET, Optional.of("v0.1.0")).channel());
        assertEquals("", Choice.of(GREET, Optional.of("staging")).sha256(), "unverified: no sha256 in the manifest");
    }

    @Test
    void anUnknownVersionNamesWhatThereIs() {
        KraftException e = assertThrows(KraftException.class, () -> Choice.of(GREET, Optional.of("9.9")));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals(
                "lib/greet: no channel or version \"9.9\" in the package index (channels: stable, staging; versions: 0.1.0)",
                e.getMessage());
    }

    @Test
    void withoutADefaultChannelAVersionMustBeNamed() {
        Manifest two = new Manifest(
                "x",
                "lib",
                "",
                "",
                "",
                List.of(
                        new Manifest.Channel("a", false, "", "http://h/a", ""),
                        new Manifest.Channel("b", false, "", "http://h/b", "")),
                List.of());
        KraftException e = assertThrows(KraftException.class, () -> Choice.of(two, Optional.empty()));
        assertTrue(e.getMessage().startsWith("lib/x: no default channel; name a version"), e.getMessage());
    }
}
