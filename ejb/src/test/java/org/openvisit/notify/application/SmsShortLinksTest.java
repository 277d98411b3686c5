package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.notify.domain.model.SmsFeedRepository;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.tenant.domain.model.DataRegion;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A short SMS link ({@code /j/<code>}) found in no ready region: "no visit" while every region is ready, but while a
 * region's store is not ready (its database was down at the start) the link may be that region's, so it answers the
 * region-unavailable page (503) as the region's other pages do, not a 404 that tells the patient the link is dead.
 */
class SmsShortLinksTest {

    private final List<DataRegion> searched = new ArrayList<>();

    private SmsShortLinks links(Set<DataRegion> ready) throws Exception {
        SmsShortLinks links = new SmsShortLinks();
        set(links, "database", new OpenVisitDatabase() {
            @Override
            public Set<DataRegion> readyRegions() {
                return ready;
            }
        });
        RegionalStores stores = region -> {
            searched.add(region);
            SmsFeedRepository feed = (SmsFeedRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {SmsFeedRepository.class}, (proxy, method, args) -> {
                        if (method.getReturnType() == Optional.class) {
                            return Optional.empty();
                        }
                        throw new AssertionError("not expected: " + method.getName());
                    });
            return new RegionalStore(region, null, null, null, null, null, null, null, feed, null, null, null);
        };
        set(links, "stores", stores);
        return links;
    }

    @Test
    void aCodeOfNoRegionOpensNoVisitWhileEveryRegionIsReady() throws Exception {
        SmsShortLinks.Resolution r = links(EnumSet.allOf(DataRegion.class)).resolve("abc123xyz");
        assertThat(r.outcome()).isEqualTo(SmsShortLinks.Outcome.UNKNOWN);
        assertThat(searched).containsOnly(DataRegion.values());
    }

    @Test
    void aCodeNotFoundInTheReadyRegionsIsTheRegionDownsWhileOneIsNotReady() throws Exception {
        SmsShortLinks links = links(EnumSet.of(DataRegion.AMERICAS, DataRegion.EMEA));
        assertThatThrownBy(() -> links.resolve("abc123xyz")).isInstanceOf(RegionUnavailableException.class)
                .satisfies(e -> assertThat(((RegionUnavailableException) e).region()).isEqualTo(DataRegion.APAC));
        assertThat(searched).as("the ready regions were searched first")
                .containsOnly(DataRegion.AMERICAS, DataRegion.EMEA);
    }

    @Test
    void aCodeThatCannotBeOneOpensNoVisitWhateverIsDown() throws Exception {
        assertThat(links(EnumSet.noneOf(DataRegion.class)).resolve("NOT A CODE").outcome())
                .isEqualTo(SmsShortLinks.Outcome.UNKNOWN);
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
