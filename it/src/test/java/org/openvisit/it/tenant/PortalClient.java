package org.openvisit.it.tenant;

import org.openvisit.it.support.Http;
import org.openvisit.it.support.JsfForm;
import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser as far as the EHR sign-in needs one: cookies kept per site, redirects not followed (the tests
 * follow them one by one and look at each), forms posted. Signs in to the portal through its JSF form.
 */
public final class PortalClient {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"signIn\"[^>]*action=\"([^\"]*)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final java.time.Duration SANDBOX_DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(2);

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The browser's languages, sent as Accept-Language with every request; none when {@code null}. */
    private String languages;

    /** This browser with {@code acceptLanguage} as its languages, e.g. {@code zh-CN,zh;q=0.9}. */
    public PortalClient speaking(String acceptLanguage) {
        this.languages = acceptLanguage;
        return this;
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return get(resolve(pathOrUrl));
    }

    /** A download as bytes (an .xlsx file), with this browser's cookies. */
    public HttpResponse<byte[]> getBytes(String pathOrUrl) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathOrUrl)).GET();
            if (languages != null) {
                request.header("Accept-Language", languages);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + pathOrUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** Signs in on /sign-in.xhtml as a person does: the JSF form with its view state. */
    public void signIn(String username, String password) {
        HttpResponse<String> signedIn = trySignIn(username, password);
        assertThat(signedIn.statusCode()).as("signing in as " + username + ": " + signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("sign-in");
    }

    /** Sends the sign-in form and answers what came back (a redirect when it worked, the form again if not). */
    public HttpResponse<String> trySignIn(String username, String password) {
        HttpResponse<String> page = get("/sign-in.xhtml");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher viewState = VIEW_STATE.matcher(page.body());
        assertThat(viewState.find()).as("the sign-in form has a view state").isTrue();
        Matcher action = FORM_ACTION.matcher(page.body());
        String target = action.find() ? unescape(action.group(1)) : "/sign-in.xhtml";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("signIn", "signIn");
        form.put("signIn:username", username);
        form.put("signIn:password", password);
        form.put("signIn:next", "");
        form.put("signIn:submit", "");
        form.put("jakarta.faces.ViewState", unescape(viewState.group(1)));
        form.put(JsfForm.NONCE_FIELD, JsfForm.nonce(page.body()));
        return postForm(resolve(target), form);
    }

    /** The hidden fields of a page's form (the sandbox's sign-in page). */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    public static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(302, 303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    public static URI resolve(String pathOrUrl) {
        return SharedServer.baseUri().resolve(pathOrUrl);
    }

    /** The sandbox WAR deploys after OpenVisit; waits until its CapabilityStatement answers. */
    public static void awaitSandbox() {
        URI metadata = SharedServer.sandboxUri().resolve("fhir/metadata");
        long deadline = System.nanoTime() + SANDBOX_DEPLOY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = Http.get(metadata);
                if (response.statusCode() == 200 && response.body().contains("CapabilityStatement")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // still deploying
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the EHR sandbox did not deploy within " + SANDBOX_DEPLOY_TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            if (languages != null) {
                request.header("Accept-Language", languages);
            }
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
    }
}
