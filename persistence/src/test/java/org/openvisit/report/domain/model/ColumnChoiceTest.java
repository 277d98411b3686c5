package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnChoiceTest {

    private final ColumnChoice choice = ColumnChoice.of(UUID.randomUUID(), Instant.EPOCH);

    @Test
    void aColumnNeverTouchedHasNoChoiceAndTheLatestChoiceCounts() {
        assertThat(choice.visible("clinicians")).isEmpty();
        choice.choose("clinicians", false, Instant.EPOCH);
        assertThat(choice.visible("clinicians")).contains(false);
        choice.choose("clinicians", true, Instant.EPOCH.plusSeconds(1));
        assertThat(choice.visible("clinicians")).contains(true);
        assertThat(choice.choices()).hasSize(1);
        assertThat(choice.updatedAt()).isEqualTo(Instant.EPOCH.plusSeconds(1));
    }

    @Test
    void onlyColumnIdsAndNoMoreThanATableHas() {
        assertThatThrownBy(() -> choice.choose("a,b", true, Instant.EPOCH)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> choice.choose("", true, Instant.EPOCH)).isInstanceOf(InvalidValueException.class);
        for (int i = 0; i < ColumnChoice.MAX_COLUMNS; i++) {
            choice.choose("c" + i, i % 2 == 0, Instant.EPOCH);
        }
        assertThatThrownBy(() -> choice.choose("oneTooMany", true, Instant.EPOCH))
                .isInstanceOf(InvalidValueException.class);
        assertThat(choice.choices()).hasSize(ColumnChoice.MAX_COLUMNS);
    }
}
