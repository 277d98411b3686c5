package org.openvisit.launch.interfaces.web;

import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.room.application.RoomPass;

import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one browser's launches and join links leave behind, typed and in one place: the launches waiting for the
 * EHR's callback (by state; several tabs may launch at once; each works once), the states already used (so a
 * replayed callback is told apart from a forged one), the sites that may frame the launch's pages, the visits this
 * browser launched and as whom (a patient launch gives only the lobby), its room passes (one attendee id per
 * visit, so a reload is the same attendee) and the clinicians' Microsoft sign-ins (Teams) waiting for Entra. Small
 * and bounded (the oldest entries go first) and serializable: it is kept in Payara's data grid under the browser's own cookie ({@link BrowserStates}), not in a node's HTTP session,
 * so any node serves the browser and a node's death loses nothing.
 */
public final class BrowserLaunchState implements Serializable {

    @Serial
    private static final long serialVersionUID = 4L;
    /** The request attribute with the sites that may frame the launch begun by this request (a {@code List<String>}). */
    public static final String FRAME_ANCESTORS_ATTRIBUTE = BrowserLaunchState.class.getName() + ".frameAncestors";
    static final int MAX_PENDING = 20;
    static final int MAX_REMEMBERED = 100;

    private final LinkedHashMap<String, PendingLaunch> pending = new LinkedHashMap<>();
    private final LinkedHashSet<String> usedStates = new LinkedHashSet<>();
    /** Visit id to whether this browser launched it as the patient. */
    private final LinkedHashMap<UUID, Boolean> launchedVisits = new LinkedHashMap<>();
    /** Visit id to the EHR user id of the clinician who launched it in this browser (for the audit trail). */
    private final LinkedHashMap<UUID, String> launchingClinicians = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, RoomPass> passes = new LinkedHashMap<>();
    /** Microsoft sign-ins of clinicians (Teams) waiting for Entra's callback, by state. */
    private final LinkedHashMap<String, PendingTeamsSignIn> teamsSignIns = new LinkedHashMap<>();
    private List<String> launchFrameAncestors = List.of();

    /** The sites that may frame the pages of the launch this browser began last (its callback, its refusals). */
    public synchronized List<String> launchFrameAncestors() {
        return launchFrameAncestors;
    }

    public synchronized void launchFrameAncestors(List<String> origins) {
        launchFrameAncestors = List.copyOf(origins);
    }

    synchronized void addPending(PendingLaunch launch) {
        pending.remove(launch.state());
        pending.put(launch.state(), launch);
        trim(pending.keySet(), MAX_PENDING);
    }

    /** Takes the launch waiting under {@code state}: it works once. */
    synchronized Optional<PendingLaunch> takePending(String state) {
        PendingLaunch launch = pending.remove(state);
        if (launch != null) {
            usedStates.add(state);
            trim(usedStates, MAX_REMEMBERED);
        }
        return Optional.ofNullable(launch);
    }

    synchronized void addTeamsSignIn(PendingTeamsSignIn signIn) {
        teamsSignIns.remove(signIn.start().state());
        teamsSignIns.put(signIn.start().state(), signIn);
        trim(teamsSignIns.keySet(), MAX_PENDING);
    }

    /** Takes the Microsoft sign-in waiting under {@code state}: it works once. */
    synchronized Optional<PendingTeamsSignIn> takeTeamsSignIn(String state) {
        return Optional.ofNullable(state == null ? null : teamsSignIns.remove(state));
    }

    synchronized boolean wasUsed(String state) {
        return usedStates.contains(state);
    }

    /** This browser launched the visit, as its patient or as a clinician. */
    synchronized void launched(UUID visitId, boolean asPatient, String clinicianEhrUserId) {
        // a browser that launched as the patient stays the patient there, even if it launches again as someone else
        launchedVisits.merge(visitId, asPatient, (before, now) -> before || now);
        trim(launchedVisits.keySet(), MAX_REMEMBERED);
        if (!launchedAsPatient(visitId) && clinicianEhrUserId != null && !clinicianEhrUserId.isBlank()) {
            launchingClinicians.putIfAbsent(visitId, clinicianEhrUserId);
            trim(launchingClinicians.keySet(), MAX_REMEMBERED);
        }
    }

    /** The EHR user id of the clinician who launched the visit in this browser, when one did. */
    public synchronized Optional<String> launchedBy(UUID visitId) {
        return Optional.ofNullable(launchingClinicians.get(visitId));
    }

    public synchronized boolean hasLaunched(UUID visitId) {
        return launchedVisits.containsKey(visitId);
    }

    public synchronized boolean launchedAsPatient(UUID visitId) {
        return Boolean.TRUE.equals(launchedVisits.get(visitId));
    }

    public synchronized Optional<RoomPass> pass(UUID visitId) {
        return Optional.ofNullable(passes.get(visitId));
    }

    /** The visit's pass: the one kept, or {@code made} kept from now on. */
    public synchronized RoomPass passOrKeep(UUID visitId, Supplier<RoomPass> made) {
        RoomPass pass = passes.computeIfAbsent(visitId, id -> made.get());
        trim(passes.keySet(), MAX_REMEMBERED);
        return pass;
    }

    private static void trim(Set<?> keys, int max) {
        Iterator<?> oldest = keys.iterator();
        while (keys.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized String toString() {
        return "BrowserLaunchState[pending=" + pending.size() + ", visits=" + launchedVisits.size() + ", passes="
                + passes.size() + "]";
    }
}
