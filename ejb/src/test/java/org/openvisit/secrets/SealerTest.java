package org.openvisit.secrets;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerTest {

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final Sealer sealer = new Sealer(randomKey());

    @Test
    void opensWhatItSealedForTheSamePurpose() {
        byte[] secret = "a context link key".getBytes();
        String sealed = sealer.seal("context-link-key", secret);
        assertThat(sealed).doesNotContain("context link");
        assertThat(sealer.unseal("context-link-key", sealed)).isEqualTo(secret);
    }

    @Test
    void sealingTwiceGivesDifferentOutputs() {
        assertThat(sealer.seal("p", new byte[] {1})).isNotEqualTo(sealer.seal("p", new byte[] {1}));
    }

    @Test
    void refusesAnotherPurposeAnotherKeyOrAnAlteredValue() {
        String sealed = sealer.seal("context-link-key", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> sealer.unseal("appointment-hash-key", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Sealer(randomKey()).unseal("context-link-key", sealed))
                .isInstanceOf(IllegalStateException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.unseal("context-link-key", Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMasterKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new Sealer(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
