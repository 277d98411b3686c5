package org.openvisit.notify.infrastructure.hl7;

import ca.uhn.hl7v2.llp.HL7Reader;
import ca.uhn.hl7v2.llp.HL7Writer;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.application.SmsFeedService;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The SMS appointment feed's MLLP listener: off unless {@code openvisit.sms.mllp.port} is set (0: off), bound to
 * {@code openvisit.sms.mllp.bind} (127.0.0.1), taking connections only from {@code openvisit.sms.mllp.allowed-sources}
 * (127.0.0.1 and ::1; others are closed at once). Framing is HAPI's ({@link MinLowerLayerProtocol}); each message is
 * handed to {@link SmsFeedService#receiveMllp} and its ACK/NAK written back on the same connection. The endpoint is
 * the one whose sending facility (MSH-4) the message names.
 */
@Singleton
@Startup
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class.getName());
    private static final int READ_TIMEOUT_MS = 120_000;

    @Inject
    @ConfigProperty(name = "openvisit.sms.mllp.port", defaultValue = "0")
    private int port;

    @Inject
    @ConfigProperty(name = "openvisit.sms.mllp.bind", defaultValue = "127.0.0.1")
    private String bind;

    @Inject
    @ConfigProperty(name = "openvisit.sms.mllp.allowed-sources", defaultValue = "127.0.0.1,::1")
    private String allowedSources;

    @Resource
    private ManagedThreadFactory threads;

    @EJB
    private SmsFeedService feed;

    private volatile ServerSocket server;
    private Set<InetAddress> allowed;

    @PostConstruct
    void start() {
        if (port <= 0) {
            return;
        }
        try {
            allowed = new HashSet<>();
            for (String source : Arrays.stream(allowedSources.split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList()) {
                allowed.add(InetAddress.getByName(source));
            }
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
            server = socket;
            threads.newThread(this::accept).start();
            LOG.info(() -> "SMS feed: MLLP listener on " + bind + ":" + port + ", allowed sources " + allowed);
        } catch (UnknownHostException e) {
            LOG.severe(() -> "SMS feed: MLLP listener not started, an address in openvisit.sms.mllp.bind or "
                    + "allowed-sources is unknown: " + e.getMessage());
        } catch (IOException e) {
            LOG.severe(() -> "SMS feed: MLLP listener could not bind " + bind + ":" + port + ": " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept() {
        ServerSocket s = server;
        while (s != null && !s.isClosed()) {
            try {
                Socket connection = s.accept();
                if (!allowed.contains(connection.getInetAddress())) {
                    LOG.warning(() -> "SMS feed: MLLP connection from " + connection.getInetAddress()
                            + " refused (not in openvisit.sms.mllp.allowed-sources)");
                    connection.close();
                    continue;
                }
                threads.newThread(() -> serve(connection)).start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warning(() -> "SMS feed: MLLP accept failed: " + e.getMessage());
            }
            s = server;
        }
    }

    /** One connection: messages in, one acknowledgement out for each, until the sender closes it. */
    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(READ_TIMEOUT_MS);
            MinLowerLayerProtocol llp = new MinLowerLayerProtocol(true);
            HL7Reader reader = llp.getReader(connection.getInputStream());
            HL7Writer writer = llp.getWriter(connection.getOutputStream());
            String message;
            while ((message = reader.getMessage()) != null) {
                writer.writeMessage(feed.receiveMllp(message).ack());
            }
        } catch (LLPException | IOException e) {
            LOG.fine(() -> "SMS feed: MLLP connection ended: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warning(() -> "SMS feed: MLLP connection failed: " + e.getClass().getSimpleName());
        }
    }
}
