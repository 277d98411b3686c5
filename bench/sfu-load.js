/*
 * The load client of bench/sfu.sh (mode "load"): one headless Chromium page that holds many patients or guests of one
 * visit at once, each on OpenVisit's real path. The bench gives each one the OPENVISIT_BROWSER cookie its own join
 * link set (the bench's Java side follows the link, as a browser of its own would); here each opens its own lobby
 * socket (/visit/<id>/signal, with that cookie), waits in the lobby, is admitted by the clinician's "Admit all",
 * joins the call, and with the SFU access OpenVisit sends it alone (Janus URL, room, participant id, its own token)
 * runs the product's own sfu.js (OpenVisitSfu.join, loaded from the server) without a stream: it joins the Janus room
 * as a participant that publishes nothing (a page without camera and microphone does the same) and subscribes to
 * every publisher — in this bench the clinician alone — with one RTCPeerConnection per subscription.
 *
 * What room.js does for a patient's page and this does the same way: the heartbeat ping every 10 s, "join" on
 * "admitted", the SFU started on "call" once the "sfu" access is known (the server sends it before "admitted"), its
 * media state on "call" (nothing on: no devices), call figures (a "stats" message) every 5 s from getStats(),
 * "peer-left" forgets that subscription, "removed" and "ended" leave the SFU and close the socket. What it does not:
 * no camera or microphone, no tiles (the subscriptions' tracks are decoded by the browser but shown nowhere), no
 * reconnection of a lost socket, no device test, no mesh (the bench's rooms are SFU rooms).
 *
 * Times are this page's Date.now() (the machine's one clock, as the clinician's page's) in a.t: hello, sfu, admitted,
 * call, sfuStart, subscribed (the subscription's peer connection made), connected, received (first video frame
 * received from the clinician), decoded (first frame decoded), removed, failed.
 *
 * One page holds them all, but a browser keeps at most six HTTP/1.1 connections per host, and each sfu.js holds one
 * long poll to Janus open all the time: eleven attendees on one host would queue behind each other's polls, which no
 * real patient (a browser of their own) does. So each attendee may be given a host name of its own for Janus
 * (sfuHost: the bench maps *.sfu.test to 127.0.0.1 in Chromium's resolver), the same Janus on the same loopback port.
 */
