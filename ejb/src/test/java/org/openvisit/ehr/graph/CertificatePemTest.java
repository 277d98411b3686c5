package org.openvisit.ehr.graph;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatePemTest {

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void readsTheCertificateAndItsKeyFromOnePemText() throws Exception {
        GraphCredential.Certificate made = TestCertificates.make("-1d", 30);
        String text = pem("CERTIFICATE", made.certificate().getEncoded()) + pem("PRIVATE KEY", made.privateKey().getEncoded());

        GraphCredential.Certificate read = CertificatePem.parse(text);

        assertThat(read.certificate()).isEqualTo(made.certificate());
        assertThat(read.privateKey().getModulus()).isEqualTo(made.privateKey().getModulus());
    }

    @Test
    void refusesAKeyOfAnotherCertificateAndIncompleteUploads() throws Exception {
        GraphCredential.Certificate one = TestCertificates.make("-1d", 30);
        GraphCredential.Certificate other = TestCertificates.make("-1d", 30);

        assertThatThrownBy(() -> CertificatePem.parse(pem("CERTIFICATE", one.certificate().getEncoded())
                + pem("PRIVATE KEY", other.privateKey().getEncoded())))
                .isInstanceOf(CertificatePem.Unusable.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> CertificatePem.parse(pem("CERTIFICATE", one.certificate().getEncoded())))
                .isInstanceOf(CertificatePem.Unusable.class).hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> CertificatePem.parse("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(CertificatePem.Unusable.class).hasMessageContaining("openssl pkcs8");
    }
}
