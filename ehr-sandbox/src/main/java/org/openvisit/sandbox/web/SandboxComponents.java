package org.openvisit.sandbox.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.oauth.AccessTokens;
import org.openvisit.sandbox.oauth.AuthorizationCodes;
import org.openvisit.sandbox.oauth.AuthorizationService;
import org.openvisit.sandbox.oauth.ClientAssertions;
import org.openvisit.sandbox.oauth.IdTokens;
import org.openvisit.sandbox.oauth.TokenFaults;
import org.openvisit.sandbox.oauth.LaunchContexts;
import org.openvisit.sandbox.oauth.SigningKey;
import org.openvisit.sandbox.oauth.TokenLifetimes;
import org.openvisit.sandbox.oauth.TokenService;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.SampleRecords;
import org.openvisit.sandbox.screen.EhrLauncher;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Wires the sandbox's plain-Java components once per application (they hold all its in-memory state). */
@ApplicationScoped
public class SandboxComponents {

    public static final String OPENVISIT_ORIGIN_KEY = "sandbox.openvisit.origin";

    @Produces @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces @Singleton
    ZoneId zone() {
        return ZoneId.systemDefault();
    }

    @Produces @Singleton
    FhirRecords records(Clock clock, ZoneId zone) {
        FhirRecords records = new FhirRecords(clock);
        SampleRecords.seed(records, LocalDate.now(clock.withZone(zone)), zone);
        return records;
    }

    @Produces @Singleton
    org.openvisit.sandbox.subscriptions.SandboxSubscriptions subscriptions(FhirRecords records, Clock clock) {
        return new org.openvisit.sandbox.subscriptions.SandboxSubscriptions(records, clock);
    }

    void closeSubscriptions(@jakarta.enterprise.inject.Disposes
                            org.openvisit.sandbox.subscriptions.SandboxSubscriptions subscriptions) {
        subscriptions.close();
    }

    @Produces @Singleton
    People people(FhirRecords records) {
        return new People(records);
    }

    @Produces @Singleton
    org.openvisit.sandbox.epic.ConnectionStatusLog connectionStatuses() {
        return new org.openvisit.sandbox.epic.ConnectionStatusLog();
    }

    @Produces @Singleton
    AppRegistry apps() {
        return new AppRegistry();
    }

    @Produces @Singleton
    AppOrigin appOrigin() {
        return new AppOrigin(ConfigProvider.getConfig().getOptionalValue(OPENVISIT_ORIGIN_KEY, String.class));
    }

    @Produces @Singleton
    TokenLifetimes lifetimes() {
        return new TokenLifetimes();
    }

    @Produces @Singleton
    SigningKey signingKey() {
        return new SigningKey();
    }

    @Produces @Singleton
    AccessTokens accessTokens(Clock clock, TokenLifetimes lifetimes) {
        return new AccessTokens(clock, lifetimes);
    }

    @Produces @Singleton
    AuthorizationCodes codes(Clock clock, TokenLifetimes lifetimes, AccessTokens tokens) {
        return new AuthorizationCodes(clock, lifetimes, tokens);
    }

    @Produces @Singleton
    LaunchContexts launches(Clock clock) {
        return new LaunchContexts(clock);
    }

    @Produces @Singleton
    AuthorizationService authorization(AppRegistry apps, AppOrigin origin, LaunchContexts launches, AuthorizationCodes codes) {
        return new AuthorizationService(apps, origin, launches, codes);
    }

    @Produces @Singleton
    TokenService tokenService(AppRegistry apps, AppOrigin origin, AuthorizationCodes codes, AccessTokens tokens,
                              SigningKey key, Clock clock, TokenLifetimes lifetimes, People people,
                              TokenFaults tokenFaults) {
        return new TokenService(apps, origin, codes, tokens, new IdTokens(key, clock, lifetimes),
                new ClientAssertions(clock), people, clock, tokenFaults);
    }

    @Produces @Singleton
    TokenFaults tokenFaults() {
        return new TokenFaults();
    }

    @Produces @Singleton
    org.openvisit.sandbox.fhir.VersionConflicts versionConflicts() {
        return new org.openvisit.sandbox.fhir.VersionConflicts();
    }

    @Produces @Singleton
    FaultSwitch faults(Clock clock) {
        return new FaultSwitch(clock);
    }

    @Produces @Singleton
    EhrLauncher launcher(FhirRecords records, AppRegistry apps, AppOrigin origin, LaunchContexts launches, Clock clock) {
        return new EhrLauncher(records, apps, origin, launches, clock);
    }
}
