package org.openvisit.notify.infrastructure.hl7;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.application.FeedRefusal;
import org.openvisit.notify.application.SiuMessage;
import org.openvisit.notify.domain.model.AppointmentEvent;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.notify.infrastructure.hl7.SiuMessages.siu;

class HapiSiuCodecTest {

    private final HapiSiuCodec codec = new HapiSiuCodec();

    @Test
    void aBookingIsReadWithTheCellPhoneEntryTheStartAndTheDepartment() {
        SiuMessage m = codec.read(siu("S12", "MSG-1", "CLINIC", "APT-7", "202612051430-0500", "Cardiology",
                "(202) 555-0100|PH", "(202) 555-0147|CP"));
        assertThat(m.controlId()).isEqualTo("MSG-1");
        assertThat(m.event()).isEqualTo(AppointmentEvent.BOOKED);
        assertThat(m.sendingFacility()).isEqualTo("CLINIC");
        assertThat(m.appointmentId()).isEqualTo("APT-7");
        assertThat(m.startLocal()).isEqualTo(LocalDateTime.of(2026, 12, 5, 14, 30));
        assertThat(m.startOffset()).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(m.start(ZoneId.of("UTC"))).contains(Instant.parse("2026-12-05T19:30:00Z"));
        assertThat(m.department()).isEqualTo("Cardiology");
        assertThat(m.phone()).isEqualTo("(202) 555-0147");
    }

    @Test
    void theClinicianIsReadFromTheFirstPersonnelResourceAsAPatientWouldReadTheName() {
        SiuMessage named = codec.read(SiuMessages.siuWithClinician("S12", "MSG-8", "CLINIC", "APT-8", "202612051430", null, "Dr|Jane|Smith",
                "2025550100|CP"));
        assertThat(named.clinician()).isEqualTo("Dr Jane Smith");
        assertThat(named.phone()).isEqualTo("2025550100");
        SiuMessage familyOnly = codec.read(SiuMessages.siuWithClinician("S12", "MSG-9", "CLINIC", "APT-9", "202612051430", null, "||Ivanova",
                "2025550100|CP"));
        assertThat(familyOnly.clinician()).isEqualTo("Ivanova");
        assertThat(codec.read(siu("S12", "MSG-10", "CLINIC", "APT-10", "202612051430", null, "2025550100|CP"))
                .clinician()).isNull();
    }

    @Test
    void withoutACellPhoneTheFirstEntryAndWithoutOffsetTheEndpointsZone() {
        SiuMessage m = codec.read(siu("S13", "MSG-2", "CLINIC", "APT-7", "202612051430", null,
                "2025550100|PH", "2025550111|FX"));
        assertThat(m.event()).isEqualTo(AppointmentEvent.RESCHEDULED);
        assertThat(m.phone()).isEqualTo("2025550100");
        assertThat(m.startOffset()).isNull();
        assertThat(m.start(ZoneId.of("America/New_York"))).contains(Instant.parse("2026-12-05T19:30:00Z"));
    }

    @Test
    void everyHandledTriggerIsRead() {
        for (AppointmentEvent e : AppointmentEvent.values()) {
            assertThat(codec.read(siu(e.trigger(), "C-" + e, "F", "A", "202612051430", null)).event()).isEqualTo(e);
        }
    }

    @Test
    void aCancellationMayComeWithoutStartOrPhone() {
        SiuMessage m = codec.read(siu("S15", "MSG-3", "CLINIC", "APT-7", null, null));
        assertThat(m.startLocal()).isNull();
        assertThat(m.phone()).isNull();
        assertThat(m.start(ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void badMessagesAreRefusedWithAReason() {
        assertRefused("hello", FeedRefusal.Reason.UNPARSEABLE, "not an HL7v2");
        assertRefused("MSH|^~\\&|broken", FeedRefusal.Reason.UNPARSEABLE, "cannot be parsed");
        assertRefused("MSH|^~\\&|EHR|F|||20261204||ADT^A01|X1|P|2.5.1\rPID|1||MRN\r",
                FeedRefusal.Reason.UNSUPPORTED, "not an SIU");
        assertRefused(siu("S99", "X2", "F", "A", "202612051430", null), FeedRefusal.Reason.UNSUPPORTED, "S99");
        assertRefused(siu("S12", "X3", "F", null, "202612051430", null), FeedRefusal.Reason.INCOMPLETE,
                "appointment id");
        assertRefused(siu("S12", "X4", "F", "A", null, null), FeedRefusal.Reason.INCOMPLETE, "no start");
        assertRefused(siu("S12", "X5", "F", "A", "2026", null), FeedRefusal.Reason.INCOMPLETE, "to the minute");
        assertRefused(siu("S12", "X6", "F", "A", "202613451430", null), FeedRefusal.Reason.INCOMPLETE, "real date");
    }

    private void assertRefused(String message, FeedRefusal.Reason reason, String words) {
        assertThatThrownBy(() -> codec.read(message)).isInstanceOf(FeedRefusal.class)
                .hasMessageContaining(words).extracting(e -> ((FeedRefusal) e).reason()).isEqualTo(reason);
    }

    @Test
    void acknowledgementsCarryTheControlIdAndTheReason() {
        String message = siu("S12", "MSG-9", "CLINIC", "APT-7", "202612051430", null, "2025550147|CP");
        String aa = codec.accept(message);
        assertThat(aa).contains("MSA|AA|MSG-9");
        // the sender's and the receiver's application and facility swapped, the version kept, nothing of the patient
        String[] header = aa.split("\r")[0].split("\\|");
        String[] sent = message.replace("\n", "\r").split("\r")[0].split("\\|");
        assertThat(new String[] {header[2], header[3], header[4], header[5]})
                .containsExactly(sent[4], sent[5], sent[2], sent[3]);
        assertThat(header[11]).isEqualTo(sent[11]);
        assertThat(aa).doesNotContain("2025550147").doesNotContain("APT-7");
        String ae = codec.refuse(message, new FeedRefusal(FeedRefusal.Reason.INVALID_NUMBER, "Not a mobile number."));
        assertThat(ae).contains("MSA|AE|MSG-9|Not a mobile number.").contains("ERR|");
        String ar = codec.refuse(message, new FeedRefusal(FeedRefusal.Reason.BAD_SIGNATURE, "Bad signature."));
        assertThat(ar).contains("MSA|AR|MSG-9|Bad signature.");
        String garbage = codec.refuse("hello", new FeedRefusal(FeedRefusal.Reason.UNPARSEABLE, "Not HL7v2."));
        assertThat(garbage).startsWith("MSH|").contains("MSA|AR||Not HL7v2.");
    }

    @Test
    void acknowledgementsAreNumberedWithoutAFileInTheWorkingDirectory() throws java.io.IOException {
        java.nio.file.Path idFile = java.nio.file.Path.of("id_file");
        String message = siu("S12", "MSG-10", "CLINIC", "APT-7", "202612051430", null, "2025550147|CP");
        java.nio.file.Files.deleteIfExists(idFile); // this test's message builder (HAPI's quick start) writes one
        String first = codec.accept(message).split("\r")[0].split("\\|")[9];
        String second = codec.accept(message).split("\r")[0].split("\\|")[9];
        assertThat(first).matches("[0-9A-Z]{20}").isNotEqualTo(second);
        assertThat(idFile).doesNotExist();
    }
}
