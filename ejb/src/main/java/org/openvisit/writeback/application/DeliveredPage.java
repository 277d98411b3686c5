package org.openvisit.writeback.application;

import java.io.Serializable;
import java.util.List;

/** A page of an endpoint's delivered write-back events (latest first) and how many there are in all. */
public record DeliveredPage(List<QueueItem> items, long total, int first, int max) implements Serializable {

    public DeliveredPage {
        items = List.copyOf(items);
    }
}
