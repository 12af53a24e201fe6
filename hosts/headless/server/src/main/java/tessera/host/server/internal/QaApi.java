package tessera.host.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import tessera.api.InvalidValueException;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.ProfileCatalog;
import tessera.api.qa.QaInspector;
import tessera.api.qa.QaRequest;
import tessera.api.repeat.RepeatGeometry;

/**
 * {@code POST /api/qa} (#10, #12): a scan of printed goods against its source through the QaInspector
 * service, recorded as a job of kind {@code qa} whose record is the QaReport and whose artifacts are the
 * report and the overlay. The source is a job's artifact ({@code ?job=&source=}, scan as the raw body) or
 * uploaded beside the scan ({@code multipart/form-data}, parts {@code source} and {@code scan}).
 */
final class QaApi {
    private final BundleContext context;
    private final JobRunner runner;
    private final JobStore jobs;

    QaApi(BundleContext context, JobRunner runner, JobStore jobs) {
        this.context = context;
        this.runner = runner;
        this.jobs = jobs;
    }

    Object inspect(Call c, JobViews views) throws Exception {
        RepeatGeometry repeat;
        try {
            repeat = RepeatGeometry.parse(c.query("repeat") == null ? "block" : c.query("repeat"));
        } catch (InvalidValueException e) {
            throw new ApiError(400, "repeat: " + e.getMessage());
        }
        ProductionProfile profile = profile(c.query("profile"));
        Path in = Files.createTempDirectory("tessera-qa-");
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            Path source;
            Path scan;
            String type = c.request().getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                source = part(c, "source", in);
                scan = part(c, "scan", in);
                request.put("source", "upload");
            } else {
                source = sourceArtifact(c, views, in, request);
                scan = Files.move(c.bodyToFile(c.settings().maxUploadBytes(), "scan (PNG or TIFF)", ".img"), in.resolve("scan"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            PatternUpload.checkPixels(source, c.settings(), "the source");
            PatternUpload.checkPixels(scan, c.settings(), "the scan");
            request.put("repeat", repeat.toString());
            request.put("profile", profile == null ? null : profile.id());
            String id;
            try {
                id = runner.runTool("qa", request, c.caller().user(), out -> PluginCall.with(context, QaInspector.class,
                        "the vision-QA plugin (tessera.plugin.qa) is not active", i -> i.inspect(new QaRequest(source, scan, repeat, profile), out)));
            } catch (IOException e) {
                throw new ApiError(400, e.getMessage()); // the inspector names what it could not read
            }
            jobs.audit(c.caller().user(), "qa", id, request.toString());
            return views.view(id);
        } finally {
            try (var s = Files.list(in)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(in);
        }
    }

    /** The source named by {@code ?job=ID&source=NAME}, a job the caller may see, copied out of the store. */
    private static Path sourceArtifact(Call c, JobViews views, Path in, Map<String, Object> request) throws Exception {
        String job = c.query("job");
        String name = c.query("source");
        if (job == null || name == null) {
            throw new ApiError(400, "say which design the scan shows: ?job=ID&source=ARTIFACT (e.g. design-01-print.tif of a"
                    + " job), or send multipart/form-data with the parts 'source' and 'scan'");
        }
        JobStore.Artifact a = views.artifact(views.visible(c, job), name);
        request.put("job", job);
        request.put("source", name);
        return Files.copy(views.file(a), in.resolve("source"));
    }

    private static Path part(Call c, String name, Path in) throws IOException {
        Part p;
        try {
            p = c.request().getPart(name);
        } catch (ServletException | IllegalStateException e) {
            throw new ApiError(413, "the upload exceeds " + c.settings().maxUploadBytes() + " bytes or is not valid multipart: "
                    + e.getMessage());
        }
        if (p == null || p.getSize() == 0) {
            throw new ApiError(400, "the multipart upload has no '" + name + "' part; send 'source' (the design) and 'scan'");
        }
        Path f = in.resolve(name);
        try (InputStream s = p.getInputStream()) {
            Files.copy(s, f, StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    private ProductionProfile profile(String id) throws InvalidSyntaxException {
        if (id == null || id.isBlank()) {
            return null;
        }
        TreeSet<String> known = new TreeSet<>();
        for (ServiceReference<ProfileCatalog> ref : context.getServiceReferences(ProfileCatalog.class, null)) {
            ProfileCatalog cat = context.getService(ref);
            try {
                Optional<ProductionProfile> p = cat == null ? Optional.empty() : cat.find(id);
                if (p.isPresent()) {
                    return p.get();
                }
                if (cat != null) {
                    cat.profiles().forEach(x -> known.add(x.id()));
                }
            } finally {
                context.ungetService(ref);
            }
        }
        throw new ApiError(400, "unknown profile '" + id + "'; known: " + String.join(", ", known));
    }
}
