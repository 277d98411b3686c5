package org.openvisit.room.interfaces.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.BundleTexts;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The room pages in the viewer's language, their scripts' words as a JSON data block, and no inline script. */
class RoomPagesTest {

    private static RoomPages.Viewer viewer(Locale locale) {
        return new RoomPages.Viewer(BundleTexts.of(RoomPages.BUNDLE, locale), ZoneOffset.UTC);
    }

    @Test
    void theDeviceTestSpeaksTheViewersLanguage() {
        String russian = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.RUSSIAN));
        assertThat(russian).contains("<html lang=\"ru\">", "Проверка камеры и микрофона", "Начать проверку")
                .doesNotContain("Start the test");
        String chinese = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.TRADITIONAL_CHINESE));
        assertThat(chinese).contains("<html lang=\"zh-Hant-TW\">", "測試攝影機和麥克風");
    }

    @Test
    void scriptsGetTheirWordsAsDataNotAsInlineScript() {
        String page = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.SIMPLIFIED_CHINESE));
        Matcher block = Pattern.compile("<script type=\"application/json\" id=\"pageTexts\">(.*?)</script>").matcher(page);
        assertThat(block.find()).isTrue();
        JsonObject texts = Json.createReader(new StringReader(block.group(1))).readObject();
        assertThat(texts.getString("js.dt.rtt")).isEqualTo("服务器在 {0} 毫秒内响应。");
        assertThat(texts.keySet()).allMatch(k -> k.startsWith("js."));
        // every other script is a file: a Content-Security-Policy without 'unsafe-inline' allows the page
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
        while (scripts.find()) {
            assertThat(scripts.group(1)).satisfiesAnyOf(a -> assertThat(a).contains("src="),
                    a -> assertThat(a).contains("type=\"application/json\""));
        }
        assertThat(page).doesNotContain(" onclick=", " onload=");
    }

    @Test
    void noTextCanCloseTheDataBlock() {
        String json = RoomPages.scriptTexts(viewer(Locale.ENGLISH));
        assertThat(json).doesNotContain("<", ">");
    }

    @Test
    void aRefusedLinkSaysWhyInTheViewersLanguageAndAnUnknownReasonGetsGeneralWords() {
        String expired = RoomPages.refusal("", viewer(BrowserLanguage.RUSSIAN), "EXPIRED");
        assertThat(expired).contains("<html lang=\"ru\">", "Срок действия ссылки на приём истёк", ">EXPIRED</span>");
        String english = RoomPages.refusal("", viewer(Locale.ENGLISH), "BAD_SIGNATURE");
        assertThat(english).contains("This link does not open a visit", "was not made by this OpenVisit");
        String unknown = RoomPages.refusal("", viewer(BrowserLanguage.SIMPLIFIED_CHINESE), "<b>SOMETHING_NEW");
        assertThat(unknown).contains("此链接无法打开就诊", "&lt;b&gt;SOMETHING_NEW").doesNotContain("<b>");
    }
}
