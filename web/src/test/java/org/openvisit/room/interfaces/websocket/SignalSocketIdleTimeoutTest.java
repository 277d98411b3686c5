package org.openvisit.room.interfaces.websocket;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SignalSocketIdleTimeoutTest {

    @Test
    void theContainersDefaultIsTwiceTheHeartbeatTimeout() {
        AtomicLong idleTimeout = new AtomicLong(-1);
        ServerContainer container = proxy(ServerContainer.class, (method, args) -> {
            if (method.equals("setDefaultMaxSessionIdleTimeout")) {
                idleTimeout.set((Long) args[0]);
            }
            return null;
        });
        Map<String, Object> attributes = new HashMap<>(Map.of(ServerContainer.class.getName(), container));

        SignalSocketIdleTimeout.setDefault(context(attributes), Duration.ofSeconds(30));

        assertThat(idleTimeout).hasValue(60_000);
    }

    @Test
    void aContextWithoutWebSocketContainerIsLeftAsItIs() {
        Map<String, Object> attributes = new HashMap<>();

        SignalSocketIdleTimeout.setDefault(context(attributes), Duration.ofSeconds(30));

        assertThat(attributes).isEmpty();
    }

    private static ServletContext context(Map<String, Object> attributes) {
        return proxy(ServletContext.class, (method, args) -> method.equals("getAttribute") ? attributes.get((String) args[0]) : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
