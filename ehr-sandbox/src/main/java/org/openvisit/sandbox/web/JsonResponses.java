package org.openvisit.sandbox.web;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Writes JSON answers (never cached: they may carry tokens). */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void write(HttpServletResponse response, int status, JsonStructure json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        try (var writer = Json.createWriter(response.getWriter())) {
            writer.write(json);
        }
    }

    public static void error(HttpServletResponse response, int status, String error, String description) throws IOException {
        write(response, status, Json.createObjectBuilder().add("error", error)
                .add("error_description", description == null ? error : description).build());
    }
}
