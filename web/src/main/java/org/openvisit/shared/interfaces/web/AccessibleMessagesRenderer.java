package org.openvisit.shared.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

import java.io.IOException;

/**
 * PrimeFaces' {@code p:messages} without {@code role="alert"} on each {@code <li>}: a list item with another role is
 * no list item any more, so every page showing a message failed axe's WCAG rule "list" ({@code <ul>} must only
 * contain {@code <li>}). The messages' container keeps PrimeFaces' {@code aria-live="polite"}, so screen readers still
 * announce each message. Registered in faces-config.xml for PrimeFaces' renderer type.
 */
public class AccessibleMessagesRenderer extends MessagesRenderer {

    @Override
    protected void encodeMessage(ResponseWriter writer, Messages uiMessages, FacesMessage msg, String severity,
                                 boolean escape) throws IOException {
        super.encodeMessage(new ResponseWriterWrapper(writer) {
            @Override
            public void writeAttribute(String name, Object value, String property) throws IOException {
                if (!("role".equals(name) && "alert".equals(value))) {
                    super.writeAttribute(name, value, property);
                }
            }
        }, uiMessages, msg, severity, escape);
    }
}
