package org.openvisit.visit.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphNotificationServletTest {

    @Test
    void theValidationTokenOfGraphsQueryStringUrlDecoded() {
        assertThat(GraphNotificationServlet.validationToken("validationToken=Validation%3A+Testing%20a%2Bb"))
                .isEqualTo("Validation: Testing a+b");
        assertThat(GraphNotificationServlet.validationToken("x=1&validationToken=t")).isEqualTo("t");
        assertThat(GraphNotificationServlet.validationToken("validationToken")).isEmpty();
        assertThat(GraphNotificationServlet.validationToken("validationToken=%zz")).isEmpty();
        assertThat(GraphNotificationServlet.validationToken("other=1")).isNull();
        assertThat(GraphNotificationServlet.validationToken(null)).isNull();
    }
}
