package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's rendering of the exit codes (a container's init process exits with it) says what fromHypervisor says, for every status. */
class GuestExitTest {

    @Test
    void theShellExitsWithTheGuestsCodeForEveryHypervisorStatus() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int status = 0; status < 256; status++) {
            script.append("(status=")
                    .append(status)
                    .append("; ")
                    .append(GuestExit.shellExit("status"))
                    .append("); echo $?\n");
        }
        Process sh = new ProcessBuilder("sh", "-c", script.toString())
                .redirectErrorStream(true)
                .start();
        List<String> codes =
                List.of(new String(sh.getInputStream().readAllBytes()).strip().split("\n"));
        assertEquals(0, sh.waitFor());
        List<String> expected = new ArrayList<>();
        for (int status = 0; status < 256; status++) {
            expected.add(Integer.toString(GuestExit.fromHypervisor(status).code()));
        }
        assertEquals(expected, codes);
        assertEquals("0", codes.get(83), "Unikraft's clean exit");
        assertEquals("42", codes.get(85), "Unikraft's crash");
        assertEquals("137", codes.get(137), "SIGKILL stays what it is");
    }
}
