/*
 * Group visits through the SFU (Janus VideoRoom) in the browser: a small client of Janus's HTTP API, written for
 * OpenVisit (no janus.js). The server decides who may take part and tells this page, over the signalling socket, the
 * SFU's address, the visit's SFU room, the participant id to publish as and this browser's own token (which only
 * works while the person is admitted). The page publishes its camera and microphone once (simulcast: a full and a
 * half-size layer, so that phones can receive the small one) and subscribes to every other publisher, one peer
 * connection each, which room.js shows as tiles and measures with getStats() like the mesh's.
 *
 *   const call = OpenVisitSfu.join({ url, room, participant, token, iceServers, stream, only(id),
 *                                    remote(id, pc), paused(id), gone(id), failed(reason) });
 *
 * Without a stream the page sends nothing (a person who only watches a large group visit); with {@code only} it
 * subscribes only to the publishers for whom it answers true (a watcher: the clinicians), asking again at each
 * reconciliation, so a publisher not yet known to the page is subscribed to a few seconds later. {@code paused(id)}:
 * that person's media stopped but they are still in the room (their connection broke and their page publishes again);
 * {@code remote(id, pc)} follows when they publish again, {@code gone(id)} when they left.
 *   call.publisherPc   // the peer connection that sends this page's media (for replaceTrack; a new one after a
 *                      // broken publication is made again, see sendAgain)
 *   call.forget(id)    // the server said that person left: drop the subscription
 *   call.leave()       // end this page's part (the session is destroyed)
 *   call.trace         // the last steps of the page's SFU connection, [ms since the epoch, what], for the developer
 *                      // console and the tests: when a tile stays dark, where the time went (no names, only ids)
 *
 * Janus announces a publisher once. A subscription that fails (no answer from a busy SFU, a lost request, ICE that
 * fails) would leave that person's tile dark for the rest of the visit, so every few seconds the page compares the
 * room's publishers (listparticipants) with its subscriptions and subscribes again where one is missing or broken.
 */
