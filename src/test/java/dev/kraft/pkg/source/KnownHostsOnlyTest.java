package dev.kraft.pkg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KnownHostsOnlyTest {
    @Test
    void theSshCommandThatAcceptsAHostKeyUsesItsPort() {
        assertEquals("ssh -p 2222 git@127.0.0.1", KnownHostsOnly.sshCommand("[127.0.0.1]:2222", "git"));
        assertEquals("ssh git@github.com", KnownHostsOnly.sshCommand("github.com", "git"));
        assertEquals("ssh -p 2222 ::1", KnownHostsOnly.sshCommand("[::1]:2222", ""));
    }
}
