package org.openvisit.writeback.infrastructure.epic;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.VisitEventType;

import static org.assertj.core.api.Assertions.assertThat;

class EpicConnectionStatusWriteBackTest {

    @Test
    void theCallLivesBesideTheFhirApi() {
        assertThat(EpicConnectionStatusWriteBack.callFor("https://ehr.example.org/interconnect-prd/api/FHIR/R4"))
                .hasToString("https://ehr.example.org/interconnect-prd/api/epic/2019/Telehealth/External/SetConnectionStatus");
        assertThat(EpicConnectionStatusWriteBack.callFor("http://127.0.0.1:8080/ehr-sandbox/fhir"))
                .hasToString("http://127.0.0.1:8080/ehr-sandbox/api/epic/2019/Telehealth/External/SetConnectionStatus");
    }

    @Test
    void everyConnectionEventHasAStatusAndTheDeviceTestNone() {
        assertThat(EpicConnectionStatusWriteBack.status(VisitEventType.CONNECTED)).isEqualTo("Connected");
        assertThat(EpicConnectionStatusWriteBack.status(VisitEventType.VISIT_ENDED)).isEqualTo("Ended");
        assertThat(EpicConnectionStatusWriteBack.status(VisitEventType.DEVICE_TEST)).isNull();
    }
}
