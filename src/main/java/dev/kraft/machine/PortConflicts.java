package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.PortOwner;
import java.util.List;

/** Host ports a new machine wants, checked before it boots: another machine's, or any other program's, are refused with their owner. */
final class PortConflicts {
    private PortConflicts() {}

    static void check(List<PortMapping> ports, List<MachineRecord> machines) {
        for (PortMapping port : ports) {
            for (MachineRecord machine : machines) {
                if (machine.active()
                        && machine.spec().ports().stream()
                                .anyMatch(p -> p.hostPort() == port.hostPort()
                                        && p.protocol().equals(port.protocol()))) {
                    throw new KraftException(
                            ExitCode.STATE,
                            Input.PORT,
                            port.spec(),
                            "port " + port.hostPort() + " is already published by machine " + machine.name());
                }
            }
            if (port.protocol().equals("tcp")) {
                PortOwner.problem(port.hostIp(), port.hostPort()).ifPresent(problem -> {
                    throw new KraftException(ExitCode.STATE, Input.PORT, port.spec(), problem);
                });
            }
        }
    }
}
