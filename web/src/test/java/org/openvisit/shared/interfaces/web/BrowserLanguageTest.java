package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of OpenVisit's languages a browser's language preferences choose. */
class BrowserLanguageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zh-CN,zh;q=0.9,en;q=0.8 | zh-CN",
            "zh-TW | zh-TW",
            "zh-HK,en;q=0.5 | zh-TW",
            "zh-Hant | zh-TW",
            "zh-Hans-SG | zh-CN",
            "zh | zh-CN",
            "ru-RU,ru;q=0.9 | ru",
            "de-DE,ru;q=0.8,en;q=0.5 | ru",
            "de-DE,fr;q=0.8 | en",
            "en-US,en;q=0.9,zh-CN;q=0.8 | en",
            "fr;q=0.9,zh-TW;q=0.95 | zh-TW",
            "not a header;;; | en"})
    void picksTheFirstLanguageOpenVisitSpeaks(String header, String expected) {
        Locale chosen = BrowserLanguage.of(new FakeRequest(header).proxy());
        assertThat(chosen.toLanguageTag()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"''", "' '"})
    void noHeaderIsEnglishNotTheServersLocale(String header) {
        assertThat(BrowserLanguage.of(new FakeRequest(header.isEmpty() ? null : header).proxy()))
                .isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ru | zh-CN | ru",
            "zh-Hant-TW | en-US | zh-TW",
            "zh-Hans-CN | ru | zh-CN",
            "en | zh-TW | en",
            "de | zh-TW | zh-TW",
            "<script> | ru | ru",
            "zh-Hant-TW-aaaaaaaaaaaaaaaaaaaa | ru | ru"})
    void theLanguageChosenWithTheSwitcherComesFirst(String cookie, String header, String expected) {
        Locale chosen = BrowserLanguage.of(new FakeRequest(header, cookie).proxy());
        assertThat(chosen.toLanguageTag()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aSignedInPersonsLanguageComesBeforeTheSwitchersCookieAndTheBrowser() {
        jakarta.servlet.http.HttpServletRequest cookieAndHeader = new FakeRequest("zh-TW", "ru").proxy();
        jakarta.servlet.http.HttpServletRequest signedIn = (jakarta.servlet.http.HttpServletRequest)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[]{jakarta.servlet.http.HttpServletRequest.class}, (p, method, args) ->
                                "getAttribute".equals(method.getName()) && BrowserLanguage.ACCOUNT_CHOICE.equals(args[0])
                                        ? Locale.SIMPLIFIED_CHINESE : method.invoke(cookieAndHeader, args));
        assertThat(BrowserLanguage.of(signedIn)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(BrowserLanguage.of(cookieAndHeader).toLanguageTag()).isEqualTo("ru");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "de-DE,fr;q=0.8 | zh-TW",
            "'' | zh-TW",
            "en-US | en",
            "de,en;q=0.5 | en",
            "ru | ru"})
    void aPatientsPageFallsBackToTheOrganizationsLanguageNotToEnglish(String header, String expected) {
        Locale chosen = BrowserLanguage.forPatient(new FakeRequest(header.isEmpty() ? null : header).proxy(),
                Locale.TRADITIONAL_CHINESE);
        assertThat(chosen.toLanguageTag()).isEqualTo(expected);
        assertThat(BrowserLanguage.forPatient(new FakeRequest("de", "en").proxy(), Locale.TRADITIONAL_CHINESE))
                .as("English chosen with the switcher").isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"en | en", "zh-CN | zh-Hans-CN", "zh-TW | zh-Hant-TW", "ru | ru"})
    void pagesNameTheChineseScript(String locale, String lang) {
        assertThat(BrowserLanguage.tag(BrowserLanguage.supported(Locale.forLanguageTag(locale)))).isEqualTo(lang);
    }

    /** A request that answers only the Accept-Language header and, when given, the language choice cookie. */
    record FakeRequest(String acceptLanguage, String choice) {

        FakeRequest(String acceptLanguage) {
            this(acceptLanguage, null);
        }

        jakarta.servlet.http.HttpServletRequest proxy() {
            return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[]{jakarta.servlet.http.HttpServletRequest.class},
                    (p, method, args) -> switch (method.getName()) {
                        case "getHeader" -> "Accept-Language".equals(args[0]) ? acceptLanguage : null;
                        case "getCookies" -> choice == null ? null
                                : new jakarta.servlet.http.Cookie[]{new jakarta.servlet.http.Cookie("other", "x"),
                                        new jakarta.servlet.http.Cookie(BrowserLanguage.CHOICE_COOKIE, choice)};
                        default -> null;
                    });
        }
    }
}
