package dev.kraft.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Ctrl-C (or SIGTERM) while kraft follows a machine: the command is told, stops the machine
 * itself if it should and exits 130, instead of the JVM dying with the machine left running in
 * its own session. An interface, so a test can interrupt a command without signals.
 */
@FunctionalInterface
interface Interrupts {
    /**
     * The process's SIGINT and SIGTERM, through {@code sun.misc.Signal} (module jdk.unsupported),
     * the JDK's only way to handle a signal and go on. Reached by reflection: javac warns about
     * any mention of it, and the build treats warnings as errors.
     */
    Interrupts SIGNALS = action -> {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    Interrupts.class.getClassLoader(),
                    new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "kraft's interrupt handler";
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : List.of("INT", "TERM")) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A JDK without it: Ctrl-C ends kraft as it ends any JVM, and the machine keeps running.
        }
    };

    void onInterrupt(Runnable action);
}
