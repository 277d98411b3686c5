/**
 * Janus (the group-visit SFU) seen from the server: its admin API (tokens, and the VideoRoom plugin's synchronous
 * requests through {@code message_plugin}) through the EHR layer's {@link org.openvisit.ehr.OutboundHttp}; every
 * refusal or failure becomes a {@link org.openvisit.ehr.janus.JanusFailure} in words an operator can act on.
 */
package org.openvisit.ehr.janus;
