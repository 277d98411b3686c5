package org.openvisit.it.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser sends back with a portal form besides its fields: the view state, and the view's script nonce
 * ({@code primefaces.nonce}), which PrimeFaces' script adds to every JSF form in a browser and the server checks
 * on every post (its nonce mode, {@code primefaces.CSP}). Tests that post forms over plain HTTP take both from the
 * page as the browser would.
 */
public final class JsfForm {

    public static final String NONCE_FIELD = "primefaces.nonce";
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private JsfForm() {
    }

    /** The page's view state, unescaped; fails when the page has no JSF form. */
    public static String viewState(String html) {
        Matcher viewState = VIEW_STATE.matcher(html);
        if (!viewState.find()) {
            throw new AssertionError("the page has no JSF form (no view state): " + abbreviated(html));
        }
        return viewState.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    /** The view's script nonce as PrimeFaces' script reads it; fails when the page has none. */
    public static String nonce(String html) {
        Matcher nonce = NONCE.matcher(html);
        if (!nonce.find()) {
            throw new AssertionError("the page has no PrimeFaces script nonce: " + abbreviated(html));
        }
        return nonce.group(1).replace("\\/", "/").replace("\\x2b", "+").replace("\\x3d", "=").replace("\\x2f", "/");
    }

    private static String abbreviated(String html) {
        return html.length() > 400 ? html.substring(0, 400) + "…" : html;
    }
}