(function () {
  'use strict';

  /** Phones (narrow screens) ask the SFU for the smaller simulcast layer. */
  const SMALL_SCREEN = 600;
  const KEEPALIVE_MS = 25000;
  const RECONCILE_MS = 5000;
  /** A subscription still without its offer after this long is given up and asked for again. */
  const STUCK_MS = 20000;
  /** A publication that breaks is made again at most this many times in two minutes. */
  const REPUBLISH_LIMIT = 3;
  /** How many steps call.trace keeps. */
  const TRACE_LENGTH = 200;

  function transaction() {
    const bytes = new Uint8Array(9);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function join(o) {
    const base = o.url.replace(/\/+$/, '');
    const waiting = new Map(); // transaction -> resolve, for the plugin's answers to our messages
    const subscriptions = new Map(); // publisher id -> { handle, pc }
    const handles = new Map(); // handle id -> publisher id ('self' for our publisher handle)
    const departed = new Set(); // publishers who left or were removed: not subscribed to again by the reconciliation
    let session = null;
    let publisherHandle = null;
    let privateId = null;
    let keepalive = null;
    let reconciler = null;
    let stopped = false;
    let republishing = false;
    let ownHangup = null; // the moment this page unpublished a failed connection: Janus's hang-up of it follows
    let republishTimes = []; // when the publication was made again, for REPUBLISH_LIMIT
    const call = { publisherPc: null, forget, leave, trace: [] };

    function note(what) {
      call.trace.push([Date.now(), what]);
      if (call.trace.length > TRACE_LENGTH) { call.trace.shift(); }
    }

    async function post(path, body) {
      body.transaction = body.transaction || transaction();
      body.token = o.token;
      const response = await fetch(base + path, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit'
      });
      const answer = await response.json();
      if (answer.janus === 'error') {
        throw new Error('janus ' + (answer.error ? answer.error.code : '?'));
      }
      return answer;
    }

    /** Sends a plugin message on {@code handle}; resolves with the plugin's event answering it (and its jsep). */
    function message(handle, body, jsep) {
      const tx = transaction();
      const answered = new Promise((resolve, reject) => {
        waiting.set(tx, { resolve, reject });
        setTimeout(() => { if (waiting.delete(tx)) { reject(new Error('no answer from the SFU')); } }, 15000);
      });
      const request = { janus: 'message', body, transaction: tx };
      if (jsep) { request.jsep = jsep; }
      return post('/' + session + '/' + handle, request).then(ack => {
        if (ack.plugindata) { // a synchronous answer
          waiting.delete(tx);
          return { data: ack.plugindata.data, jsep: ack.jsep };
        }
        return answered;
      });
    }

    async function attach(forWhom) {
      const answer = await post('/' + session, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
      handles.set(answer.data.id, forWhom);
      return answer.data.id;
    }

    function trickle(handle, pc) {
      pc.onicecandidate = e => {
        if (stopped) { return; }
        post('/' + session + '/' + handle, { janus: 'trickle', candidate: e.candidate ? e.candidate.toJSON() : { completed: true } })
          .catch(() => {});
      };
    }

    async function poll() {
      while (!stopped) {
        let events;
        try {
          const response = await fetch(base + '/' + session + '?maxev=10&rid=' + Date.now() + '&token='
            + encodeURIComponent(o.token), { credentials: 'omit' });
          events = await response.json();
        } catch (e) {
          if (stopped) { return; }
          await new Promise(r => setTimeout(r, 1000));
          continue;
        }
        for (const e of (Array.isArray(events) ? events : [events])) {
          if (e.janus === 'error') { fail('session'); return; }
          handleEvent(e);
        }
      }
    }

    function handleEvent(e) {
      if (e.janus === 'keepalive') { return; }
      const from = handles.get(e.sender);
      if (e.janus === 'hangup' || e.janus === 'detached') {
        note(e.janus + ' ' + (from || '?'));
        // a subscription hung up (its publisher's connection broke): the reconciliation subscribes again once that
        // person publishes again; a hang-up of a subscription already replaced by a newer one changes nothing
        if (from && from !== 'self') {
          if ((subscriptions.get(from) || {}).handle === e.sender) { paused(from); }
        } else if (from === 'self' && !stopped) {
          if (ownHangup && Date.now() - ownHangup < 10000) { ownHangup = null; } else { sendAgain('hangup'); }
        }
        return;
      }
      if (e.janus !== 'event' || !e.plugindata) { return; }
      const data = e.plugindata.data || {};
      const pending = e.transaction ? waiting.get(e.transaction) : null;
      if (pending) {
        waiting.delete(e.transaction);
        if (data.error_code) { pending.reject(new Error('videoroom ' + data.error_code)); } else { pending.resolve({ data, jsep: e.jsep }); }
        return;
      }
      if (from !== 'self') { // a subscription: Janus offers it nothing of its publisher any more (they went)
        if (from && data.videoroom === 'updated' && Array.isArray(data.streams)
            && !data.streams.some(s => s.active !== false && String(s.feed_id) === from)) { note('inactive ' + from); paused(from); }
        return;
      }
      if (Array.isArray(data.publishers)) { data.publishers.forEach(p => { note('announced ' + p.id); announced(p.id); }); }
      // unpublished: the publication stopped but the person is still in the room (a broken connection, made again
      // by their page); leaving or kicked: they are gone
      if (data.unpublished && data.unpublished !== 'ok') { note('unpublished ' + data.unpublished); paused(String(data.unpublished)); }
      if (data.leaving && data.leaving !== 'ok') { gone(String(data.leaving)); }
      // OpenVisit removed someone (admin "kick"): Janus tells the others "kicked", not "leaving"
      if (data.kicked !== undefined && data.kicked !== null) { gone(String(data.kicked)); }
      if (data.videoroom === 'destroyed' || data.leaving === 'ok') { fail('closed'); }
    }

    async function publish() {
      publisherHandle = await attach('self');
      const joined = await message(publisherHandle, { request: 'join', ptype: 'publisher', room: o.room, id: o.participant,
        display: o.participant, token: o.token });
      privateId = joined.data.private_id;
      await sendMedia();
      (joined.data.publishers || []).forEach(p => announced(p.id));
      reconciler = setInterval(reconcile, RECONCILE_MS);
    }

    /** Publishes the page's camera and microphone on a new peer connection (nothing without media: a watcher). */
    async function sendMedia() {
      const audio = o.stream ? o.stream.getAudioTracks()[0] : null;
      const video = o.stream ? o.stream.getVideoTracks()[0] : null;
      if (!audio && !video) { return; } // without media (a watcher, a page without devices) the page only subscribes
      const pc = new RTCPeerConnection({ iceServers: o.iceServers || [] });
      call.publisherPc = pc;
      trickle(publisherHandle, pc);
      if (audio) { pc.addTransceiver(audio, { direction: 'sendonly', streams: [o.stream] }); }
      if (video) {
        pc.addTransceiver(video, { direction: 'sendonly', streams: [o.stream], sendEncodings: [
          { rid: 'h', maxBitrate: 800000 },
          { rid: 'l', maxBitrate: 200000, scaleResolutionDownBy: 2 }
        ] });
      }
      pc.onconnectionstatechange = () => {
        note('publishing ' + pc.connectionState);
        if (pc.connectionState === 'failed' && call.publisherPc === pc) { sendAgain('failed'); }
      };
      await pc.setLocalDescription(await pc.createOffer());
      note('publish asked');
      const answer = await message(publisherHandle, { request: 'publish', audio: !!audio, video: !!video },
        pc.localDescription.toJSON());
      note('publish answered');
      if (answer.jsep) { await pc.setRemoteDescription(answer.jsep); }
    }

    /**
     * The page's publication broke (its connection to the SFU failed, or Janus hung it up: a network change, a lost
     * path): publish again on a new connection, in the same Janus session and room, so that the others see this person
     * again without a reload or a new admission. At most {@link REPUBLISH_LIMIT} times in two minutes; then the page
     * says the connection to the group video server was lost.
     */
    async function sendAgain(reason) {
      if (stopped || republishing || !publisherHandle) { return; }
      const now = Date.now();
      republishTimes = republishTimes.filter(at => now - at < 120000);
      if (republishTimes.length >= REPUBLISH_LIMIT) { fail(reason); return; }
      republishTimes.push(now);
      republishing = true;
      note('publish again (' + reason + ')');
      try {
        const old = call.publisherPc;
        call.publisherPc = null;
        if (old) { old.close(); }
        if (reason === 'failed') { // Janus has not hung it up yet: this unpublish makes it, and that hang-up is ours
          ownHangup = Date.now();
          await message(publisherHandle, { request: 'unpublish' }).catch(() => {});
        }
        await sendMedia();
        call.republished = (call.republished || 0) + 1;
      } catch (e) {
        console.warn('SFU publish again', e.message);
        fail(reason);
      } finally {
        republishing = false;
      }
    }

    /** Janus announced a publisher: subscribe, even to one who had left before (they came back). */
    function announced(feed) {
      departed.delete(String(feed));
      subscribe(feed);
    }

    /** Subscribes again to every publisher of the room whose subscription is missing, stuck or failed. */
    async function reconcile() {
      if (stopped || !publisherHandle) { return; }
      let list;
      try {
        list = await message(publisherHandle, { request: 'listparticipants', room: o.room });
      } catch (e) {
        return; // a busy SFU: the next round asks again
      }
      (list.data.participants || []).filter(p => p.publisher).map(p => String(p.id)).forEach(id => {
        if (stopped || departed.has(id) || id === o.participant) { return; }
        const sub = subscriptions.get(id);
        const broken = sub && (sub.pc ? ['failed', 'closed'].includes(sub.pc.connectionState)
          : Date.now() - sub.since > STUCK_MS);
        if (broken) { note('broken ' + id); drop(id); }
        if (!subscriptions.has(id)) { note('missing ' + id); subscribe(id); }
      });
    }

    async function subscribe(feed) {
      const id = String(feed);
      if (stopped || id === o.participant || subscriptions.has(id) || (o.only && !o.only(id))) { return; }
      const sub = { handle: null, pc: null, since: Date.now() };
      subscriptions.set(id, sub);
      note('subscribe ' + id);
      try {
        sub.handle = await attach(id);
        const offer = await message(sub.handle, { request: 'join', ptype: 'subscriber', room: o.room,
          streams: [{ feed: id }], private_id: privateId, token: o.token });
        if (subscriptions.get(id) !== sub) { detach(sub.handle); return; } // dropped meanwhile
        if (!offer.jsep) { throw new Error('no offer'); }
        note('offered ' + id);
        const pc = new RTCPeerConnection({ iceServers: o.iceServers || [] });
        sub.pc = pc;
        // a listener, not onconnectionstatechange: room.js sets that one for the tile
        pc.addEventListener('connectionstatechange', () => note('subscription ' + id + ' ' + pc.connectionState));
        trickle(sub.handle, pc);
        o.remote(id, pc);
        await pc.setRemoteDescription(offer.jsep);
        await pc.setLocalDescription(await pc.createAnswer());
        await message(sub.handle, { request: 'start' }, pc.localDescription.toJSON());
        if (window.innerWidth < SMALL_SCREEN) {
          message(sub.handle, { request: 'configure', streams: [{ mid: '1', substream: 0 }] }).catch(() => {});
        }
      } catch (e) {
        console.warn('SFU subscription failed', e.message); // the reconciliation tries again
        note('subscription ' + id + ' failed: ' + e.message);
        if (subscriptions.get(id) === sub) { drop(id); } else if (sub.handle) { detach(sub.handle); }
      }
    }

    /**
     * The publisher's media stopped while they stay in the room: their subscription goes, not their place (no entry
     * in {@code departed}), so that Janus's announcement or the reconciliation subscribes again when they publish again.
     */
    function paused(id) {
      note('paused ' + id);
      drop(id);
      (o.paused || o.gone)(id);
    }

    /** The publisher is gone (left, kicked by OpenVisit): its subscription and tile go too. */
    function gone(id) {
      forget(id);
      o.gone(id);
    }

    /** That person left or was removed: their subscription goes and is not asked for again. */
    function forget(id) {
      departed.add(String(id));
      drop(String(id));
    }

    function drop(id) {
      const sub = subscriptions.get(id);
      if (!sub) { return; }
      subscriptions.delete(id);
      if (sub.pc) { sub.pc.close(); }
      if (sub.handle) { detach(sub.handle); }
    }

    function detach(handle) {
      handles.delete(handle);
      if (session && !stopped) { post('/' + session + '/' + handle, { janus: 'detach' }).catch(() => {}); }
    }

    function fail(reason) {
      if (stopped) { return; }
      leave();
      o.failed(reason);
    }

    function leave() {
      if (stopped) { return; }
      stopped = true;
      clearInterval(keepalive);
      clearInterval(reconciler);
      Array.from(subscriptions.keys()).forEach(id => { const s = subscriptions.get(id); if (s.pc) { s.pc.close(); } });
      subscriptions.clear();
      if (call.publisherPc) { call.publisherPc.close(); }
      if (session) { post('/' + session, { janus: 'destroy' }).catch(() => {}); }
    }

    (async () => {
      try {
        session = (await post('', { janus: 'create' })).data.id;
        keepalive = setInterval(() => { post('/' + session, { janus: 'keepalive' }).catch(() => {}); }, KEEPALIVE_MS);
        poll();
        await publish();
      } catch (e) {
        console.warn('SFU', e.message);
        fail('start');
      }
    })();
    return call;
  }

  window.OpenVisitSfu = { join };
})();
