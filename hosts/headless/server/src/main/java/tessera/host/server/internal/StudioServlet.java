package tessera.host.server.internal;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The web studio: static files from the bundle's {@code /studio} folder; {@code /} redirects to it. */
final class StudioServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/") || path.equals("/studio")) {
            resp.sendRedirect("/studio/");
            return;
        }
        String name = path.substring("/studio/".length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!name.matches("[a-z0-9-]+\\.(html|js|css|svg)")) {
            resp.sendError(404, "no studio file " + name);
            return;
        }
        try (InputStream in = StudioServlet.class.getResourceAsStream("/studio/" + name)) {
            if (in == null) {
                resp.sendError(404, "no studio file " + name);
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            resp.setContentType(switch (ext) {
                case "html" -> "text/html; charset=utf-8";
                case "js" -> "text/javascript; charset=utf-8";
                case "css" -> "text/css; charset=utf-8";
                default -> "image/svg+xml";
            });
            resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self'");
            in.transferTo(resp.getOutputStream());
        }
    }
}
