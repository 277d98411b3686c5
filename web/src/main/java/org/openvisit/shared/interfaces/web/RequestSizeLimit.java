package org.openvisit.shared.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.operations.interfaces.web.OperationsPaths;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * OpenVisit's own limit on a request body ({@value #MAX_BYTES} bytes, 1 MiB), in place of the HTTP listener's: the
 * listener's refusal is a page of the application server naming its product and version, which it writes before any
 * application code runs. So the listener's limit is off ({@code max-post-size-bytes=-1}, server-config/pre-boot-commands
 * and the README's EAR steps) and this filter, first on every path, answers {@code 413} itself: a problem document on
 * the API and the operations endpoints, one plain sentence in the reader's language elsewhere; the connection is
 * closed without reading the body. A body without a declared length (chunked) is counted as it is read and fails the
 * request once it passes the limit (the API then answers 400); a form post without a length (whose fields the container
 * would read past this filter) is refused with {@code 411}.
 */
@WebFilter(filterName = "RequestSizeLimit")
public class RequestSizeLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The largest request body OpenVisit reads: the API's JSON, webhooks and portal forms are far smaller. */
    public static final long MAX_BYTES = 1_048_576;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
                    "The request body is larger than " + MAX_BYTES + " bytes.", "tooLarge.text");
            return;
        }
        if (declared < 0) { // chunked on HTTP/1.1, or no length on HTTP/2
            if (isForm(request.getContentType())) {
                refuse(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "Length Required",
                        "A form must say its length (Content-Length).", "lengthRequired.text");
                return;
            }
            chain.doFilter(new Limited(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String detail, String textKey) throws IOException {
        response.setStatus(status);
        response.setHeader("Connection", "close"); // the unread body is not waited for
        PageHeaders.applyToRefusal(response);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/") || OperationsPaths.covers(path)) {
            response.setContentType("application/problem+json");
            response.getWriter().write(Jsons.createObjectBuilder().add("type", "about:blank").add("title", title)
                    .add("status", status).add("detail", detail).build().toString());
        } else {
            response.setContentType("text/plain");
            response.setHeader("Content-Language", BrowserLanguage.tag(BrowserLanguage.of(request)));
            response.getWriter().write(BundleTexts.of(SharedText.BUNDLE, BrowserLanguage.of(request)).get(textKey));
        }
    }

    /** A request whose body stops with an {@link IOException} once more than {@link #MAX_BYTES} were read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream stream;
        private BufferedReader reader;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() was called already");
            }
            if (stream == null) {
                stream = new Counted(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (stream != null) {
                throw new IllegalStateException("getInputStream() was called already");
            }
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(new Counted(super.getInputStream()), charset));
            }
            return reader;
        }
    }

    /** A body that fails with an {@link IOException} once more than {@link #MAX_BYTES} were read. */
    static final class Counted extends ServletInputStream {

        private final ServletInputStream body;
        private long read;

        Counted(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
                throw new IOException("The request body is larger than " + MAX_BYTES + " bytes.");
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
