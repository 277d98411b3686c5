package org.openvisit.notify.infrastructure.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.util.Terser;

import java.io.IOException;

/** SIU messages built with HAPI, for tests (an EHR's feed as OpenVisit sees it). */
public final class SiuMessages {

    private SiuMessages() {
    }

    /**
     * An SIU message: trigger (S12…), control id, facility, appointment id (SCH-2), start (SCH-11, e.g.
     * {@code 202612051430-0500}, null for none), department (AIL-3), phones (PID-13, each "number|equipment").
     */
    public static String siu(String trigger, String controlId, String facility, String appointmentId, String start,
                             String department, String... phones) {
        return siuWithClinician(trigger, controlId, facility, appointmentId, start, department, null, phones);
    }

    /**
     * The same with the clinician in AIP-3 ({@code "prefix|given|family"}, null for no AIP segment).
     */
    public static String siuWithClinician(String trigger, String controlId, String facility, String appointmentId,
                                          String start, String department, String clinician, String... phones) {
        try {
            SIU_S12 m = new SIU_S12();
            m.initQuickstart("SIU", trigger, "P");
            Terser t = new Terser(m);
            t.set("/MSH-10", controlId);
            t.set("/MSH-4-1", facility);
            t.set("/MSH-3-1", "EHR");
            if (appointmentId != null) {
                t.set("/SCH-2-1", appointmentId);
            }
            if (start != null) {
                t.set("/SCH-11-4-1", start);
            }
            t.set("/PATIENT/PID-3-1", "MRN-1");
            for (int i = 0; i < phones.length; i++) {
                String[] p = phones[i].split("\\|");
                t.set("/PATIENT/PID-13(" + i + ")-1", p[0]);
                if (p.length > 1) {
                    t.set("/PATIENT/PID-13(" + i + ")-3", p[1]);
                }
            }
            if (department != null) {
                t.set("/RESOURCES/LOCATION_RESOURCE/AIL-3-1", department);
            }
            if (clinician != null) {
                String[] name = clinician.split("\\|", -1);
                t.set("/RESOURCES/PERSONNEL_RESOURCE/AIP-1", "1");
                t.set("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-1", "DR-77");
                t.set("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-6", name[0]);
                t.set("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-3", name[1]);
                t.set("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-2-1", name[2]);
            }
            try (DefaultHapiContext context = new DefaultHapiContext()) {
                return context.getPipeParser().encode(m);
            }
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
