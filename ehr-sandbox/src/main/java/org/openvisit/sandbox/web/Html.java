package org.openvisit.sandbox.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Escaping and the common frame of the sandbox's HTML pages. */
public final class Html {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
            header{background:#23395d;color:#fff;padding:.6rem 1.2rem}header a{color:#cfe0ff;margin-right:1rem}
            main{padding:1rem 1.4rem;max-width:70rem}table{border-collapse:collapse;background:#fff}
            td,th{border:1px solid #d5dbe3;padding:.35rem .6rem;text-align:left;vertical-align:top}
            button{background:#1b6e3a;color:#fff;border:0;padding:.4rem .8rem;border-radius:4px;cursor:pointer}
            .error{background:#fde8e8;border:1px solid #e0a0a0;padding:.8rem}code,textarea{font-size:.85rem}
            """;

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public static void write(HttpServletResponse response, int status, String title, String contextPath, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + " - EHR sandbox</title><style>" + STYLE + "</style></head><body><header><strong>EHR sandbox</strong> &nbsp; "
                + "<a href=\"" + contextPath + "/ehr\">EHR screen</a><a href=\"" + contextPath + "/admin\">Admin</a>"
                + "<a href=\"" + contextPath + "/fhir/metadata\">FHIR metadata</a></header><main><h1>" + escape(title) + "</h1>"
                + body + "</main></body></html>");
    }
}
