package org.openvisit.writeback.application;

import org.openvisit.writeback.domain.model.WriteBackAdapter;

/**
 * The port to an EHR for write-back: writes one visit event so that doing it again changes nothing
 * more (idempotent at the EHR). Adapters: {@code HapiFhirWriteBack} (FHIR R4, the default) and
 * {@code EpicConnectionStatusWriteBack} (an Epic-style "set connection status" call); an endpoint's
 * write-back settings choose one.
 */
public interface EhrWriteBack {

    WriteBackAdapter kind();

    /**
     * Writes the event to the EHR.
     *
     * @throws DeliveryFailure saying in plain words what went wrong and whether trying again may help
     */
    void deliver(Delivery delivery);
}
