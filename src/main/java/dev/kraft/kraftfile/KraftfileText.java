package dev.kraft.kraftfile;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Kraftfile's bytes as text, before any YAML parser sees them: at most 1 MiB is read (a
 * Kraftfile is a few hundred bytes; a huge one is a mistake or an attack), and the text must be
 * UTF-8 without NUL bytes, as YAML requires. Each fault is named with its place.
 */
final class KraftfileText {
    static final int MAX_BYTES = 1 << 20;

    private KraftfileText() {}

    /** @param display how messages name the file */
    static String read(Path file, String display) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot read " + display + ": permission denied (check its owner and mode)");
        } catch (NoSuchFileException e) {
            throw new KraftException(ExitCode.NOT_FOUND, "cannot read " + display + ": no such file");
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + display + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new KraftfileException(
                    new Location(display, 1, 1),
                    "the file is larger than " + (MAX_BYTES >> 20)
                            + " MiB; a Kraftfile is YAML text of a few kilobytes");
        }
        return decode(bytes, display);
    }

    /** Strict UTF-8 (a leading byte-order mark dropped); the first bad byte or NUL is named by line and column. */
    static String decode(byte[] bytes, String display) {
        int skip =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                        ? 3
                        : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            throw new KraftfileException(
                    place(display, out),
                    "the file is not UTF-8 text (byte 0x" + String.format("%02x", bytes[in.position()] & 0xff)
                            + "); save it as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new KraftfileException(
                    place(display, CharBuffer.wrap(text, 0, nul)), "the file is not text (it holds a NUL byte)");
        }
        return text;
    }

    /** The place just after the given text. */
    private static Location place(String display, CharSequence before) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(display, line, column);
    }
}
