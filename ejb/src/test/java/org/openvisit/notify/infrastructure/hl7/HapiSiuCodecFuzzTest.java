package org.openvisit.notify.infrastructure.hl7;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.openvisit.notify.application.FeedRefusal;
import org.openvisit.notify.application.SiuMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The SIU feed is open to the network (signed over HTTPS, by source address over MLLP): any text is read as an
 * appointment message or refused with a reason, and either way answered with an HL7 acknowledgement — never a server
 * error. Half of the inputs are a well-formed SIU message with fuzzed fields, so HAPI's model is reached, not only its
 * first check.
 */
class HapiSiuCodecFuzzTest {

    private static final HapiSiuCodec CODEC = new HapiSiuCodec();

    @FuzzTest(maxDuration = "3s")
    void anyTextIsReadOrRefusedAndAnswered(FuzzedDataProvider data) {
        String text = data.consumeBoolean() ? siu(data) : data.consumeRemainingAsString();
        try {
            SiuMessage message = CODEC.read(text);
            assertThat(message.event()).isNotNull();
            assertThat(CODEC.accept(text)).startsWith("MSH");
        } catch (FeedRefusal refused) {
            assertThat(refused.reason()).isNotNull();
            assertThat(CODEC.refuse(text, refused)).startsWith("MSH");
        } catch (RuntimeException e) {
            fail("an SIU feed message ended in " + e + " instead of a reading or a refusal", e);
        }
    }

    /** An SIU message in HL7v2's pipe syntax whose fields (and what follows them) are the fuzzer's. */
    private static String siu(FuzzedDataProvider data) {
        String trigger = data.pickValue(new String[]{"S12", "S13", "S14", "S15", "S17", "S26", "A01", ""});
        return "MSH|^~\\&|EHR|" + data.consumeString(20) + "|OPENVISIT|HOSP|20261205101500||SIU^" + trigger
                + "^SIU_S12|" + data.consumeString(20) + "|P|" + data.pickValue(new String[]{"2.5.1", "2.3", "2.8", ""})
                + "\rSCH|" + data.consumeString(20) + "|" + data.consumeString(20) + "|||||||||^^^"
                + data.consumeString(24) + "\rPID|||MRN-1||||||||||" + data.consumeString(40)
                + "\rRGS|1\rAIL|1||" + data.consumeString(30) + data.consumeRemainingAsString();
    }
}
