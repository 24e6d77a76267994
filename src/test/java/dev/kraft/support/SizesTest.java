package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void kibibytesBelowAMebibyteMebibytesAbove() {
        assertEquals("0.0KiB", Sizes.binary(0));
        assertEquals("6.5KiB", Sizes.binary(6656));
        assertEquals("224.4KiB", Sizes.binary(229786));
        assertEquals("1024.0KiB", Sizes.binary(1024 * 1024 - 1));
        assertEquals("1.0MiB", Sizes.binary(1024 * 1024));
        assertEquals("12.3MiB", Sizes.binary(12_897_484));
    }
}
