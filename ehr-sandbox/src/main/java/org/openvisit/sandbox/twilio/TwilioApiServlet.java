package org.openvisit.sandbox.twilio;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.web.JsonResponses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Twilio's REST API OpenVisit speaks, under {@code /twilio/2010-04-01/Accounts/{AccountSid}/}, with its
 * HTTP Basic auth (the account SID and {@link TwilioStubAccount#AUTH_TOKEN}) and its error shape
 * ({@code {"code","message","more_info","status"}}):
 * <ul>
 * <li>{@code GET AvailablePhoneNumbers/{country}/Local.json?AreaCode=&PageSize=}: in the US and Canada, fictional
 * numbers {@code +1 <area code, 202 by default> 555-01xx} the account does not hold; {@code Mobile.json} there is an
 * empty list; other countries are 404 (code 20404), as for a country Twilio does not serve.</li>
 * <li>{@code POST IncomingPhoneNumbers.json} (PhoneNumber, SmsUrl): 201 with the number's SID; a number held
 * already is 400 (code 21422). {@code GET IncomingPhoneNumbers.json?PhoneNumber=} lists, {@code DELETE
 * IncomingPhoneNumbers/{sid}.json} releases (204, 404 when unknown).</li>
 * <li>{@code POST Messages.json} (To, From, Body, StatusCallback): 201 {@code queued}; From must be a number the
 * account holds (21606), To an E.164 number (21211), Body not empty (21602); then {@code sent} and
 * {@code delivered} are reported to StatusCallback, signed ({@link TwilioWebhooks}).</li>
 * </ul>
 * The fault switch ({@link TwilioAdminServlet}) makes the next calls answer 429 or 5xx.
 */
@WebServlet("/twilio/2010-04-01/Accounts/*")
public class TwilioApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/(AC[0-9a-fA-F]{32})/(.+)");
    private static final Pattern AVAILABLE = Pattern.compile("AvailablePhoneNumbers/([A-Z]{2})/(Local|Mobile)\\.json");
    private static final Pattern ONE_NUMBER = Pattern.compile("IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern AREA_CODE = Pattern.compile("[2-9]\\d{2}");

    @Inject
    private transient TwilioStubAccount account;

    @Inject
    private transient TwilioWebhooks callbacks;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.matches()) {
            error(response, 404, 20404, "The requested resource was not found");
            return;
        }
        if (!authorized(request, path.group(1))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            error(response, 401, 20003, "Authenticate");
            return;
        }
        Optional<Integer> fault = account.fault();
        if (fault.isPresent()) {
            if (fault.get() == 429) {
                response.setHeader("Retry-After", "1");
            }
            error(response, fault.get(), fault.get() == 429 ? 20429 : 20500, "The stand-in was told to fail");
            return;
        }
        String resource = path.group(2);
        String method = request.getMethod();
        Matcher available = AVAILABLE.matcher(resource);
        Matcher one = ONE_NUMBER.matcher(resource);
        if ("GET".equals(method) && available.matches()) {
            available(request, response, available.group(1), available.group(2));
        } else if ("POST".equals(method) && "IncomingPhoneNumbers.json".equals(resource)) {
            buy(request, response, path.group(1));
        } else if ("GET".equals(method) && "IncomingPhoneNumbers.json".equals(resource)) {
            list(request, response);
        } else if ("DELETE".equals(method) && one.matches()) {
            response.setStatus(account.release(one.group(1)) ? 204 : 404);
        } else if ("POST".equals(method) && "Messages.json".equals(resource)) {
            message(request, response, path.group(1));
        } else {
            error(response, 404, 20404, "The requested resource was not found");
        }
    }

    private void available(HttpServletRequest request, HttpServletResponse response, String country, String type)
            throws IOException {
        if (!"US".equals(country) && !"CA".equals(country)) {
            error(response, 404, 20404, "The requested resource was not found");
            return;
        }
        String areaCode = request.getParameter("AreaCode");
        int pageSize = pageSize(request.getParameter("PageSize"));
        JsonArrayBuilder numbers = Json.createArrayBuilder();
        if ("Local".equals(type) && (areaCode == null || AREA_CODE.matcher(areaCode).matches())) {
            String area = areaCode == null ? "202" : areaCode;
            for (int line = 100, found = 0; line < 200 && found < pageSize; line++) {
                String number = "+1" + area + "5550" + line;
                if (!account.holds(number)) {
                    numbers.add(Json.createObjectBuilder().add("friendly_name", "(" + area + ") 555-0" + line)
                            .add("phone_number", number).add("iso_country", country).add("address_requirements", "none")
                            .add("beta", false).add("capabilities", Json.createObjectBuilder().add("voice", true)
                                    .add("SMS", true).add("MMS", true)));
                    found++;
                }
            }
        }
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("available_phone_numbers", numbers)
                .add("uri", request.getRequestURI()).build());
    }

    private void buy(HttpServletRequest request, HttpServletResponse response, String accountSid) throws IOException {
        String phoneNumber = request.getParameter("PhoneNumber");
        if (phoneNumber == null || !E164.matcher(phoneNumber).matches()) {
            error(response, 400, 21421, "PhoneNumber is invalid");
            return;
        }
        Optional<TwilioStubAccount.Held> held = account.buy(accountSid, phoneNumber, request.getParameter("SmsUrl"));
        if (held.isEmpty()) {
            error(response, 400, 21422, "PhoneNumber is not available");
            return;
        }
        JsonResponses.write(response, 201, number(held.get(), accountSid));
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String wanted = request.getParameter("PhoneNumber");
        JsonArrayBuilder list = Json.createArrayBuilder();
        account.numbers().stream().filter(h -> wanted == null || h.phoneNumber().equals(wanted))
                .forEach(h -> list.add(number(h, "")));
        JsonResponses.write(response, 200, Json.createObjectBuilder().add("incoming_phone_numbers", list).build());
    }

    private void message(HttpServletRequest request, HttpServletResponse response, String accountSid)
            throws IOException {
        String to = request.getParameter("To");
        String from = request.getParameter("From");
        String body = request.getParameter("Body");
        if (to == null || !E164.matcher(to).matches()) {
            error(response, 400, 21211, "Invalid 'To' Phone Number");
        } else if (from == null || !account.holds(from)) {
            error(response, 400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio "
                    + "phone number for this destination/account");
        } else if (body == null || body.isEmpty()) {
            error(response, 400, 21602, "Message body is required");
        } else {
            TwilioStubAccount.Message taken = account.take(from, to, body, request.getParameter("StatusCallback"));
            JsonResponses.write(response, 201, Json.createObjectBuilder().add("sid", taken.sid())
                    .add("status", taken.status()).add("to", to).add("from", from).add("body", body)
                    .add("num_segments", "1").add("account_sid", accountSid).addNull("error_code").build());
            callbacks.report(accountSid, taken);
        }
    }

    private static JsonObject number(TwilioStubAccount.Held held, String accountSid) {
        return Json.createObjectBuilder().add("sid", held.sid()).add("phone_number", held.phoneNumber())
                .add("account_sid", accountSid).add("sms_url", held.smsUrl() == null ? "" : held.smsUrl())
                .add("capabilities", Json.createObjectBuilder().add("voice", true).add("sms", true).add("mms", true))
                .build();
    }

    private static boolean authorized(HttpServletRequest request, String accountSid) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            return pair.equals(accountSid + ":" + TwilioStubAccount.AUTH_TOKEN);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int pageSize(String text) {
        try {
            return text == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 50;
        }
    }

    private static void error(HttpServletResponse response, int status, int code, String message) throws IOException {
        JsonResponses.write(response, status, Json.createObjectBuilder().add("code", code).add("message", message)
                .add("more_info", "https://www.twilio.com/docs/errors/" + code).add("status", status).build());
    }
}
