package org.openvisit.notify.infrastructure.twilio;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioNumberChoiceTest {

    private static TwilioApi.Available sms(String number) {
        return new TwilioApi.Available(number, true, "none");
    }

    @Test
    void onlyValidSmsNumbersOfTheCountryInTheAreaCodeAtMostThree() {
        TwilioNumberChoice choice = new TwilioNumberChoice("US", "202", false);

        List<String> candidates = choice.candidates(List.of(
                new TwilioApi.Available("+12025550101", false, "none"),   // no SMS
                sms("not a number"),
                sms("+13125550102"),                                       // another area code
                sms("+447400123456"),                                      // another country
                sms("+12025550103"), sms("+12025550104"), sms("+12025550105"), sms("+12025550106")));

        assertThat(candidates).containsExactly("+12025550103", "+12025550104", "+12025550105");
    }

    @Test
    void numbersThatNeedARegistrationOnlyWhenOneIsConfigured() {
        List<TwilioApi.Available> offered = List.of(new TwilioApi.Available("+4930901820", true, "local"));

        assertThat(new TwilioNumberChoice("DE", null, false).candidates(offered)).isEmpty();
        assertThat(new TwilioNumberChoice("DE", null, false).whyNone(offered))
                .contains("regulatory bundle").contains("DE");
        assertThat(new TwilioNumberChoice("DE", null, true).candidates(offered)).containsExactly("+4930901820");
    }

    @Test
    void whenNothingIsOfferedTheWordsSayWhereAndWhatToTry() {
        assertThat(new TwilioNumberChoice("CA", "416", false).whyNone(List.of()))
                .isEqualTo("Twilio offers no number that can send SMS in CA in area code 416 now. "
                        + "Retry with another area code, or without one.");
        assertThat(new TwilioNumberChoice("CA", null, false).whyNone(List.of())).endsWith("Retry later.");
    }
}
