package org.openvisit.report.interfaces.web;

import jakarta.enterprise.context.SessionScoped;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which columns of the visits table the viewer hid or showed, remembered for the rest of the session. */
@SessionScoped
public class ReportColumnChoice implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Boolean> visible = new ConcurrentHashMap<>();

    public boolean visible(String column, boolean byDefault) {
        return visible.getOrDefault(column, byDefault);
    }

    public void set(String column, boolean shown) {
        visible.put(column, shown);
    }
}
