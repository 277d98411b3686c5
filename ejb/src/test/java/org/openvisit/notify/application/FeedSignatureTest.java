package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FeedSignatureTest {

    private static final byte[] BODY = "MSH|^~\\&|EHR|F|||20261204||SIU^S12|1|P|2.5.1\r".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsTheHexHmacOfTheBodyAsOpensslWritesIt() {
        // printf 'abc' | openssl dgst -sha256 -hmac key -hex
        assertThat(FeedSignature.sign("key", "abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab");
    }

    @Test
    void onlyTheRightSecretAndBodyPass() {
        String signature = FeedSignature.sign("s3cret", BODY);
        assertThat(FeedSignature.verify("s3cret", BODY, signature)).isTrue();
        assertThat(FeedSignature.verify("other", BODY, signature)).isFalse();
        assertThat(FeedSignature.verify("s3cret", "changed".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(FeedSignature.verify("s3cret", BODY, null)).isFalse();
        assertThat(FeedSignature.verify("s3cret", BODY, signature.substring(7))).isFalse();
        assertThat(FeedSignature.verify(null, BODY, signature)).isFalse();
    }
}
