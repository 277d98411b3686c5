package org.openvisit.ehr.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.writeback.application.EndpointAccess;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one FHIR client factory of the application. Every HAPI client OpenVisit uses comes from here, with:
 * <ul>
 * <li>the application's one {@link FhirContext} (R4; costly to make, safe to share);</li>
 * <li>explicit connect and answer timeouts and a connection pool per {@link FhirClientLimits} (no redirects
 *     followed, no cookies kept, no conformance read before the first call);</li>
 * <li>the outbound address policy: the base URL is checked before a client is made ({@link OutboundHttp#check}:
 *     https only, plain http only to this server in development mode), and every connection's name lookup is
 *     checked again ({@link PolicyDnsResolver});</li>
 * <li>authentication as a client interceptor (the SMART Backend Services token of {@link BackendServicesTokens});</li>
 * <li>{@code If-None-Exist} sent as search parameters only ({@link RelativeIfNoneExist}).</li>
 * </ul>
 */
@ApplicationScoped
public class FhirClients {

    private static final Logger LOG = Logger.getLogger(FhirClients.class.getName());

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    private BackendServicesTokens tokens;

    private FhirContext context;
    private OutboundHttp addressCheck;
    private OutboundAddressPolicy policy;
    private final Map<FhirClientLimits, Pool> pools = new ConcurrentHashMap<>();

    private record Pool(ApacheRestfulClientFactory factory, CloseableHttpClient http, RequestTimeouts timeouts) {
    }

    @PostConstruct
    void init() {
        use(addresses.policy());
    }

    /** A factory without a container, for tests and tools: the given policy, no backend tokens. */
    public static FhirClients withPolicy(OutboundAddressPolicy policy) {
        FhirClients clients = new FhirClients();
        clients.use(policy);
        return clients;
    }

    private void use(OutboundAddressPolicy policy) {
        this.context = newContext();
        this.policy = policy;
        this.addressCheck = new OutboundHttp(policy);
    }

    /**
     * A FHIR R4 context as OpenVisit reads EHR answers with: lenient (a value that breaks a rule is left out, the rest
     * read), and silent about it, because HAPI's default handler writes the offending value to the log, and a value
     * of an EHR's Patient (a birth date, a number) is patient data.
     */
    public static FhirContext newContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new LenientErrorHandler(false));
        return context;
    }

    /** The application's one FHIR R4 context (parsers, resource definitions). */
    public FhirContext context() {
        return context;
    }

    /**
     * A client for write-back to an endpoint: its FHIR base, its backend-services access token as a bearer
     * interceptor (fetched or taken from the cache now).
     *
     * @throws org.openvisit.ehr.SmartSignInException the base URL is refused by the outbound address policy
     * @throws org.openvisit.writeback.application.DeliveryFailure no access token could be had
     */
    public IGenericClient backendClient(EndpointAccess access, FhirClientLimits limits) {
        return backendClient(access, limits, BackendServicesTokens.SCOPE);
    }

    /**
     * A client for an endpoint with a backend-services token of the given scopes (the SMS feed asks for
     * {@link BackendServicesTokens#FEED_SCOPE}).
     *
     * @throws org.openvisit.ehr.SmartSignInException the base URL is refused by the outbound address policy
     * @throws org.openvisit.writeback.application.DeliveryFailure no access token could be had
     */
    public IGenericClient backendClient(EndpointAccess access, FhirClientLimits limits, String scope) {
        addressCheck.check(URI.create(access.fhirBase()), "the EHR's FHIR API"); // before a token is asked for
        return unchecked(access.fhirBase(), limits, new BearerTokenAuthInterceptor(tokens.accessToken(access, scope)));
    }

    /**
     * A client for a FHIR base URL with the given interceptors (authentication first).
     *
     * @throws org.openvisit.ehr.SmartSignInException the base URL is refused by the outbound address policy
     */
    public IGenericClient client(String fhirBase, FhirClientLimits limits, IClientInterceptor... interceptors) {
        addressCheck.check(URI.create(fhirBase), "the EHR's FHIR API");
        return unchecked(fhirBase, limits, interceptors);
    }

    private IGenericClient unchecked(String fhirBase, FhirClientLimits limits, IClientInterceptor... interceptors) {
        Pool pool = pools.computeIfAbsent(limits, this::pool);
        IGenericClient client = pool.factory().newGenericClient(fhirBase);
        client.registerInterceptor(pool.timeouts());
        for (IClientInterceptor interceptor : interceptors) {
            client.registerInterceptor(interceptor);
        }
        client.registerInterceptor(new RelativeIfNoneExist());
        return client;
    }

    private Pool pool(FhirClientLimits limits) {
        int connect = (int) limits.connectTimeout().toMillis();
        int answer = (int) limits.requestTimeout().toMillis();
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                RegistryBuilder.<ConnectionSocketFactory>create()
                        .register("http", PlainConnectionSocketFactory.getSocketFactory())
                        .register("https", SSLConnectionSocketFactory.getSystemSocketFactory())
                        .build(),
                null, null, new PolicyDnsResolver(policy), 5, TimeUnit.MINUTES);
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(answer).build());
        connections.setMaxTotal(limits.maxConnections());
        connections.setDefaultMaxPerRoute(limits.maxConnectionsPerHost());
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(answer)
                // waiting for a free pooled connection counts against the answer's time too
                .setConnectionRequestTimeout(answer)
                .setRedirectsEnabled(false)
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(timeouts)
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(context);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout(connect);
        factory.setSocketTimeout(answer);
        factory.setConnectionRequestTimeout(answer);
        factory.setHttpClient(http);
        LOG.fine(() -> "FHIR client pool: connect " + connect + " ms, answer " + answer + " ms, "
                + limits.maxConnections() + " connections (" + limits.maxConnectionsPerHost() + " per EHR)");
        return new Pool(factory, http, new RequestTimeouts(timeouts));
    }

    @PreDestroy
    void close() {
        pools.values().forEach(p -> {
            try {
                p.http().close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing a FHIR client pool", e);
            }
        });
        pools.clear();
    }
}
