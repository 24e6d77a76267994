package dev.kraft.machine;

import dev.kraft.unikraft.Plat;

/**
 * One machine as kept on disk (one JSON file each, {@link MachineJson}): its id, the spec it
 * boots with, and its status. A new property of machines goes into {@link MachineSpec} (what
 * it boots with) or {@link MachineStatus} (where it is in its life), never here.
 */
public record MachineRecord(String id, MachineSpec spec, MachineStatus status) {

    public static MachineRecord created(String id, MachineSpec spec, long now) {
        return new MachineRecord(id, spec, MachineStatus.created(now));
    }

    /** A record that cannot be read: named by its id, with the reason. */
    public static MachineRecord broken(String id, String reason) {
        return new MachineRecord(id, MachineSpec.builder().name(id).build(), MachineStatus.broken(reason));
    }

    public String name() {
        return spec.name();
    }

    public Plat plat() {
        return spec.plat();
    }

    public MachineState state() {
        return status.state();
    }

    public boolean active() {
        return status.state().active();
    }

    public boolean broken() {
        return status.state() == MachineState.BROKEN;
    }

    public MachineRecord with(MachineStatus newStatus) {
        return new MachineRecord(id, spec, newStatus);
    }

    public MachineRecord with(MachineSpec newSpec) {
        return new MachineRecord(id, newSpec, status);
    }
}
