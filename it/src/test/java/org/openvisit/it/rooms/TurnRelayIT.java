package org.openvisit.it.rooms;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.NetNamespaces;
import org.openvisit.it.support.NetNamespaces.Nat;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.TcpRelay;
import org.openvisit.it.support.TurnServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The TURN relay as a browser meets it: the socket's hello carries the relay's addresses with a credential made for
 * that socket, and a real coturn (run with the secret the server was configured with) relays with exactly that
 * credential, over UDP and TCP, and refuses a changed password, an expired one, and the same label with a later
 * expiry. No credential reaches the server's log. {@link ThroughNat}: calls between browsers in network namespaces
 * behind NATs and a firewall, through a coturn "on the internet".
 */
// never beside another class of many browsers: on two cores their timing bounds (a removal within seconds, ICE
// within 20 s) would measure each other's load
@org.junit.jupiter.api.parallel.ResourceLock(org.openvisit.it.support.TestResources.MANY_BROWSERS)
class TurnRelayIT {

    @Test
    void theRelayTakesTheCredentialOfTheSocketAndNothingElse() throws Exception {
        String launchUrl = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Turn relay clinic")
                .providerLaunchUrl();
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.launchAsClinician("Practitioner/prac-ben-lindqvist", "appt-1006", launchUrl);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        RoomClient patient = new RoomClient();
        String link = RoomClient.link(page.body(), "patientLink");
        assertThat(patient.get(URI.create(link)).statusCode()).isEqualTo(303);
        RoomClient.Socket socket = patient.socket(visit);
        JsonObject hello = socket.await("hello");
        socket.close();

        JsonArray servers = hello.getJsonArray("iceServers");
        JsonObject relay = servers.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getJsonArray("urls").getString(0).startsWith("turn:")).findFirst().orElseThrow();
        TurnServer turn = SharedServer.turn();
        assertThat(relay.getJsonArray("urls").getValuesAs(JsonString::getString)).containsExactly(
                "turn:127.0.0.1:" + turn.port() + "?transport=udp", "turn:127.0.0.1:" + turn.port() + "?transport=tcp");
        String username = relay.getString("username");
        String password = relay.getString("credential");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(Instant.ofEpochSecond(expiry)).isBetween(Instant.now().plus(Duration.ofHours(7)),
                Instant.now().plus(Duration.ofHours(8)).plusSeconds(5));
        assertThat(username).doesNotContain(visit).doesNotContain(hello.getString("self"));

