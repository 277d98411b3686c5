package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.DataRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class RegionRoundsTest {

    private final RegionRounds rounds = new RegionRounds("A test round", Logger.getLogger("RegionRoundsTest"));

    @Test
    void aFailingRegionDoesNotStopTheOthers() {
        List<DataRegion> done = new ArrayList<>();

        rounds.run(List.of(DataRegion.values()), region -> {
            if (region == DataRegion.values()[0]) {
                throw new IllegalStateException("store down");
            }
            done.add(region);
        });

        assertThat(done).hasSize(DataRegion.values().length - 1).doesNotContain(DataRegion.values()[0]);
    }

    @Test
    void aRoundStartedWhileOneRunsDoesNothing() {
        List<String> calls = new ArrayList<>();

        rounds.run(List.of(DataRegion.values()[0]), outer -> {
            calls.add("outer");
            rounds.run(List.of(DataRegion.values()), inner -> calls.add("inner"));
        });
        rounds.run(List.of(DataRegion.values()[0]), again -> calls.add("after"));

        assertThat(calls).containsExactly("outer", "after");
    }
}
