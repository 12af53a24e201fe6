package tessera.host.launcher;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code tessera} entry point: starts the engine in Felix, runs one command, stops. The data folder comes
 * from {@code --data DIR}, then {@code TESSERA_DATA}, then {@code ~/.tessera}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 25) {
            System.err.println("tessera: Java 25 or newer is required; this is Java " + Runtime.version()
                    + ". Set JAVA_HOME to a JDK 25 (the ./tessera script finds one).");
            System.exit(2);
        }
        // Framework and SCR diagnostics go to stderr, so stdout carries only the command's output (--json).
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        boolean verbose = hasFlag(args, "--verbose");
        if (hasFlag(args, "--strict")) {
            // read when the framework starts (the trust gate, the pipeline), so it is set before, as -Dtessera.strict=true would be
            System.setProperty("tessera.strict", "true");
        }
        Path data = dataFolder(args);
        int code;
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try (TesseraRuntime rt = TesseraRuntime.start(distribution(), data)) {
            // SIGTERM (a service manager stopping 'tessera serve', Ctrl+C) stops the framework in order: a server
            // drains its jobs and gives unfinished ones back instead of leaving them to run out their leases
            Thread hook = Thread.ofPlatform().name("tessera-stop").unstarted(() -> {
                try {
                    rt.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            if (verbose) {
                err.printf("startup: engine ready %d ms after JVM start (launcher steps in ms: %s)%n",
                        System.currentTimeMillis() - jvmStart, rt.startup());
            }
            long t = System.nanoTime();
            code = rt.run(args, out, err);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is stopping the framework
            }
            if (verbose) {
                err.printf("command: %.0f ms; JVM start to command done: %d ms%n", (System.nanoTime() - t) / 1e6,
                        System.currentTimeMillis() - jvmStart);
            }
        } catch (IllegalStateException e) {
            err.println("tessera: " + e.getMessage());
            code = 1;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    static Path dataFolder(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("train")) {
                break; // #8: after 'train', --data is the training folder, not the engine's data folder
            }
            if (args[i].equals("--data") && i + 1 < args.length) {
                return Path.of(args[i + 1]).toAbsolutePath();
            }
            if (args[i].startsWith("--data=")) {
                return Path.of(args[i].substring("--data=".length())).toAbsolutePath();
            }
        }
        String env = System.getenv("TESSERA_DATA");
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : Path.of(System.getProperty("user.home"), ".tessera");
    }

    private static boolean hasFlag(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag)) {
                return true;
            }
        }
        return false;
    }

    /** The folder the launcher jar sits in: it holds lib/ and bundles/. */
    static Path distribution() throws URISyntaxException {
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
