package org.openvisit.ehr.graph;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.openvisit.tenant.application.PermissionGrant;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The application permissions read from an app-only token's {@code roles} claim, and what is not a readable token. */
class TokenRolesTest {

    private static String signed(JWTClaimsSet claims) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void theRolesOfAnAppOnlyTokenAreEachPermissionGrantedOrMissing() throws Exception {
        String token = signed(new JWTClaimsSet.Builder().audience("https://graph.microsoft.com")
                .claim("roles", List.of("OnlineMeetings.ReadWrite.All", "callrecords.read.all", "User.Read.All"))
                .build());

        Set<String> roles = TokenRoles.of(token).orElseThrow();

        assertThat(PermissionGrant.all(roles)).containsExactly(
                new PermissionGrant(GraphPermission.MEETINGS, "OnlineMeetings.ReadWrite.All", true),
                new PermissionGrant(GraphPermission.ATTENDANCE, "OnlineMeetingArtifact.Read.All", false),
                new PermissionGrant(GraphPermission.CALL_RECORDS, "CallRecords.Read.All", true));
    }

    @Test
    void aTokenWithoutRolesHoldsNoneAndTheSignatureIsNotWhatIsRead() throws Exception {
        Set<String> none = TokenRoles.of(signed(new JWTClaimsSet.Builder().subject("app").build())).orElseThrow();
        assertThat(none).isEmpty();
        assertThat(PermissionGrant.all(none)).noneMatch(PermissionGrant::granted);

        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().claim("roles", List.of("CallRecords.Read.All"))
                .build()).serialize();
        assertThat(TokenRoles.of(unsigned)).contains(Set.of("CallRecords.Read.All"));
    }

    @Test
    void whatIsNotAReadableTokenSaysNothingRatherThanNoPermission() throws Exception {
        assertThat(TokenRoles.of("graph-token-1")).isEmpty();
        assertThat(TokenRoles.of("a.b.c")).isEmpty();
        assertThat(TokenRoles.of("")).isEmpty();
        assertThat(TokenRoles.of(null)).isEmpty();
        assertThat(TokenRoles.of(signed(new JWTClaimsSet.Builder().claim("roles", "CallRecords.Read.All").build())))
                .as("roles not a list").isEmpty();
        assertThat(TokenRoles.of(signed(new JWTClaimsSet.Builder().claim("roles", List.of(1, "CallRecords.Read.All"))
                .build()))).contains(Set.of("CallRecords.Read.All"));
    }
}
