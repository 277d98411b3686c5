package org.openvisit.notify.infrastructure.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.notify.application.FeedRefusal;
import org.openvisit.notify.application.FeedRefusal.Reason;
import org.openvisit.notify.application.SiuCodec;
import org.openvisit.notify.application.SiuMessage;
import org.openvisit.notify.domain.model.AppointmentEvent;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIU messages through HAPI HL7v2: every version is read into the 2.5.1 model (S12 to S26 share the SIU_S12
 * structure there), fields are taken with HAPI's {@link Terser}, and acknowledgements are HAPI's own ACKs. No
 * validation profile: real senders differ, and the fields OpenVisit needs are checked here.
 */
@ApplicationScoped
public class HapiSiuCodec implements SiuCodec {

    /** yyyyMMddHHmm[ss[.s+]][+/-ZZZZ]: an appointment's start needs at least the minute. */
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(?:\\.\\d{1,4})?([+-]\\d{4})?");
    private static final int MAX_ID = 200;

    private final PipeParser parser;

    public HapiSiuCodec() {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default numbers acknowledgements from a file "id_file" in the server's working directory (one
        // more file to back up, shared by nobody in a cluster): random ids instead, 20 characters as MSH-10 allows
        context.getParserConfiguration().setIdGenerator(HapiSiuCodec::randomControlId);
        this.parser = context.getPipeParser();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message control id for an acknowledgement: 20 random letters and digits. */
    static String randomControlId() {
        StringBuilder id = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return id.toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public SiuMessage read(String text) {
        Message message = parse(text);
        if (!(message instanceof SIU_S12 siu)) {
            throw new FeedRefusal(Reason.UNSUPPORTED, "This is not an SIU (scheduling) message; OpenVisit takes "
                    + "SIU S12, S13, S14, S15, S17 and S26 only.");
        }
        Terser t = new Terser(siu);
        String trigger = get(t, "/MSH-9-2");
        AppointmentEvent event = AppointmentEvent.ofTrigger(trigger == null ? "" : trigger)
                .orElseThrow(() -> new FeedRefusal(Reason.UNSUPPORTED, "OpenVisit takes SIU S12, S13, S14, S15, "
                        + "S17 and S26; not " + (trigger == null ? "a message without trigger event" : trigger)
                        + "."));
        String control = id(get(t, "/MSH-10"), "MSH-10 (message control id)");
        String appointment = get(t, "/SCH-2-1");
        if (appointment == null) {
            appointment = get(t, "/SCH-1-1");
        }
        appointment = id(appointment, "SCH-2 or SCH-1 (the appointment id)");
        String start = first(t, "/SCH-11-4-1", "/.TQ1-7-1", "/.AIS-4-1");
        LocalDateTime local = null;
        ZoneOffset offset = null;
        if (start != null) {
            Matcher m = DTM.matcher(start);
            if (!m.matches()) {
                throw new FeedRefusal(Reason.INCOMPLETE, "The appointment's start (SCH-11, TQ1-7 or AIS-4) must be "
                        + "a date and time to the minute at least (YYYYMMDDHHMM).");
            }
            try {
                local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                offset = m.group(7) == null ? null : ZoneOffset.of(m.group(7).substring(0, 3) + ":"
                        + m.group(7).substring(3));
            } catch (java.time.DateTimeException e) {
                throw new FeedRefusal(Reason.INCOMPLETE, "The appointment's start is not a real date and time.");
            }
        } else if (event == AppointmentEvent.BOOKED || event == AppointmentEvent.RESCHEDULED) {
            throw new FeedRefusal(Reason.INCOMPLETE, "The message has no start for the appointment (SCH-11, TQ1-7 "
                    + "or AIS-4).");
        }
        String department = first(t, "/.AIL-3-1", "/.AIL-3-9", "/.AIL-3-4-1");
        return new SiuMessage(control, event, get(t, "/MSH-4-1"), appointment, local, offset, department,
                phone(siu, t), clinician(t));
    }

    /** AIP-3 of the first personnel resource: prefix, given name and family name, as a patient would read them. */
    private static String clinician(Terser t) {
        String family = get(t, "/.AIP-3-2-1");
        if (family == null) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (String part : new String[] {get(t, "/.AIP-3-6"), get(t, "/.AIP-3-3"), family, get(t, "/.AIP-3-5")}) {
            if (part != null) {
                name.append(name.isEmpty() ? "" : " ").append(part);
            }
        }
        return name.toString();
    }

    /** PID-13: the entry whose equipment (XTN-3) is a cell phone, else the first; its number as written. */
    private static String phone(SIU_S12 siu, Terser t) {
        int reps = siu.getPATIENT().getPID().getPhoneNumberHomeReps();
        int chosen = -1;
        for (int i = 0; i < reps; i++) {
            String equipment = get(t, "/.PID-13(" + i + ")-3");
            String use = get(t, "/.PID-13(" + i + ")-2");
            if ("CP".equalsIgnoreCase(equipment) || "PRS".equalsIgnoreCase(use) && chosen < 0) {
                chosen = i;
                if ("CP".equalsIgnoreCase(equipment)) {
                    break;
                }
            }
        }
        if (chosen < 0 && reps > 0) {
            chosen = 0;
        }
        if (chosen < 0) {
            return null;
        }
        String p = "/.PID-13(" + chosen + ")";
        String unformatted = get(t, p + "-12");
        if (unformatted != null) {
            return unformatted;
        }
        String formatted = get(t, p + "-1");
        if (formatted != null) {
            return formatted;
        }
        String area = get(t, p + "-6");
        String local = get(t, p + "-7");
        if (local == null) {
            return null;
        }
        String country = get(t, p + "-5");
        return (country == null ? "" : "+" + country.replaceFirst("^\\+", "") + " ")
                + (area == null ? "" : area + " ") + local;
    }

    @Override
    public String accept(String text) {
        try {
            // made from the header alone (all an ACK takes from the message): the feed has read the whole message
            // already, and a second full parse was a sixth of the intake's CPU
            return parser.encode(parse(header(text)).generateACK());
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("HAPI could not write an ACK", e);
        }
    }

    @Override
    public String refuse(String text, FeedRefusal refusal) {
        AcknowledgmentCode code = refusal.reason().reject() ? AcknowledgmentCode.AR : AcknowledgmentCode.AE;
        try {
            Message ack;
            try {
                ack = parse(text).generateACK(code, new HL7Exception(refusal.getMessage()));
            } catch (FeedRefusal | HL7Exception unparseable) {
                ack = bareAck(text, code);
            }
            new Terser(ack).set("/MSA-3", refusal.getMessage());
            return parser.encode(ack);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("HAPI could not write an ACK", e);
        }
    }

    /** An ACK for a message HAPI could not read: the control id if it can be found, else none. */
    private Message bareAck(String text, AcknowledgmentCode code) throws HL7Exception, IOException {
        ACK ack = new ACK();
        ack.initQuickstart("ACK", null, "P");
        ack.getMSA().getAcknowledgmentCode().setValue(code.name());
        String control = null;
        try {
            control = parser.getAckID(normalise(text));
        } catch (RuntimeException ignored) {
            // no MSH to take it from
        }
        if (control != null && control.length() <= MAX_ID) {
            ack.getMSA().getMessageControlID().setValue(control);
        }
        return ack;
    }

    private Message parse(String text) {
        if (text == null || !text.stripLeading().startsWith("MSH")) {
            throw new FeedRefusal(Reason.UNPARSEABLE, "This is not an HL7v2 message (it must begin with MSH).");
        }
        try {
            return parser.parse(normalise(text));
        } catch (HL7Exception e) {
            throw new FeedRefusal(Reason.UNPARSEABLE, "The HL7v2 message cannot be parsed: "
                    + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new FeedRefusal(Reason.UNPARSEABLE, "The HL7v2 message cannot be parsed.");
        }
    }

    /** HL7v2 separates segments by CR; HTTP senders often use LF or CRLF. */
    /** The message's MSH segment, as a message of its own. */
    private static String header(String text) {
        String message = normalise(text == null ? "" : text);
        int end = message.indexOf('\r');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String normalise(String text) {
        return text.strip().replace("\r\n", "\r").replace('\n', '\r');
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String first(Terser t, String... paths) {
        for (String path : paths) {
            String v = get(t, path);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String get(Terser t, String path) {
        try {
            String v = t.get(path);
            return v == null || v.isBlank() ? null : v.strip();
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    private static String id(String value, String field) {
        if (value == null) {
            throw new FeedRefusal(Reason.INCOMPLETE, "The message has no " + field + ".");
        }
        if (value.length() > MAX_ID) {
            throw new FeedRefusal(Reason.INCOMPLETE, field + " is longer than " + MAX_ID + " characters.");
        }
        return value;
    }
}
