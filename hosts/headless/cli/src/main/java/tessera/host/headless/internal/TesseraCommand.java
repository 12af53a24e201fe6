package tessera.host.headless.internal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code tessera} command. */
@Command(name = "tessera", mixinStandardHelpOptions = true, versionProvider = TesseraCommand.Version.class,
        description = "Tessera: AI textile and surface-pattern engine (headless host).",
        subcommands = {GenerateCommand.class, PatternCommand.Check.class, PatternCommand.Export.class,
            BundlesCommand.class, DatasetCommand.class, ProvenanceCommand.class, TrainCommand.class, QaCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad input, 3 designs made but a production check still fails",
            "(provenance: the policy found violations, or a model's lineage failed)."})
final class TesseraCommand implements Runnable {
    // Read by the launcher before the framework starts; declared here so that help lists them and parsing accepts them.
    @Option(names = "--data", paramLabel = "DIR", description = "Data folder with the hot-deploy folder hot/ (default ~/.tessera).", scope = CommandLine.ScopeType.INHERIT)
    String data;

    @Option(names = "--verbose", description = "Print start-up and job timings.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Option(names = "--strict", description = {"Strict mode (tessera.strict=true): only bundles signed by a trusted key or on the",
        "SHA-256 allow-list load, and learned models need verified lineage (docs/server.md)."}, scope = CommandLine.ScopeType.INHERIT)
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static CommandLine commandLine(Engine engine) {
        CommandLine cli = new CommandLine(TesseraCommand.class, new Factory(engine));
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("tessera: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ExitCode.FAILED;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("tessera: " + ex.getMessage());
            line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        return cli;
    }

    /** Creates commands with the engine injected. */
    private record Factory(Engine engine) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (var c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Engine.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(engine));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var b = org.osgi.framework.FrameworkUtil.getBundle(TesseraCommand.class);
            return new String[] {"tessera " + (b == null ? "dev" : b.getVersion()), "Java " + Runtime.version()};
        }
    }
}
