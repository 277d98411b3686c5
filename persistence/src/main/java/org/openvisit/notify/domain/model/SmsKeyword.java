package org.openvisit.notify.domain.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords a patient may answer with, and their usual synonyms in the four languages: the whole message, any
 * case, surrounding spaces and punctuation ignored (as carriers match them).
 */
public enum SmsKeyword {
    STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "退订", "取消", "退訂",
            "СТОП", "ОТПИСАТЬСЯ")),
    START(Set.of("START", "UNSTOP", "YES", "SUBSCRIBE", "开始", "開始", "订阅", "訂閱", "СТАРТ")),
    HELP(Set.of("HELP", "INFO", "帮助", "幫助", "ПОМОЩЬ"));

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    /** The keyword the message is, if it is one. */
    public static Optional<SmsKeyword> of(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String word = message.strip().replaceAll("^[\\p{Punct}\\s。！]+|[\\p{Punct}\\s。！]+$", "")
                .toUpperCase(Locale.ROOT);
        for (SmsKeyword k : values()) {
            if (k.words.contains(word)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
