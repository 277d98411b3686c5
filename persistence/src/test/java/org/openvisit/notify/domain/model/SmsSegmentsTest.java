package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.SmsSegments.Encoding;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTest {

    @Test
    void exactly160GsmCharactersAreOneSegmentAnd161AreTwo() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments(Encoding.GSM_7, 160, 160, 1));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments(Encoding.GSM_7, 161, 161, 2));
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        assertThat(SmsSegments.of("€")).isEqualTo(new SmsSegments(Encoding.GSM_7, 1, 2, 1));
        assertThat(SmsSegments.of("[x]{}^~|\\")).extracting(SmsSegments::encoding, SmsSegments::units)
                .containsExactly(Encoding.GSM_7, 17);
        // 159 septets and one € make 161: two segments, though 160 characters
        SmsSegments tipped = SmsSegments.of("a".repeat(158) + "€");
        assertThat(tipped.characters()).isEqualTo(159);
        assertThat(tipped.units()).isEqualTo(160);
        assertThat(tipped.segments()).isEqualTo(1);
        assertThat(SmsSegments.of("a".repeat(159) + "[").segments()).isEqualTo(2);
    }

    @Test
    void anEscapedPairIsNotSplitBetweenSegments() {
        // 152 septets, then "[" (2) does not fit in the first 153: it starts the second segment
        String text = "a".repeat(152) + "[" + "a".repeat(152);
        assertThat(SmsSegments.of(text).units()).isEqualTo(306);
        assertThat(SmsSegments.of(text).segments()).isEqualTo(3);
        assertThat(SmsSegments.of("a".repeat(151) + "[" + "a".repeat(153)).segments()).isEqualTo(2);
    }

    @Test
    void gsmBasicTableIncludesAccentsAndGreekCapitals() {
        assertThat(SmsSegments.of("Ça été Δ £5 @ 10:30 ¿ñ? ß").encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(SmsSegments.of("line\nbreak").encoding()).isEqualTo(Encoding.GSM_7);
        // á, ç (lower case), ê are not in GSM 03.38
        assertThat(SmsSegments.of("á").encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.of("ç").encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.of("`").encoding()).isEqualTo(Encoding.UCS_2);
    }

    @Test
    void aSingleChineseCharacterSwitchesTheWholeMessageToUcs2() {
        SmsSegments mixed = SmsSegments.of("a".repeat(69) + "诊");
        assertThat(mixed).isEqualTo(new SmsSegments(Encoding.UCS_2, 70, 70, 1));
        assertThat(SmsSegments.of("a".repeat(70) + "诊").segments()).isEqualTo(2);
        // € in UCS-2 is one unit like any other BMP character
        assertThat(SmsSegments.of("€诊").units()).isEqualTo(2);
    }

    @Test
    void seventyUcs2UnitsAreOneSegmentAnd71AreTwo() {
        assertThat(SmsSegments.of("Ж".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsSegments.of("Ж".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("Ж".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("Ж".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void emojiCountTwoUnitsAndAreNotSplit() {
        SmsSegments one = SmsSegments.of("😀");
        assertThat(one).isEqualTo(new SmsSegments(Encoding.UCS_2, 1, 2, 1));
        assertThat(SmsSegments.of("😀".repeat(35)).segments()).isEqualTo(1);
        assertThat(SmsSegments.of("😀".repeat(35) + "a").segments()).isEqualTo(2);
        // 66 units, then a surrogate pair does not fit in the first 67: it moves to the second segment
        SmsSegments split = SmsSegments.of("Ж".repeat(66) + "😀" + "Ж".repeat(66));
        assertThat(split.units()).isEqualTo(134);
        assertThat(split.segments()).isEqualTo(3);
    }

    @Test
    void emptyAndNullAreNoSegment() {
        assertThat(SmsSegments.of("")).isEqualTo(new SmsSegments(Encoding.GSM_7, 0, 0, 0));
        assertThat(SmsSegments.of(null).segments()).isZero();
    }
}
