package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.tenant.application.IntegrationRecord;
import org.openvisit.tenant.application.MoreIntegrationRecords;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SMS records of an endpoint with SMS settings, for its EHR's interface team: where the HL7v2 appointment feed
 * goes (HTTPS, and MLLP when the listener is on), which field holds the patient's mobile number, and the numbers the
 * messages come from. Addresses and field names only: no secret (the feed secret is shown once on the SMS page).
 */
@Stateless
public class SmsIntegrationRecords implements MoreIntegrationRecords {

    @Inject
    private SmsEndpointSettingsRepository settings;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    @ConfigProperty(name = "openvisit.sms.mllp.port", defaultValue = "0")
    private int mllpPort;

    @Override
    public List<IntegrationRecord> recordsFor(UUID organizationId, UUID endpointId, String publicBase) {
        Optional<SmsEndpointSettings> endpoint = settings.find(endpointId);
        if (endpoint.isEmpty()) {
            return List.of();
        }
        List<IntegrationRecord> records = new ArrayList<>();
        records.add(new IntegrationRecord("smsFeedUrl", "SMS: appointment feed over HTTPS (HL7v2 SIU)",
                publicBase + "/api/feeds/hl7v2/" + endpointId, "POST each SIU message (S12, S13, S14, S15, S17, "
                + "S26) as application/hl7-v2, signed with the feed secret from the SMS page or with the key of the "
                + "certificate uploaded there (headers X-OpenVisit-Signature, X-OpenVisit-Timestamp); the answer is "
                + "an HL7 ACK"));
        if (mllpPort > 0) {
            String facility = endpoint.get().sendingFacility().map(f -> ", MSH-4 " + f).orElse("");
            records.add(new IntegrationRecord("smsMllp", "SMS: appointment feed over MLLP",
                    URI.create(publicBase).getHost() + ":" + mllpPort + facility, "the same SIU messages over MLLP "
                    + "from the interface engine's address that IT allowed; the endpoint is found by the sending "
                    + "facility (MSH-4) set on the SMS page"));
        }
        records.add(new IntegrationRecord("smsPatientNumber", "SMS: the patient's mobile number",
                "PID-13 (XTN-3 = CP; XTN-12, else XTN-1)", "the one field OpenVisit reads about the patient; kept "
                + "sealed until the appointment has taken place"));
        List<String> sending = numbers.findByOrganization(organizationId).stream()
                .filter(n -> n.status() == SmsNumberStatus.ACTIVE && n.endpoints().contains(endpointId))
                .flatMap(n -> n.number().stream()).map(SendingNumber::e164).sorted().toList();
        if (!sending.isEmpty()) {
            records.add(new IntegrationRecord("smsSendingNumbers", "SMS: sending numbers", String.join(", ", sending),
                    "the numbers patients get the messages from (and answer STOP, START or HELP to)"));
        }
        return records;
    }
}
