package org.openvisit.shared.interfaces.web;

import jakarta.enterprise.context.SessionScoped;

import java.io.Serializable;
import java.util.List;

/**
 * This browser's launch in progress: which sites may frame its pages until it reaches the visit (the
 * launch callback and its refusal pages carry no {@code iss} to look them up by).
 */
@SessionScoped
public class EmbeddingSession implements Serializable {

    private static final long serialVersionUID = 1L;

    private List<String> launchFrameAncestors = List.of();

    public List<String> launchFrameAncestors() {
        return launchFrameAncestors;
    }

    public void launchFrameAncestors(List<String> origins) {
        this.launchFrameAncestors = List.copyOf(origins);
    }
}
