package org.openvisit.tenant.interfaces.web.ehrsignin;

import jakarta.servlet.http.HttpSession;
import org.openvisit.tenant.application.PendingEhrSignIn;

import java.io.Serializable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EHR sign-ins a browser session has started and not completed, by {@code state}. Each is taken out
 * when its callback arrives, so a state works once; at most {@value #MAX} are kept (a few tabs), the
 * oldest dropped first.
 */
final class PendingSignIns implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "org.openvisit.ehrSignIn.pending";
    static final int MAX = 5;

    private final LinkedHashMap<String, PendingEhrSignIn> byState = new LinkedHashMap<>();

    static void add(HttpSession session, PendingEhrSignIn pending) {
        synchronized (session) {
            PendingSignIns all = session.getAttribute(ATTRIBUTE) instanceof PendingSignIns existing
                    ? existing : new PendingSignIns();
            all.byState.put(pending.state(), pending);
            while (all.byState.size() > MAX) {
                Iterator<String> oldest = all.byState.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            session.setAttribute(ATTRIBUTE, all); // set again so that a replicated session sees the change
        }
    }

    /** The sign-in started with {@code state}, removed so that it cannot be completed twice; {@code null} if none. */
    static PendingEhrSignIn take(HttpSession session, String state) {
        if (session == null || state == null) {
            return null;
        }
        synchronized (session) {
            if (!(session.getAttribute(ATTRIBUTE) instanceof PendingSignIns all)) {
                return null;
            }
            PendingEhrSignIn found = null;
            for (Iterator<Map.Entry<String, PendingEhrSignIn>> it = all.byState.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, PendingEhrSignIn> entry = it.next();
                // compared in constant time: the state is a secret of this browser session
                if (MessageDigest.isEqual(entry.getKey().getBytes(StandardCharsets.UTF_8),
                        state.getBytes(StandardCharsets.UTF_8))) {
                    found = entry.getValue();
                    it.remove();
                    break;
                }
            }
            session.setAttribute(ATTRIBUTE, all);
            return found;
        }
    }
}
