package org.openvisit.it.launch;

import org.openvisit.it.support.SharedServer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One browser (its own cookies) that follows redirects by hand and remembers where it went. */
final class LaunchBrowser {

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final List<URI> visited = new ArrayList<>();

    HttpResponse<String> get(URI uri) {
        visited.add(uri);
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows redirects from {@code start} until a page answers (or {@code stopAt} is reached), at most 10 hops. */
    HttpResponse<String> follow(URI start, String stopAtPathPrefix) {
        URI next = start;
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> response = get(next);
            if (response.statusCode() != 302 && response.statusCode() != 303) {
                return response;
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
            if (stopAtPathPrefix != null && next.getPath().startsWith(stopAtPathPrefix)) {
                visited.add(next);
                return response;
            }
        }
        throw new AssertionError("more than 10 redirects: " + visited);
    }

    static URI at(String path) {
        return SharedServer.baseUri().resolve(path);
    }
}
