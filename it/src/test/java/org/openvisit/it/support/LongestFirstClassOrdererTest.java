package org.openvisit.it.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of the real integration-test classes as JUnit hands them over: the engine's thread runs the list from its
 * end, the other thread from its start (see {@link LongestFirstClassOrderer}).
 */
class LongestFirstClassOrdererTest {

    private static final List<String> FOUND = List.of("container.ServicesInContainerIT", "foundation.ApiRefusalsIT",
            "foundation.OrganizationsApiIT", "foundation.ServerEndpointsIT", "foundation.StartScriptIT",
            "foundation.WireHardeningIT", "launch.ContextLinkLaunchIT", "launch.EhrLaunchBrowserIT",
            "launch.RealEhrLaunchIT", "launch.SmartEhrLaunchIT", "launch.TeamsLaunchIT", "launch.TeamsScreenIT",
            "notify.FhirSubscriptionIT", "notify.SmsSetupIT", "portal.ApprovalFlowIT", "portal.OidcSignInIT",
            "portal.OrganizationsPageIT", "portal.PagesInFourLanguagesIT", "portal.SignInIT",
            "portal.SignInProtectionIT", "regions.RegionalStoresIT", "reports.ReportsApiIT", "reports.ReportsIT",
            "rooms.RoomAbuseIT", "rooms.RoomRefusalsIT", "rooms.SfuGroupVisitIT", "rooms.TurnRelayIT", "rooms.TwoBrowserVisitIT",
            "sandbox.SandboxAdminIT", "sandbox.SandboxBackendServicesIT", "sandbox.SandboxContextLinkIT",
            "sandbox.SandboxDiscoveryIT", "sandbox.SandboxEhrLaunchIT", "sandbox.SandboxFaultSwitchIT",
            "sandbox.SandboxRejectionsIT", "server.EarOnPayaraServerIT", "tenant.AccountsPortalIT",
            "tenant.EhrVerificationIT", "tenant.EndpointsApiIT", "tenant.UsersApiIT", "writeback.WriteBackClusterIT",
            "writeback.WriteBackIT", "writeback.WriteBackPortalIT");

    @Test
    void theLongestClassesStartFirstOnBothThreadsAndTheShortOnesEndTheRun() throws Exception {
        List<String> order = ordered(FOUND);

        assertThat(order).hasSize(FOUND.size()).doesNotHaveDuplicates();
        // the stealing thread starts with the front, the engine's thread with the end: the two longest units first
        assertThat(order.get(0)).isEqualTo("PagesInFourLanguagesIT");
        assertThat(order.get(order.size() - 1)).isEqualTo("EarOnPayaraServerIT");
        // the classes of many browsers, one after the other on one thread (the longest first), never waiting on each
        // other's lock
        assertThat(order.subList(0, 3)).containsExactly("PagesInFourLanguagesIT", "TurnRelayIT", "TwoBrowserVisitIT");
        // every known long class nearer an end than any short one; the short ones in the order they were found
        int shortFrom = order.indexOf("ServicesInContainerIT");
        int shortTo = order.indexOf("WriteBackPortalIT");
        assertThat(order.subList(shortFrom, shortTo + 1)).noneMatch(LongestFirstClassOrderer.MEASURED_SECONDS::containsKey)
                .containsExactlyElementsOf(FOUND.stream().map(n -> n.substring(n.indexOf('.') + 1))
                        .filter(n -> !LongestFirstClassOrderer.MEASURED_SECONDS.containsKey(n)).toList());
        // each thread's share of the known seconds within the longest single class of each other
        int front = order.subList(0, shortFrom).stream().mapToInt(LongestFirstClassOrderer.MEASURED_SECONDS::get).sum();
        int back = order.subList(shortTo + 1, order.size()).stream()
                .mapToInt(LongestFirstClassOrderer.MEASURED_SECONDS::get).sum();
        int longest = LongestFirstClassOrderer.MEASURED_SECONDS.values().stream().mapToInt(Integer::intValue).max()
                .orElseThrow();
        assertThat(Math.abs(front - back)).as("front %d s, back %d s", front, back).isLessThanOrEqualTo(longest);
        // the engine's thread runs the end of the list from the last class backwards: longest first there too
        List<Integer> backSeconds = new ArrayList<>(order.subList(shortTo + 1, order.size()).stream()
                .map(LongestFirstClassOrderer.MEASURED_SECONDS::get).toList());
        assertThat(backSeconds).isSortedAccordingTo(Integer::compare);
    }

    @Test
    void aFewClassesChosenByHandAreOrderedTheSameWay() throws Exception {
        assertThat(ordered(List.of("foundation.ServerEndpointsIT", "writeback.WriteBackIT", "portal.SignInIT",
                "notify.SmsSetupIT", "rooms.RoomRefusalsIT", "regions.RegionalStoresIT")))
                .containsExactly("WriteBackIT", "ServerEndpointsIT", "SignInIT", "RoomRefusalsIT", "SmsSetupIT",
                        "RegionalStoresIT");
    }

    @Test
    void nestedClassesKeepTheirDeclaredOrder() throws Exception {
        List<ClassDescriptor> nested = new ArrayList<>(List.of(descriptor(
                Class.forName("org.openvisit.it.rooms.TurnRelayIT$ThroughNat"))));
        new LongestFirstClassOrderer().orderClasses(context(nested));
        assertThat(nested).extracting(d -> d.getTestClass().getSimpleName()).containsExactly("ThroughNat");
    }

    private static List<String> ordered(List<String> names) throws ClassNotFoundException {
        List<ClassDescriptor> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(descriptor(Class.forName("org.openvisit.it." + name)));
        }
        new LongestFirstClassOrderer().orderClasses(context(classes));
        return classes.stream().map(d -> d.getTestClass().getSimpleName()).toList();
    }

    private static ClassOrdererContext context(List<ClassDescriptor> classes) {
        return new ClassOrdererContext() {
            @Override
            public List<? extends ClassDescriptor> getClassDescriptors() {
                return classes;
            }

            @Override
            public Optional<String> getConfigurationParameter(String key) {
                return Optional.empty();
            }
        };
    }

    private static ClassDescriptor descriptor(Class<?> testClass) {
        return new ClassDescriptor() {
            @Override
            public Class<?> getTestClass() {
                return testClass;
            }

            @Override
            public String getDisplayName() {
                return testClass.getSimpleName();
            }

            @Override
            public boolean isAnnotated(Class<? extends Annotation> annotationType) {
                return AnnotationSupport.isAnnotated(testClass, annotationType);
            }

            @Override
            public <A extends Annotation> Optional<A> findAnnotation(Class<A> annotationType) {
                return AnnotationSupport.findAnnotation(testClass, annotationType);
            }

            @Override
            public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> annotationType) {
                return AnnotationSupport.findRepeatableAnnotations(testClass, annotationType);
            }
        };
    }
}