(function () {
  'use strict';

  const COOKIE = 'OPENVISIT_BROWSER';
  const attendees = [];
  let watch = null;

  function now() { return Date.now(); }

  /** Adds one attendee: opens its lobby socket with its own cookie; resolves once OpenVisit said hello. */
  function add(cookie, signalUrl, visitId, sfuHost) {
    const a = { n: attendees.length + 1, self: null, state: null, role: null, iceServers: [], socket: null, sfu: null,
      call: null, inCall: false, final: false, subs: new Map(), t: {}, refusals: [], sfuHost, visitId, pingNo: 0,
      prev: new Map(), failedReason: null, watching: false, roles: new Map() };
    attendees.push(a);
    // the cookie is read when the handshake is sent: the next attendee's is set only once this socket is open
    document.cookie = COOKIE + '=' + cookie + '; path=/; SameSite=Lax';
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(signalUrl);
      a.socket = ws;
      ws.onmessage = e => {
        let m;
        try { m = JSON.parse(e.data); } catch (err) { return; }
        handle(a, m);
        if (m.type === 'hello') { resolve(a.state); }
      };
      ws.onclose = e => {
        a.closed = e.code;
        clearInterval(a.heartbeat);
        reject(new Error('socket closed ' + e.code));
      };
      ws.onopen = () => { a.heartbeat = setInterval(() => send(a, { type: 'ping', n: ++a.pingNo }), 10000); };
    });
  }

  function send(a, message) {
    message.visit = a.visitId;
    if (a.socket && a.socket.readyState === WebSocket.OPEN) { a.socket.send(JSON.stringify(message)); }
  }

  function handle(a, m) {
    switch (m.type) {
      case 'hello':
        a.t.hello = now();
        a.self = m.self;
        a.role = m.role;
        a.state = m.state;
        a.iceServers = m.iceServers || [];
        break;
      case 'sfu':
        if (!a.t.sfu) { a.t.sfu = now(); }
        a.sfu = { url: m.url, room: m.room, participant: m.participant, token: m.token };
        if (a.inCall) { start(a); }
        break;
      case 'admitted':
        if (a.inCall || a.final) { break; }
        a.t.admitted = now();
        a.inCall = true;
        send(a, { type: 'join' }); // room.js: enterCall(), after asking for devices this page has none of
        break;
      case 'call': // room.js: a watcher (the call's places with video taken) subscribes to the clinicians alone
        a.t.call = now();
        a.watching = !!m.watching;
        (m.peers || []).forEach(p => { if (p.role) { a.roles.set(p.id, p.role); } });
        if (a.sfu) { start(a); }
        send(a, { type: 'media', audio: false, video: false });
        break;
      case 'peer-joined':
        if (m.role) { a.roles.set(m.id, m.role); }
        break;
      case 'peer-left':
        if (a.call) { a.call.forget(m.id); }
        a.subs.delete(m.id);
        break;
      case 'removed':
        a.t.removed = now();
        finish(a);
        break;
      case 'ended':
        finish(a);
        break;
      case 'refused':
        a.refusals.push(m.code + ' (' + m.about + ')');
        break;
      default:
        break;
    }
  }

  /** room.js's startSfu(), with no stream: sfu.js joins the room and subscribes, publishing nothing. */
  function start(a) {
    if (a.call || !a.sfu || a.final) { return; }
    a.t.sfuStart = now();
    let url = a.sfu.url;
    if (a.sfuHost) {
      const u = new URL(url);
      u.hostname = a.sfuHost;
      url = u.toString();
    }
    a.call = window.OpenVisitSfu.join({
      url, room: a.sfu.room, participant: a.sfu.participant, token: a.sfu.token, iceServers: a.iceServers, stream: null,
      only: a.watching ? id => ['PROVIDER', 'STAFF'].includes(a.roles.get(id)) : undefined,
      remote: (id, pc) => {
        const sub = { pc, at: now(), connected: 0 };
        a.subs.set(id, sub);
        if (!a.t.subscribed) { a.t.subscribed = sub.at; }
        pc.onconnectionstatechange = () => {
          if (pc.connectionState === 'connected' && !sub.connected) {
            sub.connected = now();
            if (!a.t.connected) { a.t.connected = sub.connected; }
          }
        };
      },
      gone: id => { a.subs.delete(id); },
      failed: reason => { a.failedReason = reason; a.t.failed = now(); a.call = null; a.subs.clear(); }
    });
  }

  function finish(a) {
    if (a.final) { return; }
    a.final = true;
    a.inCall = false;
    if (a.call) { const c = a.call; a.call = null; c.leave(); }
    a.subs.clear();
    clearInterval(a.heartbeat);
    if (a.socket) { a.socket.close(); }
  }

  /**
   * Every 100 ms: notes when each attendee's subscription of {@code feed} (the clinician) first received and first
   * decoded a video frame (inbound-rtp framesReceived, framesDecoded).
   */
  function watchFrames(feed) {
    clearInterval(watch);
    watch = setInterval(() => {
      attendees.forEach(a => {
        if (a.t.decoded && a.t.received) { return; }
        const sub = a.subs.get(feed);
        if (!sub || sub.busy) { return; }
        sub.busy = true;
        sub.pc.getStats().then(s => {
          const at = now();
          s.forEach(x => {
            if (x.type !== 'inbound-rtp' || x.kind !== 'video') { return; }
            if (!a.t.received && (x.framesReceived || 0) > 0) { a.t.received = at; }
            if (!a.t.decoded && (x.framesDecoded || 0) > 0) { a.t.decoded = at; }
          });
        }).catch(() => {}).finally(() => { sub.busy = false; });
      });
    }, 100);
  }

  /** room.js's reportStats() for each attendee in the call: the same figures, every 5 s. */
  async function reportStats(a) {
    if (!a.inCall || a.subs.size === 0) { return; }
    const rtts = []; const jitters = []; const fpss = [];
    let lost = 0; let received = 0; let bytes = 0; let seconds = 0; let route;
    for (const [id, sub] of a.subs) {
      const report = await sub.pc.getStats();
      const r = routeOf(report);
      if (r) { route = route === 'relayed' ? route : r; }
      const cur = { bytes: 0, lost: 0, received: 0, at: performance.now() };
      report.forEach(s => {
        if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded' && s.currentRoundTripTime !== undefined) {
          rtts.push(s.currentRoundTripTime * 1000);
        }
        if (s.type === 'inbound-rtp') {
          cur.bytes += s.bytesReceived || 0;
          cur.lost += Math.max(0, s.packetsLost || 0);
          cur.received += s.packetsReceived || 0;
          if (s.jitter !== undefined) { jitters.push(s.jitter * 1000); }
          if (s.kind === 'video' && s.framesPerSecond !== undefined) { fpss.push(s.framesPerSecond); }
        }
      });
      const prev = a.prev.get(id);
      if (prev) {
        bytes += cur.bytes - prev.bytes;
        lost += cur.lost - prev.lost;
        received += cur.received - prev.received;
        seconds = Math.max(seconds, (cur.at - prev.at) / 1000);
      }
      a.prev.set(id, cur);
    }
    const avg = v => v.length ? v.reduce((x, y) => x + y, 0) / v.length : undefined;
    const stats = { type: 'stats', rtt: avg(rtts), jitter: jitters.length ? Math.max(...jitters) : undefined, fps: avg(fpss) };
    if (route) { stats.route = route; }
    if (seconds > 0) {
      stats.bitrate = bytes * 8 / 1000 / seconds;
      stats.loss = lost + received > 0 ? 100 * lost / (lost + received) : 0;
    }
    send(a, stats);
  }
  /** room.js's routeOf(): 'relayed' through a TURN relay, 'direct' otherwise, undefined while not known. */
  function routeOf(report) {
    let pair;
    report.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) { pair = report.get(s.selectedCandidatePairId); } });
    if (!pair) { report.forEach(s => { if (!pair && s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') { pair = s; } }); }
    if (!pair) { return undefined; }
    const local = report.get(pair.localCandidateId);
    const remote = report.get(pair.remoteCandidateId);
    return (local && local.candidateType === 'relay') || (remote && remote.candidateType === 'relay') ? 'relayed' : 'direct';
  }
  setInterval(() => { attendees.forEach(a => { reportStats(a).catch(() => {}); }); }, 5000);

  /** What the bench reads: each attendee's state and times. */
  function states() {
    return attendees.map(a => ({ n: a.n, self: a.self, state: a.state, inCall: a.inCall, final: a.final,
      watching: a.watching,
      subscriptions: a.subs.size,
      connections: Array.from(a.subs.values()).map(s => s.pc.connectionState).join(' '),
      failed: a.failedReason || '', refusals: a.refusals.join(', '), t: a.t }));
  }

  function leaveAll() { attendees.forEach(finish); }

  window.OpenVisitLoad = { add, watchFrames, states, leaveAll, attendees };
})();
