package org.openvisit.notify.application;

/** Reads SIU messages and writes their acknowledgements (the HL7v2 library's adapter implements it). */
public interface SiuCodec {

    /** @throws FeedRefusal UNPARSEABLE, UNSUPPORTED or INCOMPLETE */
    SiuMessage read(String text);

    /** An ACK with AA for the message. */
    String accept(String text);

    /** An ACK with AE or AR and the reason in MSA-3 and ERR; also for a message that could not be parsed. */
    String refuse(String text, FeedRefusal refusal);
}