        assertThat(turn.relays(username, password, false)).as("UDP relay with the socket's credential").isTrue();
        assertThat(turn.relays(username, password, true)).as("TCP relay with the socket's credential").isTrue();
        String tampered = (password.charAt(0) == 'A' ? "B" : "A") + password.substring(1);
        assertThat(turn.relays(username, tampered, false)).as("a changed password").isFalse();
        String label = username.substring(username.indexOf(':'));
        assertThat(turn.relays((expiry + 86_400) + label, password, false)).as("a later expiry, same password")
                .isFalse();
        // a second socket gets a credential of its own
        RoomClient.Socket again = patient.socket(visit);
        JsonObject second = again.await("hello").getJsonArray("iceServers").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.containsKey("username")).findFirst().orElseThrow();
        again.close();
        assertThat(second.getString("username")).isNotEqualTo(username);

        assertThat(SharedServer.logText()).doesNotContain(password).doesNotContain(username);
        assertThat(List.of(turn.log().split("\n"))).noneMatch(line -> line.contains(password));
    }

    /**
     * The proof through NAT (issue 21): a small internet of network namespaces ({@link NetNamespaces}) with coturn in
     * the "wan" (same secret as the shared server's coturn), and two headless Chromiums per case, each in a namespace
     * of its own behind a router: both behind port-preserving NAT (the call connects, directly), both behind
     * symmetric NAT (it connects only through the relay), one behind a firewall that lets out only TCP to port 443
     * (it connects through TURN over TCP on 443), and both symmetric with TURN switched off (coturn answering STUN
     * only): the page says within a bounded time that the call could not be connected. The shared server stays on
     * 127.0.0.1; a relay of the test's own on its veth address carries the browsers' HTTP and signalling to it, and
     * the TURN address it hands out (127.0.0.1:&lt;port&gt;) leads, inside the namespaces, to the wan's coturn.
     * Skipped (with the reason) where the tests do not run as root or {@code ip netns} does not work.
     * Screenshots: target/screenshots/nat-*.png.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class ThroughNat {

        private static final String[] MEDIA = {"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required"};

        /** The one peer connection's state, decoded video frames and its selected candidate pair. */
        private static final String PEER = """
                const done = arguments[arguments.length - 1];
                const peers = window.OpenVisitRoom ? Array.from(window.OpenVisitRoom.peers.values()) : [];
                if (peers.length !== 1) { done(null); return; }
                peers[0].pc.getStats().then(r => {
                  let frames = 0, pair;
                  r.forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'video') { frames += s.framesDecoded || 0; }
                    if (s.type === 'transport' && s.selectedCandidatePairId) { pair = r.get(s.selectedCandidatePairId); }
                  });
                  const local = pair ? r.get(pair.localCandidateId) : null;
                  const remote = pair ? r.get(pair.remoteCandidateId) : null;
                  const pairs = [];
                  r.forEach(s => {
                    if (s.type !== 'candidate-pair') { return; }
                    const l = r.get(s.localCandidateId), m = r.get(s.remoteCandidateId);
                    pairs.push((l ? l.candidateType + '/' + (l.relayProtocol || l.protocol) : '?') + '-' + (m ? m.candidateType : '?')
                      + ':' + s.state + (s.nominated ? '*' : '') + ' out ' + s.bytesSent + ' in ' + s.bytesReceived
                      + ' rq ' + s.requestsSent + ' rs ' + s.responsesReceived);
                  });
                  done({ state: peers[0].pc.connectionState, frames: frames, pairs: pairs.join('; '),
                    local: local ? local.candidateType : '', remote: remote ? remote.candidateType : '',
                    relayProtocol: local && local.relayProtocol ? local.relayProtocol : '' });
                }).catch(() => done(null));
                """;

        private NetNamespaces net;
        private TcpRelay relay;
        private TurnServer wanTurn;
        private String launchUrl;
        private Path output;
        private final Thread cleanUpAtExit = new Thread(() -> {
            try {
                NetNamespaces.removeLeftovers();
            } catch (IOException ignored) {
                // the next run removes them at its start
            }
        }, "remove-nat-namespaces");

        @BeforeAll
        void buildTheNetworks() throws IOException {
            String why = NetNamespaces.whyUnavailable();
            assumeTrue(why == null, () -> "The NAT test builds network namespaces and cannot here: " + why);
            int web = SharedServer.baseUri().getPort();
            TurnServer turn = SharedServer.turn();
            launchUrl = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "NAT clinic")
                    .providerLaunchUrl();
            output = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath();
            Runtime.getRuntime().addShutdownHook(cleanUpAtExit);
            net = NetNamespaces.create();
            relay = TcpRelay.start(NetNamespaces.ROOT_ADDRESS, 443, web);
            wanTurn = TurnServer.startIn(net, NetNamespaces.WAN, NetNamespaces.WAN_ADDRESS, turn, false, output);
            int t = turn.port();
            net.behindNat("home1", 1, Nat.PORT_PRESERVING, web, 443, t, 3478, 3478);
            net.behindNat("home2", 2, Nat.PORT_PRESERVING, web, 443, t, 3478, 3478);
            net.behindNat("sym1", 3, Nat.SYMMETRIC, web, 443, t, 3478, 3478);
            net.behindNat("sym2", 4, Nat.SYMMETRIC, web, 443, t, 3478, 3478);
            // behind the firewall the relay's TCP address is its port 443 (UDP 3478 is tried too, and dropped)
            net.behindNat("fw443", 5, Nat.TCP_443_ONLY, web, 443, t, 3478, 443);
        }

        @AfterAll
        void removeTheNetworks() {
            try {
                if (relay != null) {
                    relay.close();
                }
                if (wanTurn != null) {
                    wanTurn.stop();
                }
            } finally {
                if (net != null) {
                    net.close();
                    Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
                }
            }
        }

        @Test
        @Order(1)
        void behindPortPreservingNatsTheCallConnectsDirectly() throws IOException {
            Call call = call("home1", "home2", "prac-ada-okafor", "appt-1001", "nat-1-port-preserving");
            System.out.println("NAT case 1 (port-preserving NAT both sides): " + call.summary());
            call.assertConnected();
            // endpoint-independent mapping: the server-reflexive addresses work, no relay needed
            assertThat(call.clinician.get("local")).as(call.toString()).isEqualTo("srflx");
            assertThat(call.clinician.get("remote")).as(call.toString()).isEqualTo("srflx");
            assertThat(call.route).isEqualTo("direct");
            assertThat(call.routeWords).contains("direct connection");
        }

        @Test
        @Order(2)
        void behindSymmetricNatsTheCallConnectsOnlyThroughTheRelay() throws IOException {
            Call call = call("sym1", "sym2", "prac-ada-okafor", "appt-1002", "nat-2-symmetric");
            System.out.println("NAT case 2 (symmetric NAT both sides): " + call.summary());
            call.assertConnected();
            assertThat(List.of(call.clinician.get("local"), call.clinician.get("remote"))).as(call.toString())
                    .contains("relay");
            assertThat(List.of(call.patient.get("local"), call.patient.get("remote"))).as(call.toString())
                    .contains("relay");
            assertThat(call.route).isEqualTo("relayed");
            assertThat(call.routeWords).contains("through the relay server");
        }

        @Test
        @Order(3)
        void behindAFirewallThatOpensOnlyTcp443TheCallGoesThroughTurnOverTcp443() throws IOException {
            String before = wanTurn.log();
            Call call = call("home1", "fw443", "prac-ada-okafor", "appt-1006", "nat-3-tcp-443");
            System.out.println("NAT case 3 (patient behind a firewall open only to TCP 443): " + call.summary());
            call.assertConnected();
            assertThat(call.patient.get("local")).as(call.toString()).isEqualTo("relay");
            assertThat(call.patient.get("relayProtocol")).as(call.toString()).isEqualTo("tcp");
            assertThat(call.route).isEqualTo("relayed");
            // the relay saw the patient's allocation on its port 443 over TCP (logged when the closed browser's
            // connection ends)
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!wanTurn.log().substring(before.length()).contains("local " + NetNamespaces.WAN_ADDRESS + ":443")
                    && System.nanoTime() < deadline) {
                pause(200);
            }
            assertThat(wanTurn.log().substring(before.length())).contains("local " + NetNamespaces.WAN_ADDRESS + ":443");
        }

        @Test
        @Order(4)
        void withTurnSwitchedOffSymmetricNatsCannotConnectAndThePageSaysSo() throws IOException {
            wanTurn.stop();
            wanTurn = TurnServer.startIn(net, NetNamespaces.WAN, NetNamespaces.WAN_ADDRESS, SharedServer.turn(), true,
                    output);
            try (Browser doc = Browser.openIn(NetNamespaces.PREFIX + "sym1", MEDIA);
                 Browser pat = Browser.openIn(NetNamespaces.PREFIX + "sym2", MEDIA)) {
                try {
                    long admitted = admit(doc, pat, "prac-ben-lindqvist", "appt-1003");
                    // CONNECT_LIMIT_MS in room.js is 20 s; the message must be there by then (with a little slack)
                    doc.waitUpTo(Duration.ofSeconds(30)).until(d -> text(doc, "roomStatus").contains("could not be connected"));
                    pat.waitUpTo(Duration.ofSeconds(10)).until(d -> text(pat, "roomStatus").contains("could not be connected"));
                    long seconds = (System.nanoTime() - admitted) / 1_000_000_000;
                    System.out.println("NAT case 4 (symmetric NAT, TURN off): the page says so " + seconds
                            + " s after admission: " + text(doc, "roomStatus"));
                    assertThat(seconds).isLessThanOrEqualTo(35);
                    assertThat(text(pat, "roomStatus")).isEqualTo("The call with Clinician could not be connected: a "
                            + "network between you blocks video calls. Try another network, for example mobile data "
                            + "instead of Wi-Fi.");
                    assertThat(peer(doc).get("state")).isNotEqualTo("connected");
                    assertThat(((Number) peer(doc).get("frames")).longValue()).isZero();
                    assertThat(doc.driver().findElements(By.cssSelector("#videos figure.tile[data-problem=no-connection]")))
                            .hasSize(1);
                    doc.screenshot("nat-4-no-turn-clinician");
                    pat.screenshot("nat-4-no-turn-patient");
                } catch (RuntimeException | AssertionError e) {
                    doc.screenshot("nat-4-failure-clinician");
                    pat.screenshot("nat-4-failure-patient");
                    throw new AssertionError(e.getMessage() + "\nwan coturn:\n" + tail(wanTurn.log()), e);
                }
            } finally {
                wanTurn.stop();
                wanTurn = TurnServer.startIn(net, NetNamespaces.WAN, NetNamespaces.WAN_ADDRESS, SharedServer.turn(),
                        false, output);
            }
        }

        /**
         * The patient's device changes address in the call (Wi-Fi to mobile data: its old address, its connections and
         * the NAT mappings made from it are gone). The media stops, then comes back both ways without a new admission:
         * the patient's page never shows the lobby again and the visit has one ADMITTED event. The output says which
         * way the call found its new path (an ICE restart in the same peer connection, or a new peer connection after
         * the signalling socket came back). Behind port-preserving NATs, like case 1.
         */
        @Test
        @Order(5)
        void afterThePatientsAddressChangesTheCallComesBackWithoutANewAdmission() throws IOException {
            try (Browser doc = Browser.openIn(NetNamespaces.PREFIX + "home1", MEDIA);
                 Browser pat = Browser.openIn(NetNamespaces.PREFIX + "home2", MEDIA)) {
                try {
                    callMarked(doc, pat, "appt-1005");
                    net.moveHost("home2", 2, 3);
                    long moved = System.nanoTime();
                    // the old path is gone: the clinician's decoded frames stop growing
                    doc.waitUpTo(Duration.ofSeconds(20)).until(d -> {
                        long f = frames(doc);
                        pause(1500);
                        return frames(doc) == f;
                    });
                    // then video flows again both ways, on whatever path the pages found
                    for (Browser b : List.of(doc, pat)) {
                        b.waitUpTo(Duration.ofSeconds(90)).until(d -> framesGrowConnected(b));
                    }
                    System.out.println("NAT case 5 (the patient's address changes): video both ways again "
                            + (System.nanoTime() - moved) / 1_000_000_000 + " s after the move; clinician: "
                            + sameConnection(doc) + "; patient: " + sameConnection(pat));
                    assertThat(text(pat, "roomStatus")).doesNotStartWith("Waiting for your clinician");
                    assertThat(pat.driver().findElement(By.id("call")).isDisplayed()).isTrue();
                    assertThat(doc.driver().findElements(By.cssSelector("#events li[data-event=ADMITTED]"))).hasSize(1);
                    assertThat(doc.driver().findElements(
                            By.cssSelector("#attendees tr[data-role=PATIENT][data-state=WAITING]"))).isEmpty();
                    doc.screenshot("nat-5-moved-clinician");
                    pat.screenshot("nat-5-moved-patient");
                } catch (RuntimeException | AssertionError e) {
                    throw failed(doc, pat, "nat-5", e, "");
                } finally {
                    net.moveHost("home2", 2, 2); // back where behindNat put it, for any later test
                }
            }
        }

        /**
         * The media path breaks while the signalling socket holds (the patient's network starts dropping UDP, as some
         * guest Wi-Fi and corporate networks do; TCP still passes): video flows again both ways through the relay over
         * TCP in the same peer connection — no new admission, no new peer connection. (ICE had checked that path when
         * the call began, so the browsers move to it by themselves; the page's ICE restart, offered after 3 s of a
         * broken path by the page with the smaller attendee id, is there for a path ICE does not already know: the
         * output says whether one was offered.)
         */
        @Test
        @Order(6)
        void whenThePatientsNetworkStartsDroppingUdpTheCallMovesToTheRelayInTheSameConnection() throws IOException {
            String router = NetNamespaces.PREFIX + "rt-home2";
            try (Browser doc = Browser.openIn(NetNamespaces.PREFIX + "home1", MEDIA);
                 Browser pat = Browser.openIn(NetNamespaces.PREFIX + "home2", MEDIA)) {
                try {
                    callMarked(doc, pat, "appt-1007");
                    net.in(router, "iptables", "-I", "FORWARD", "-p", "udp", "-j", "DROP");
                    long cut = System.nanoTime();
                    for (Browser b : List.of(doc, pat)) {
                        b.waitUpTo(Duration.ofSeconds(90)).until(d -> framesGrowConnected(b)
                                && ("relay".equals(peer(b).get("local")) || "relay".equals(peer(b).get("remote"))));
                    }
                    List<?> docHow = sameConnection(doc);
                    List<?> patHow = sameConnection(pat);
                    System.out.println("NAT case 6 (the patient's network drops UDP): video both ways again "
                            + (System.nanoTime() - cut) / 1_000_000_000 + " s after the cut, clinician "
                            + peer(doc).get("local") + "-" + peer(doc).get("remote") + ", patient " + peer(pat).get("local")
                            + "/" + peer(pat).get("relayProtocol") + "-" + peer(pat).get("remote")
                            + "; same connection and ICE restarts offered: clinician " + docHow + ", patient " + patHow);
                    assertThat(List.of(docHow.get(0), patHow.get(0))).containsOnly(true);
                    assertThat(doc.driver().findElements(By.cssSelector("#events li[data-event=ADMITTED]"))).hasSize(1);
                    doc.screenshot("nat-6-udp-dropped-clinician");
                    pat.screenshot("nat-6-udp-dropped-patient");
                } catch (RuntimeException | AssertionError e) {
                    throw failed(doc, pat, "nat-6", e, "");
                } finally {
                    net.in(router, "iptables", "-D", "FORWARD", "-p", "udp", "-j", "DROP");
                }
            }
        }

        /** A call of prac-ada-okafor's, connected with frames both ways, each page's peer connection marked. */
        private void callMarked(Browser doc, Browser pat, String appointment) {
            admit(doc, pat, "prac-ada-okafor", appointment);
            doc.waitUpTo(Duration.ofSeconds(30)).until(d -> connectedWithFrames(doc));
            pat.waitUpTo(Duration.ofSeconds(30)).until(d -> connectedWithFrames(pat));
            for (Browser b : List.of(doc, pat)) { // to tell afterwards whether it is still the same connection
                ((JavascriptExecutor) b.driver()).executeScript(
                        "Array.from(window.OpenVisitRoom.peers.values())[0].pc.__before = true;");
            }
        }

        /** Whether the page's one peer connection is the one {@link #callMarked} marked, and its ICE restarts offered. */
        private static List<?> sameConnection(Browser b) {
            return (List<?>) ((JavascriptExecutor) b.driver()).executeScript("const p = Array.from("
                    + "window.OpenVisitRoom.peers.values())[0]; return [!!p.pc.__before, p.iceRestarts || 0];");
        }

        /** Connected, and video frames decoded over one more second. */
        private static boolean framesGrowConnected(Browser b) {
            long f = frames(b);
            pause(1000);
            return connectedWithFrames(b) && frames(b) > f + 3;
        }

        /** Screenshots of both pages ({@code shots}-failure-…), and the failure with both peers' states. */
        private static AssertionError failed(Browser doc, Browser pat, String shots, Throwable e, String more) {
            doc.screenshot(shots + "-failure-clinician");
            pat.screenshot(shots + "-failure-patient");
            return new AssertionError(e.getMessage() + "\nclinician: " + peer(doc) + "\npatient: " + peer(pat) + more, e);
        }

        private record Call(Map<String, Object> clinician, Map<String, Object> patient, String route, String routeWords,
                            long connectMillis) {
            /** The selected candidate pairs and the page's words, for the test's output. */
            String summary() {
                return "clinician " + clinician.get("local") + "-" + clinician.get("remote") + ", patient "
                        + patient.get("local") + (java.util.Objects.toString(patient.get("relayProtocol"), "").isEmpty() ? "" : "/"
                        + patient.get("relayProtocol")) + "-" + patient.get("remote") + ", page: " + routeWords
                        + ", frames both ways " + connectMillis + " ms after admission";
            }

            void assertConnected() {
                assertThat(clinician.get("state")).as(toString()).isEqualTo("connected");
                assertThat(patient.get("state")).as(toString()).isEqualTo("connected");
                assertThat(((Number) clinician.get("frames")).longValue()).as("frames at the clinician").isPositive();
                assertThat(((Number) patient.get("frames")).longValue()).as("frames at the patient").isPositive();
            }
        }

        /** A visit between a clinician in {@code doctorNs} and a patient in {@code patientNs}, up to frames both ways. */
        private Call call(String doctorNs, String patientNs, String practitioner, String appointment, String shots)
                throws IOException {
            try (Browser doc = Browser.openIn(NetNamespaces.PREFIX + doctorNs, MEDIA);
                 Browser pat = Browser.openIn(NetNamespaces.PREFIX + patientNs, MEDIA)) {
                try {
                    long admitted = admit(doc, pat, practitioner, appointment);
                    doc.waitUpTo(Duration.ofSeconds(30)).until(d -> connectedWithFrames(doc));
                    pat.waitUpTo(Duration.ofSeconds(30)).until(d -> connectedWithFrames(pat));
                    long millis = (System.nanoTime() - admitted) / 1_000_000;
                    // the clinician's page says per person whether the call is direct or through the relay
                    doc.waitUpTo(Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                            .until(d -> patientQuality(doc).getAttribute("data-route") != null);
                    // and it stays up: consent checks keep passing through the NATs, and video keeps coming both ways
                    long doctorFrames = frames(doc);
                    long patientFrames = frames(pat);
                    Thread.sleep(3000);
                    assertThat(frames(doc) - doctorFrames).as("frames decoded by the clinician in 3 s").isGreaterThan(10);
                    assertThat(frames(pat) - patientFrames).as("frames decoded by the patient in 3 s").isGreaterThan(10);
                    doc.screenshot(shots + "-clinician");
                    pat.screenshot(shots + "-patient");
                    String[] routeAndText = doc.waitUpTo(Duration.ofSeconds(10))
                            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                            .until(d -> new String[] {patientQuality(doc).getAttribute("data-route"),
                                    patientQuality(doc).getText()}); // the row is drawn again with every figure
                    return new Call(peer(doc), peer(pat), routeAndText[0], routeAndText[1], millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (RuntimeException | AssertionError e) {
                    throw failed(doc, pat, shots, e, "\nwan coturn:\n" + tail(wanTurn.log()));
                }
            }
        }

        /** Launch from the sandbox EHR, join, the patient opens the link and waits, admitted: the time of admission. */
        private long admit(Browser doc, Browser pat, String practitioner, String appointment) {
            doc.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            pat.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            doc.driver().get(SharedServer.sandboxUri().resolve("ehr/launch?user="
                    + URLEncoder.encode("Practitioner/" + practitioner, StandardCharsets.UTF_8) + "&appointment="
                    + appointment + "&launchUrl=" + URLEncoder.encode(launchUrl, StandardCharsets.UTF_8)).toString());
            doc.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*/visit/[0-9a-f-]{36}$"));
            doc.waitUpTo(Duration.ofSeconds(15)).until(d -> text(doc, "roomStatus").startsWith("Connected"));
            doc.driver().findElement(By.id("joinCall")).click();
            doc.waitUpTo(Duration.ofSeconds(15)).until(d -> text(doc, "roomStatus").startsWith("In the call"));
            pat.driver().get(doc.driver().findElement(By.id("patientLink")).getAttribute("value"));
            pat.waitUpTo(Duration.ofSeconds(15)).until(d -> text(pat, "roomStatus").startsWith("Waiting for your clinician"));
            doc.waitUpTo(Duration.ofSeconds(10)).until(d -> {
                d.findElement(By.cssSelector("#attendees tr[data-role=PATIENT][data-state=WAITING] button.admit")).click();
                return true;
            });
            long admitted = System.nanoTime();
            pat.waitUpTo(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("call")).isDisplayed());
            return admitted;
        }

        private static org.openqa.selenium.WebElement patientQuality(Browser doc) {
            return doc.driver().findElement(By.cssSelector("#attendees tr[data-role=PATIENT] td.quality"));
        }

        private static String text(Browser b, String id) {
            return b.driver().findElement(By.id(id)).getText();
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> peer(Browser b) {
            try {
                return (Map<String, Object>) ((JavascriptExecutor) b.driver()).executeAsyncScript(PEER);
            } catch (RuntimeException e) {
                return Map.of("error", String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static long frames(Browser b) {
            return peer(b).get("frames") instanceof Number n ? n.longValue() : -1;
        }

        private static boolean connectedWithFrames(Browser b) {
            Map<String, Object> p = peer(b);
            return p != null && "connected".equals(p.get("state")) && p.get("frames") instanceof Number n
                    && n.longValue() > 0;
        }

        private static String tail(String log) {
            List<String> lines = log.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
    }
}
