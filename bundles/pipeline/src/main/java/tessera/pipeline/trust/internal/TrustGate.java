package tessera.pipeline.trust.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import tessera.pipeline.trust.BundleTrust;
import tessera.pipeline.trust.TrustVerdict;

/**
 * The one place the trust policy is enforced (#12), whatever installed the bundle: a synchronous
 * bundle listener judges every bundle as it is installed or updated (in strict mode before the
 * installer goes on), and a resolver hook (OSGi Core 60.2) keeps an untrusted bundle from ever
 * resolving in strict mode, so none of its code runs; it is then uninstalled off the installer's thread. Hot folder, HTTP API, CLI and the workbench all install
 * through the framework, so all pass here. Bundles installed before the gate started (the
 * distribution, a kept framework cache) are judged when it starts.
 */
@Component(service = BundleTrust.class, immediate = true)
public final class TrustGate implements BundleTrust {
    private static final System.Logger LOG = System.getLogger("tessera.trust");
    private static final int RECENT = 50;
    private final BundleContext context;
    private final TrustPolicy policy;
    /** Per revision, not per bundle: an update's new revision is never resolved on the old one's verdict. */
    private final Map<BundleRevision, TrustVerdict> verdicts = Collections.synchronizedMap(new WeakHashMap<>());
    private final Deque<TrustVerdict> recent = new ConcurrentLinkedDeque<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-trust");
        t.setDaemon(true);
        return t;
    });
    private final SynchronousBundleListener listener = this::bundleChanged;
    private final ServiceRegistration<ResolverHookFactory> hook;

    @Activate
    public TrustGate(BundleContext context) {
        this.context = context;
        this.policy = TrustPolicy.from(context::getProperty);
        this.hook = context.registerService(ResolverHookFactory.class, triggers -> new Hook(), null);
        context.addBundleListener(listener);
        if (policy.strict()) {
            for (Bundle b : context.getBundles()) {
                judge(b);
            }
        }
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(listener);
        hook.unregister();
        worker.shutdown();
    }

    @Override
    public boolean strict() {
        return policy.strict();
    }

    @Override
    public TrustVerdict check(Path jar) {
        return policy.check(jar);
    }

    @Override
    public List<TrustVerdict> recent() {
        return List.copyOf(recent);
    }

    private void bundleChanged(BundleEvent e) {
        switch (e.getType()) {
            // strict: judged before the installer goes on; otherwise only a warning is at stake, so the
            // hashing stays off the installer's thread and a hot swap is not slowed by it
            case BundleEvent.INSTALLED, BundleEvent.UPDATED -> {
                if (policy.strict()) {
                    judge(e.getBundle());
                } else {
                    worker.execute(() -> judge(e.getBundle()));
                }
            }
            default -> {
                // other transitions change nothing the policy looks at
            }
        }
    }

    private void judge(Bundle b) {
        if (b.getState() == Bundle.UNINSTALLED) {
            return; // judged late (off-thread) and gone already
        }
        TrustVerdict v = verdict(b);
        BundleRevision revision = b.adapt(BundleRevision.class);
        if (revision != null) {
            verdicts.put(revision, v);
        }
        if (v.trusted()) {
            recent.removeIf(old -> old.bundle().equals(v.bundle())); // a refusal fixed since (listed, signed) is news no more
            return;
        }
        recent.addFirst(v);
        while (recent.size() > RECENT) {
            recent.pollLast();
        }
        if (policy.strict()) {
            LOG.log(System.Logger.Level.ERROR, "strict mode refuses " + v.reason() + "; it is uninstalled");
            worker.execute(() -> uninstall(b));
        } else {
            LOG.log(System.Logger.Level.WARNING, v.reason() + "; it loads only because strict mode is off ("
                    + TrustPolicy.STRICT + "=true refuses it)");
        }
    }

    private TrustVerdict verdict(Bundle b) {
        if (b.getBundleId() == 0 || b.equals(context.getBundle())) {
            // the framework, and the bundle enforcing the policy: replacing either replaces the policy itself
            return new TrustVerdict(b.getSymbolicName(), "", true, "enforces the policy");
        }
        Path jar = installedJar(b);
        if (jar == null) {
            return new TrustVerdict(b.getSymbolicName() + " " + b.getVersion(), "", false, "bundle " + b.getSymbolicName()
                    + " was installed from " + b.getLocation() + ", which is not a jar file the trust policy can read;"
                    + " install bundles from jar files that are listed or signed by a trusted key");
        }
        return policy.check(jar);
    }

    private boolean trusted(BundleRevision r) {
        return verdicts.computeIfAbsent(r, x -> verdict(r.getBundle())).trusted();
    }

    private void uninstall(Bundle b) {
        try {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
                // an update refused after the old revision was wired: drop that revision too
                context.getBundle(org.osgi.framework.Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(List.of(b));
            }
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "could not uninstall the refused bundle " + b.getLocation() + ": "
                    + e.getMessage() + "; it stays unresolved");
        }
    }

    /**
     * The bytes the framework installed: its own cached copy where the cache layout is known (Felix keeps
     * {@code bundleN/version<refresh>.<revision>/bundle.jar} beside {@code bundleN/data}), so a file changed
     * at the location after the install cannot be judged in place of what was installed; else the location.
     */
    public static Path installedJar(Bundle b) {
        File data;
        try {
            data = b.getDataFile("");
        } catch (IllegalStateException e) {
            data = null; // uninstalled meanwhile
        }
        if (data != null && data.getParentFile() != null) {
            try (Stream<Path> dirs = Files.list(data.getParentFile().toPath())) {
                Optional<Path> newest = dirs.filter(d -> d.getFileName().toString().matches("version\\d+\\.\\d+")
                        && Files.isRegularFile(d.resolve("bundle.jar"))).max(Comparator.comparing(TrustGate::revision));
                if (newest.isPresent()) {
                    return newest.get().resolve("bundle.jar");
                }
            } catch (IOException e) {
                // an unreadable cache: fall back to the location
            }
        }
        return jarOf(b.getLocation());
    }

    /** {@code version<refresh>.<revision>} as one comparable number. */
    private static long revision(Path dir) {
        String[] v = dir.getFileName().toString().substring("version".length()).split("\\.");
        return Long.parseLong(v[0]) << 32 | Long.parseLong(v[1]);
    }

    /** A bundle's jar from its location: {@code file:} URIs, as Felix, FileInstall and Equinox write them. */
    static Path jarOf(String location) {
        String loc = location;
        if (loc.startsWith("initial@")) {
            loc = loc.substring("initial@".length());
        }
        if (loc.startsWith("reference:")) {
            loc = loc.substring("reference:".length());
        }
        if (!loc.startsWith("file:")) {
            return null;
        }
        try {
            Path p = Path.of(URI.create(loc));
            return Files.isRegularFile(p) ? p : null;
        } catch (IllegalArgumentException e) {
            return null; // relative or malformed: the refusal names the location
        }
    }

    /** Strict mode: an untrusted bundle is never a resolution candidate, so its classes never load. */
    private final class Hook implements ResolverHook {
        @Override
        public void filterResolvable(Collection<BundleRevision> candidates) {
            if (policy.strict()) {
                candidates.removeIf(r -> !trusted(r));
            }
        }

        @Override
        public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisionCandidates) {
            // singletons are not the policy's business
        }

        @Override
        public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
            // a trusted bundle may wire to any resolvable one; untrusted ones never resolve
        }

        @Override
        public void end() {
            // nothing held per resolve
        }
    }
}
