/*
 * OpenVisit built-in rooms in the browser: the signalling socket (heartbeat, reconnect), the lobby
 * that becomes the call when a clinician admits the patient, the clinician's live visit page (who is
 * where, admit, remove, join, invite, end) and the call itself: a WebRTC mesh (each browser connects
 * to every other; at most 4 people), mute, camera, screen share for clinicians, leave, and call
 * figures from getStats() sent to the server every 5 s. Video first: the others' tiles fill the stage (one large, or
 * an even grid of two or three), one's own camera small in the corner; each tile shows whether that person's
 * microphone or camera is off (a small "media" message over the socket, told in a live region too). The camera,
 * microphone and speaker are chosen in devices.js; a change in the call replaces the track on every peer connection
 * (RTCRtpSender.replaceTrack), without a new offer. Beyond four admitted people the server moves the call to the
 * group-visit SFU (a "sfu" message with this browser's own access): the mesh's peer connections close and sfu.js
 * publishes to and subscribes from Janus instead; tiles, badges and call figures stay the same. Plain browser
 * JavaScript, no build step.
 */
(function () {
  'use strict';

  const root = document.getElementById('room');
  if (!root) { return; }
  const visitId = root.dataset.visitId;
  const clinician = root.dataset.mode === 'clinician';
  const contextPath = location.pathname.substring(0, location.pathname.indexOf('/visit/'));
  const $ = id => document.getElementById(id);
  const t = window.OpenVisitTexts || (key => key); // the page's words in the viewer's language (texts.js)
  const devices = window.OpenVisitDevices; // the chosen camera, microphone and speaker (devices.js)
  const endLabel = $('endVisit') ? $('endVisit').textContent : '';
  /** How long a new peer connection may take before the page says that the call cannot be connected. */
  const CONNECT_LIMIT_MS = 20000;
  /**
   * How long the tile of a person whose SFU publication broke waits for it to be made again: their page tries three
   * times within two minutes, each within seconds, and says so to them if it cannot.
   */
  const RECONNECT_LIMIT_MS = 30000;

  const room = {
    socket: null, self: null, role: null, iceServers: [], peers: new Map(), localStream: null, screenTrack: null,
    inCall: false, final: false, pingNo: 0, pings: new Map(), quality: new Map(), attendees: [],
    lastStats: null, deviceTest: null, media: new Map(), sfu: null, sfuCall: null, names: new Map(),
    roles: new Map(), watching: false, watchers: new Set()
  };
  window.OpenVisitRoom = room; // for people debugging a call, and for the browser tests

  function status(text) { const s = $('roomStatus'); if (s) { s.textContent = text; } }

  // the booked time arrives in UTC; show it in the clinician's own time zone
  const booked = $('appointmentTime');
  if (booked && booked.dataset.start) {
    const when = { dateStyle: 'medium', timeStyle: 'short' };
    const start = new Date(booked.dataset.start);
    const lang = document.documentElement.lang || undefined; // the page's language, not the browser's default
    const from = start.toLocaleString(lang, when);
    booked.textContent = booked.dataset.end
      ? t('js.appointmentRange', from).replace('{1}', new Date(booked.dataset.end).toLocaleTimeString(lang, { timeStyle: 'short' }))
      : from;
    booked.title = (booked.dataset.end ? t('js.appointmentRange', booked.dataset.start).replace('{1}', booked.dataset.end)
      : booked.dataset.start) + ' (UTC)';
  }

  // ---- signalling socket -------------------------------------------------------------------
  let heartbeat = null;
  let reconnectDelay = 1000;

  function connect() {
    if (room.final) { return; }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(scheme + '//' + location.host + contextPath + '/visit/' + visitId + '/signal');
    room.socket = ws;
    ws.onopen = () => {
      reconnectDelay = 1000;
      heartbeat = setInterval(() => ping(), 10000);
    };
    ws.onmessage = e => { try { handle(JSON.parse(e.data)); } catch (err) { console.warn('signalling', err); } };
    ws.onclose = e => {
      clearInterval(heartbeat);
      if (room.socket === ws) { room.socket = null; }
      if (room.final) { return; }
      if (e.code === 1008) {
        finish(clinician ? t('js.refused.clinician') : t('js.refused.lobby'));
        return;
      }
      if (!room.sfuCall) { dropPeers(); } // the SFU's media does not go through the socket: it goes on
      // 1013: the visit was busy with another step; like a lost connection, the page tries again. The delay varies so
      // that the pages turned away at one moment do not all come back at the same one.
      status(e.code === 1013 ? t('js.busy') : t('js.lost'));
      setTimeout(connect, reconnectDelay * (0.5 + Math.random()));
      reconnectDelay = Math.min(reconnectDelay * 2, 10000);
    };
  }

  function send(message) {
    message.visit = visitId;
    if (room.socket && room.socket.readyState === WebSocket.OPEN) {
      room.socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  /** Resolves with the signalling round trip in ms (or null when no answer came within 5 s). */
  function ping() {
    const n = ++room.pingNo;
    const sent = performance.now();
    return new Promise(resolve => {
      const timer = setTimeout(() => { room.pings.delete(n); resolve(null); }, 5000);
      const done = rtt => { clearTimeout(timer); resolve(rtt); };
      done.sent = sent;
      room.pings.set(n, done);
      if (!send({ type: 'ping', n })) { clearTimeout(timer); room.pings.delete(n); resolve(null); }
    });
  }

  function handle(m) {
    switch (m.type) {
      case 'hello':
        room.self = m.self;
        room.role = m.role;
        room.iceServers = m.iceServers || [];
        if (clinician) {
          status(room.inCall ? t('js.inCall') : t('js.connectedPressJoin'));
          if (room.inCall) { send({ type: 'join' }); }
        } else if (m.state === 'ADMITTED') {
          if (room.inCall) { send({ type: 'join' }); } else { enterCall(); } // back after a lost connection
        } else {
          status(t('js.waiting'));
        }
        break;
      case 'pong': {
        const done = room.pings.get(m.n);
        if (done) { room.pings.delete(m.n); done(performance.now() - done.sent); }
        break;
      }
      case 'admitted': enterCall(); break;
      case 'removed': finish(t('js.removed')); break;
      case 'ended': finish(t('js.endedThanks')); break;
      case 'refused': refused(m); break;
      case 'call':
        m.peers.forEach(p => { room.names.set(p.id, p.name); if (p.role) { room.roles.set(p.id, p.role); } watcher(p); });
        if (room.sfu) { enterSfuCall(!!m.watching); } else { m.peers.forEach(p => offerTo(p.id, p.name)); }
        tellMediaState();
        break;
      case 'peer-joined': // a reload comes back as new
        room.names.set(m.id, m.name);
        if (m.role) { room.roles.set(m.id, m.role); }
        watcher(m);
        if (!room.sfu) { closePeer(m.id); peer(m.id, m.name); }
        tellMediaState();
        break;
      case 'peer-left': if (room.sfuCall) { room.sfuCall.forget(m.id); } closePeer(m.id); break;
      case 'signal': if (!room.sfu) { onSignal(m.from, m.data); } break;
      case 'sfu': moveToSfu(m); break;
      case 'watching': // a place with video freed: this page (or that person) now sends video
        watcher(m);
        if (m.id === room.self && room.inCall && room.sfu) { enterSfuCall(!!m.watching); }
        break;
      case 'notice': if (m.code === 'SFU_UNAVAILABLE') { status(t('js.sfu.unavailable')); } break;
      case 'room': renderRoom(m); break;
      case 'attendee': upsert(m); break;
      case 'event': addEvent(m); break;
      case 'quality': room.quality.set(m.id, m); renderRoom(); break;
      case 'device-test-recorded': break;
      case 'media': showMediaState(m); break;
      default: break;
    }
  }

  /** The refusal in the viewer's language (the server's own sentence is English, for logs and API callers). */
  function refusalWords(code) {
    const words = t('js.refused.' + code);
    return words === 'js.refused.' + code ? t('js.refused.other') : words;
  }

  function refused(m) {
    console.warn('OpenVisit refused', m.code, m.about);
    if (m.code === 'CALL_FULL') { status(refusalWords(m.code)); leaveCall(false); }
    else if (m.code === 'ENDED') { finish(t('js.ended')); }
    else if (clinician || ['TOO_MANY', 'NOT_ADMITTED', 'BUSY'].includes(m.code)) { status(refusalWords(m.code)); }
  }

  function finish(text) {
    room.final = true;
    leaveCall(false);
    status(text);
    const lobbyMessage = $('lobbyMessage');
    if (lobbyMessage) { lobbyMessage.textContent = text; }
    const lobby = $('lobby');
    if (lobby) { lobby.hidden = false; }
    if (!clinician && $('call')) { $('call').hidden = true; }
    if (room.socket) { room.socket.close(); }
    if (room.deviceTest) { room.deviceTest.stop(); }
    document.querySelectorAll('#room button').forEach(b => { if (!b.dataset.copy && b.id !== 'restartVisit') { b.disabled = true; } });
    // a disabled End button says what it is, not "press again"
    if ($('endVisit')) { delete $('endVisit').dataset.confirm; $('endVisit').textContent = endLabel; }
  }

  // ---- the call ----------------------------------------------------------------------------
  async function enterCall() {
    if (room.inCall || room.final) { return; }
    room.inCall = true;
    if (room.deviceTest) { room.deviceTest.stop(); }
    if (!clinician) {
      $('lobby').hidden = true;
      $('call').hidden = false;
    }
    status(t('js.joining'));
    try {
      room.localStream = devices ? await devices.getUserMedia() : await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch (e) {
      try { room.localStream = devices ? await devices.getUserMedia(false, true) : await navigator.mediaDevices.getUserMedia({ audio: true }); }
      catch (e2) { room.localStream = null; }
    }
    $('selfVideo').srcObject = room.localStream;
    if (devices) { devices.fill(); } // with permission given, the lists show the devices' names
    ['mute', 'camera', 'share', 'leave'].forEach(id => { if ($(id)) { $(id).disabled = false; } });
    if ($('joinCall')) { $('joinCall').disabled = true; }
    send({ type: 'join' });
    status(room.localStream ? t('js.inCall') : t('js.inCallNoDevices'));
  }

  // ---- the group visit's SFU (sfu.js) -------------------------------------------------------------
  /** The server moved the call to the SFU (or this page came back to a call there): publish and subscribe there. */
  function moveToSfu(access) {
    const same = room.sfu && room.sfu.room === access.room && room.sfu.token === access.token;
    room.sfu = { url: access.url, room: access.room, participant: access.participant, token: access.token };
    if (same && room.sfuCall) { return; }
    if (room.inCall) {
      dropPeers();
      status(t('js.sfu.moved'));
      startSfu();
    }
  }

  /**
   * The server let this page into the SFU call, with video or ({@code watching}) only watching: a large group visit
   * whose places with video are taken. A watcher sends nothing (its camera and microphone go off) and receives the
   * clinicians alone; a page whose part changed (back after a lost connection) starts its SFU call again.
   */
  async function enterSfuCall(watching) {
    const changed = watching !== room.watching;
    room.watching = watching;
    if (changed) { stopSfu(); dropPeers(); }
    if (watching) {
      if (room.localStream) { room.localStream.getTracks().forEach(track => track.stop()); room.localStream = null; }
      $('selfVideo').srcObject = null;
      ['mute', 'camera', 'share'].forEach(id => { if ($(id)) { $(id).disabled = true; } });
      status(t('js.watching'));
    } else if (changed && !room.localStream) {
      try { room.localStream = devices ? await devices.getUserMedia() : await navigator.mediaDevices.getUserMedia({ video: true, audio: true }); }
      catch (e) { room.localStream = null; }
      $('selfVideo').srcObject = room.localStream;
      ['mute', 'camera', 'share'].forEach(id => { if ($(id)) { $(id).disabled = false; } });
      status(room.localStream ? t('js.inCall') : t('js.inCallNoDevices'));
    }
    startSfu();
  }

  function isClinicianRole(role) { return role === 'PROVIDER' || role === 'STAFF'; }

  /** Notes whether the person in the call only watches (the server says so when they join): nobody subscribes to them. */
  function watcher(p) { if (p.watching) { room.watchers.add(p.id); } else { room.watchers.delete(p.id); } }

  function startSfu() {
    if (room.sfuCall || !room.sfu || !window.OpenVisitSfu) { return; }
    room.sfuCall = window.OpenVisitSfu.join({
      url: room.sfu.url, room: room.sfu.room, participant: room.sfu.participant, token: room.sfu.token,
      iceServers: room.iceServers, stream: room.watching ? null : room.localStream,
      // a watcher receives the clinicians alone; nobody receives a watcher (a watcher's page sends nothing, and one that
      // sent anyway would not be watched)
      only: room.watching ? id => isClinicianRole(room.roles.get(id)) && !room.watchers.has(id) : id => !room.watchers.has(id),
      remote: (id, pc) => peer(id, room.names.get(id), pc, tileBack(id)),
      paused: id => reconnecting(id),
      gone: id => closePeer(id),
      failed: () => {
        room.sfuCall = null;
        dropPeers();
        if (room.inCall && !room.final) { status(t('js.sfu.failed')); }
      }
    });
  }

  function stopSfu() {
    if (room.sfuCall) { const c = room.sfuCall; room.sfuCall = null; c.leave(); }
  }

  /** The peer connections that send this page's media: one per person in the mesh, the one publisher on the SFU. */
  function sendingPcs() {
    if (room.sfuCall) { return room.sfuCall.publisherPc ? [room.sfuCall.publisherPc] : []; }
    return Array.from(room.peers.values(), p => p.pc);
  }

  function leaveCall(tellServer) {
    if (!room.inCall) { return; }
    room.inCall = false;
    room.watching = false; // the next join decides again
    if (tellServer) { send({ type: 'leave' }); }
    stopSfu();
    dropPeers();
    if (room.localStream) { room.localStream.getTracks().forEach(t => t.stop()); room.localStream = null; }
    if (room.screenTrack) { room.screenTrack.stop(); room.screenTrack = null; }
    $('selfVideo').srcObject = null;
    ['mute', 'camera', 'share', 'leave'].forEach(id => { if ($(id)) { $(id).disabled = true; } });
    resetToggle($('mute'), t('js.mute'));
    resetToggle($('camera'), t('js.cameraOff'));
    if ($('joinCall')) { $('joinCall').disabled = room.final; }
  }

  function dropPeers() { Array.from(room.peers.keys()).forEach(closePeer); }

  /**
   * The person's tile and peer connection: a mesh connection made here, or ({@code sfuPc}) an SFU subscription, shown
   * in {@code keptTile} when it replaces one whose publisher's connection broke.
   */
  function peer(id, name, sfuPc, keptTile) {
    let p = room.peers.get(id);
    if (p) { return p; }
    const pc = sfuPc || new RTCPeerConnection({ iceServers: room.iceServers });
    p = { id, name: name || t('js.participant'), pc, pending: [], tile: keptTile || tile(id, name || t('js.participant')),
      prev: null, sfu: !!sfuPc };
    room.peers.set(id, p);
    stageCount();
    if (room.media.has(id)) { showMediaState(room.media.get(id)); }
    if (sfuPc) {
      pc.ontrack = e => { p.tile.video.srcObject = e.streams[0] || new MediaStream([e.track]); };
      pc.onconnectionstatechange = () => {
        const state = pc.connectionState;
        p.tile.figure.dataset.state = state;
        p.tile.caption.textContent = p.name + (state === 'connected' ? '' : ' (' + t('js.peerState.' + state) + ')');
        if (state === 'connected') { connectedAgain(p); }
        if (state === 'failed') { notConnected(p); }
      };
      p.connectTimer = setTimeout(() => { if (pc.connectionState !== 'connected') { notConnected(p); } }, CONNECT_LIMIT_MS);
      return p;
    }
    if (room.localStream) {
      room.localStream.getTracks().forEach(t => pc.addTrack(room.screenTrack && t.kind === 'video' ? room.screenTrack : t,
        room.localStream));
    }
    if (!room.localStream || room.localStream.getVideoTracks().length === 0) {
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    if (!room.localStream) { pc.addTransceiver('audio', { direction: 'recvonly' }); }
    pc.onicecandidate = e => { if (e.candidate) { send({ type: 'signal', to: id, data: { candidate: e.candidate.toJSON() } }); } };
    pc.ontrack = e => { p.tile.video.srcObject = e.streams[0] || new MediaStream([e.track]); };
    pc.onconnectionstatechange = () => {
      const state = pc.connectionState;
      p.tile.figure.dataset.state = state;
      p.tile.caption.textContent = p.name + (state === 'connected' ? '' : ' (' + t('js.peerState.' + state) + ')');
      if (state === 'connected') { connectedAgain(p); }
      if (state === 'failed') { notConnected(p); }
      if (state === 'disconnected' || state === 'failed') { restartIceSoon(p); }
    };
    // a call that has not connected within CONNECT_LIMIT_MS will not (no path through the networks, no relay):
    // say so in plain words instead of a tile that waits for ever
    p.connectTimer = setTimeout(() => { if (pc.connectionState !== 'connected') { notConnected(p); } }, CONNECT_LIMIT_MS);
    return p;
  }

  /** The clear message when the media path to a person cannot be made (or stays broken); ICE restarts go on. */
  function notConnected(p) {
    if (room.peers.get(p.id) !== p || p.tile.figure.dataset.problem === 'no-connection') { return; }
    p.tile.figure.dataset.problem = 'no-connection';
    status(t('js.noConnection', p.name));
  }

  function connectedAgain(p) {
    clearTimeout(p.connectTimer);
    if (p.tile.figure.dataset.problem !== 'no-connection') { return; }
    delete p.tile.figure.dataset.problem;
    if (!Array.from(room.peers.values()).some(o => o.tile.figure.dataset.problem === 'no-connection')) {
      status(room.localStream ? t('js.inCall') : t('js.inCallNoDevices'));
    }
  }

  /**
   * The media path broke while the signalling socket held (Wi-Fi to mobile data, a NAT that forgot the mapping):
   * find a new path with an ICE restart, in the same call, without admission or a new peer connection. Only the
   * person with the smaller id offers, so two restart offers never cross.
   */
  function restartIceSoon(p) {
    if (p.restartTimer || !room.self || !(room.self < p.id)) { return; }
    p.restartTimer = setTimeout(async () => {
      p.restartTimer = null;
      if (room.peers.get(p.id) !== p || !['disconnected', 'failed'].includes(p.pc.connectionState)) { return; }
      try {
        p.pc.restartIce();
        await p.pc.setLocalDescription(await p.pc.createOffer({ iceRestart: true }));
        send({ type: 'signal', to: p.id, data: { sdp: p.pc.localDescription.toJSON() } });
        p.iceRestarts = (p.iceRestarts || 0) + 1;
      } catch (e) {
        console.warn('ICE restart failed', e.name);
      }
    }, p.pc.connectionState === 'failed' ? 0 : 3000); // "disconnected" often heals by itself within seconds
  }

  async function offerTo(id, name) {
    const p = peer(id, name);
    await p.pc.setLocalDescription(await p.pc.createOffer());
    send({ type: 'signal', to: id, data: { sdp: p.pc.localDescription.toJSON() } });
  }

  async function onSignal(from, data) {
    if (!room.inCall) { return; }
    const p = peer(from);
    try {
      if (data.sdp) {
        await p.pc.setRemoteDescription(data.sdp);
        if (data.sdp.type === 'offer') {
          await p.pc.setLocalDescription(await p.pc.createAnswer());
          send({ type: 'signal', to: from, data: { sdp: p.pc.localDescription.toJSON() } });
        }
        for (const c of p.pending.splice(0)) { await p.pc.addIceCandidate(c); }
      } else if (data.candidate) {
        if (p.pc.remoteDescription) { await p.pc.addIceCandidate(data.candidate); } else { p.pending.push(data.candidate); }
      }
    } catch (e) {
      console.warn('WebRTC signalling failed', e.name);
    }
  }

  /**
   * An SFU publisher's media stopped while they stay in the call (their connection broke; their page publishes again
   * within seconds): their tile stays, saying so, rather than a person who vanishes from the clinician's screen and
   * comes back. Their new subscription takes the tile over (tileBack); it goes if none comes within
   * RECONNECT_LIMIT_MS, or when they leave.
   */
  function reconnecting(id) {
    const p = room.peers.get(id);
    if (!p || !p.sfu) { return; }
    stopConnection(p);
    p.tile.figure.dataset.state = 'reconnecting';
    p.tile.caption.textContent = p.name + ' (' + t('js.peerState.reconnecting') + ')';
    p.reconnectTimer = setTimeout(() => { if (room.peers.get(id) === p) { closePeer(id); } }, RECONNECT_LIMIT_MS);
  }

  /** The tile of a person shown as reconnecting, for their new SFU subscription; anything else of theirs is closed. */
  function tileBack(id) {
    const p = room.peers.get(id);
    if (p && p.tile.figure.dataset.state === 'reconnecting') {
      stopConnection(p);
      room.peers.delete(id);
      return p.tile;
    }
    closePeer(id);
    return null;
  }

  /** Closes the person's peer connection and stops its timers; the tile is the caller's. */
  function stopConnection(p) {
    clearTimeout(p.connectTimer);
    clearTimeout(p.restartTimer);
    clearTimeout(p.reconnectTimer);
    p.pc.onconnectionstatechange = null;
    p.pc.close();
  }

  function closePeer(id) {
    const p = room.peers.get(id);
    if (!p) { return; }
    stopConnection(p);
    room.peers.delete(id);
    room.media.delete(id);
    p.tile.figure.remove();
    stageCount();
  }

  /** How many others are on the stage: one fills it, two or three share it evenly (rooms.css). */
  function stageCount() {
    const videos = $('videos');
    if (videos) { videos.dataset.others = String(room.peers.size); }
  }

  function tile(id, name) {
    const figure = document.createElement('figure');
    figure.className = 'tile';
    figure.dataset.attendeeId = id;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-label', t('js.remoteVideo', name));
    const caption = document.createElement('figcaption');
    caption.textContent = name;
    const badges = document.createElement('p');
    badges.className = 'badges';
    figure.append(video, badges, caption);
    const self = $('videos').querySelector('.tile.self');
    $('videos').insertBefore(figure, self); // one's own small picture stays last, on top in its corner
    if (devices) { devices.applySpeaker(video); }
    return { figure, video, caption, badges };
  }

  // ---- microphone and camera states, shown on the others' tiles -----------------------------------
  function myMediaState() {
    const audio = room.localStream ? room.localStream.getAudioTracks() : [];
    const video = room.localStream ? room.localStream.getVideoTracks() : [];
    return { audio: audio.length > 0 && audio[0].enabled, video: (video.length > 0 && video[0].enabled) || !!room.screenTrack };
  }

  /** Tells the others in the call whether one's microphone and camera are on (the server passes it on, limited). */
  function tellMediaState() {
    if (!room.inCall) { return; }
    const state = myMediaState();
    send({ type: 'media', audio: state.audio, video: state.video });
  }

  function showMediaState(m) {
    const before = room.media.get(m.id);
    room.media.set(m.id, m);
    const p = room.peers.get(m.id);
    if (!p) { return; }
    p.tile.figure.dataset.audio = m.audio ? 'on' : 'off';
    p.tile.figure.dataset.video = m.video ? 'on' : 'off';
    p.tile.badges.innerHTML = '';
    [[!m.audio, 'mic', 'js.media.micOff'], [!m.video, 'camera', 'js.media.cameraOff']].forEach(([off, what, key]) => {
      if (!off) { return; }
      const b = document.createElement('span');
      b.className = 'badge';
      b.dataset.badge = what;
      b.textContent = t(key);
      p.tile.badges.appendChild(b);
    });
    const announce = [];
    if (before ? before.audio !== m.audio : !m.audio) { announce.push(t(m.audio ? 'js.media.announce.micOn' : 'js.media.announce.micOff', p.name)); }
    if (before ? before.video !== m.video : !m.video) { announce.push(t(m.video ? 'js.media.announce.cameraOn' : 'js.media.announce.cameraOff', p.name)); }
    if (announce.length && $('callAnnouncer')) { $('callAnnouncer').textContent = announce.join(' '); }
  }

  // ---- another camera, microphone or speaker chosen during the call -----------------------------------
  async function switchDevice(kind, deviceId) {
    if (kind === 'audiooutput') {
      room.peers.forEach(p => devices.applySpeaker(p.tile.video));
      return;
    }
    if (!room.inCall || !room.localStream) { return; }
    const video = kind === 'videoinput';
    let fresh;
    try {
      fresh = await devices.getUserMedia(video, !video);
    } catch (e) {
      status(t('js.device.switchFailed'));
      return;
    }
    const track = video ? fresh.getVideoTracks()[0] : fresh.getAudioTracks()[0];
    if (!track || !room.inCall || !room.localStream) { fresh.getTracks().forEach(x => x.stop()); return; }
    const old = video ? room.localStream.getVideoTracks()[0] : room.localStream.getAudioTracks()[0];
    if (old) {
      track.enabled = old.enabled; // muted stays muted, a camera turned off stays off
      room.localStream.removeTrack(old);
      old.stop();
    }
    room.localStream.addTrack(track);
    if (!(video && room.screenTrack)) { // while sharing the screen, the new camera comes back when sharing stops
      replaceTrackOf(track.kind, track);
    }
    if (video && !room.screenTrack) {
      $('selfVideo').srcObject = null;
      $('selfVideo').srcObject = room.localStream;
    }
  }

  /** The track every peer connection sends for {@code kind}, replaced without renegotiation. */
  function replaceTrackOf(kind, track) {
    sendingPcs().forEach(pc => pc.getTransceivers().filter(x => x.receiver.track && x.receiver.track.kind === kind)
      .forEach(x => x.sender.replaceTrack(track).catch(() => {})));
  }
  if (devices) { devices.onChange((kind, id) => { switchDevice(kind, id); }); }

  function resetToggle(button, label) {
    if (!button) { return; }
    button.textContent = label;
    button.setAttribute('aria-pressed', 'false');
  }

  function toggle(kind, button, on, off) {
    const tracks = room.localStream ? (kind === 'audio' ? room.localStream.getAudioTracks() : room.localStream.getVideoTracks()) : [];
    if (tracks.length === 0) { return; }
    const enabled = !tracks[0].enabled;
    tracks.forEach(t => { t.enabled = enabled; });
    button.textContent = enabled ? on : off;
    button.setAttribute('aria-pressed', String(!enabled));
    tellMediaState();
  }

  async function shareScreen() {
    const button = $('share');
    if (room.screenTrack) { stopShare(); return; }
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true });
      room.screenTrack = display.getVideoTracks()[0];
      room.screenTrack.onended = stopShare;
      replaceVideo(room.screenTrack);
      $('selfVideo').srcObject = display;
      button.textContent = t('js.stopSharing');
      tellMediaState();
    } catch (e) {
      status(t('js.notShared'));
    }
  }

  function stopShare() {
    if (!room.screenTrack) { return; }
    room.screenTrack.stop();
    room.screenTrack = null;
    const camera = room.localStream ? room.localStream.getVideoTracks()[0] : null;
    replaceVideo(camera || null);
    $('selfVideo').srcObject = room.localStream;
    $('share').textContent = t('js.share');
    tellMediaState();
  }

  function replaceVideo(track) {
    sendingPcs().forEach(pc => pc.getTransceivers().filter(t => t.receiver.track && t.receiver.track.kind === 'video')
      .forEach(t => t.sender.replaceTrack(track).catch(() => {})));
  }

  // ---- call figures (getStats) every 5 s ------------------------------------------------------
  async function reportStats() {
    if (!room.inCall || room.peers.size === 0) { return; }
    const rtts = []; const jitters = []; const fpss = [];
    let lost = 0; let received = 0; let bytes = 0; let seconds = 0; let route;
    for (const p of room.peers.values()) {
      const report = await p.pc.getStats();
      const now = { bytes: 0, lost: 0, received: 0, at: performance.now() };
      const peerRoute = routeOf(report);
      if (peerRoute) { route = route === 'relayed' ? route : peerRoute; }
      report.forEach(s => {
        if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded' && s.currentRoundTripTime !== undefined) {
          rtts.push(s.currentRoundTripTime * 1000);
        }
        if (s.type === 'inbound-rtp') {
          now.bytes += s.bytesReceived || 0;
          now.lost += Math.max(0, s.packetsLost || 0);
          now.received += s.packetsReceived || 0;
          if (s.jitter !== undefined) { jitters.push(s.jitter * 1000); }
          if (s.kind === 'video' && s.framesPerSecond !== undefined) { fpss.push(s.framesPerSecond); }
        }
      });
      if (p.prev) {
        bytes += now.bytes - p.prev.bytes;
        lost += now.lost - p.prev.lost;
        received += now.received - p.prev.received;
        seconds = Math.max(seconds, (now.at - p.prev.at) / 1000);
      }
      p.prev = now;
    }
    const avg = a => a.length ? a.reduce((x, y) => x + y, 0) / a.length : undefined;
    const stats = { type: 'stats', rtt: avg(rtts), jitter: jitters.length ? Math.max(...jitters) : undefined, fps: avg(fpss) };
    if (route) { stats.route = route; }
    if (seconds > 0) {
      stats.bitrate = bytes * 8 / 1000 / seconds;
      stats.loss = lost + received > 0 ? 100 * lost / (lost + received) : 0;
    }
    room.lastStats = stats;
    send(stats);
  }
  setInterval(() => { reportStats().catch(() => {}); }, 5000);

  /** 'relayed' when the connection in use goes through the TURN relay, 'direct' otherwise (undefined: not yet known). */
  function routeOf(report) {
    let pair;
    report.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) { pair = report.get(s.selectedCandidatePairId); } });
    if (!pair) { report.forEach(s => { if (!pair && s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') { pair = s; } }); }
    if (!pair) { return undefined; }
    const local = report.get(pair.localCandidateId);
    const remote = report.get(pair.remoteCandidateId);
    return (local && local.candidateType === 'relay') || (remote && remote.candidateType === 'relay') ? 'relayed' : 'direct';
  }

  // ---- the clinician's live page ----------------------------------------------------------------
  function upsert(a) {
    const i = room.attendees.findIndex(x => x.id === a.id);
    if (i < 0) { room.attendees.push(a); } else { room.attendees[i] = a; }
    renderRoom();
  }

  function renderRoom(m) {
    if (m) { room.attendees = m.attendees; }
    if (!clinician) { return; }
    const body = $('attendees').tBodies[0];
    body.innerHTML = '';
    const counts = {};
    const others = room.attendees.filter(a => a.id !== room.self);
    if (others.length === 0) {
      body.innerHTML = '<tr class="empty"><td colspan="4"></td></tr>';
      body.querySelector('td').textContent = t('js.nobodyElse');
    }
    for (const a of others) {
      const role = t('js.role.' + a.role);
      const who = role === 'js.role.' + a.role ? a.name : role; // the role in the viewer's words
      counts[who] = (counts[who] || 0) + 1;
      const tr = document.createElement('tr');
      tr.dataset.attendeeId = a.id;
      tr.dataset.state = a.state;
      tr.dataset.role = a.role;
      const q = room.quality.get(a.id);
      const level = a.state === 'IN_CALL' && q ? q.level.toLowerCase() : '';
      tr.innerHTML = '<td class="who"></td><td class="state"></td><td class="quality"></td><td class="actions"></td>';
      tr.querySelector('.who').textContent = who + (counts[who] > 1 ? ' ' + counts[who] : '');
      const stateKey = 'js.state.' + (a.state === 'IN_CALL' && a.watching ? 'WATCHING' : a.state);
      tr.dataset.watching = a.watching ? 'true' : 'false';
      tr.querySelector('.state').textContent = t(stateKey) === stateKey ? a.words : t(stateKey);
      const qc = tr.querySelector('.quality');
      qc.dataset.level = level;
      qc.textContent = level ? t('js.quality.' + q.level) + (q.route ? ' · ' + t('js.route.' + q.route.toLowerCase()) : '') : '–';
      if (q && q.route) { qc.dataset.route = q.route.toLowerCase(); }
      if (q && level) {
        qc.title = [q.rtt !== undefined ? t('js.quality.rtt', q.rtt) : '', q.loss !== undefined ? t('js.quality.loss', q.loss) : '',
          q.fps !== undefined ? t('js.quality.fps', q.fps) : ''].filter(Boolean).join(', ');
      }
      const actions = tr.querySelector('.actions');
      if (a.state === 'WAITING') { actions.appendChild(button(t('js.admit'), 'admit', () => send({ type: 'admit', id: a.id }))); }
      if ((a.role === 'PATIENT' || a.role === 'GUEST') && a.state !== 'REMOVED') {
        actions.appendChild(button(t('js.remove'), 'remove', () => {
          if (window.confirm(t('js.removeConfirm'))) { send({ type: 'remove', id: a.id }); }
        }));
      }
      body.appendChild(tr);
    }
    $('admitAll').disabled = !others.some(a => a.state === 'WAITING') || room.final;
    if (m && m.ended) { finish(t('js.ended')); }
  }

  function button(text, cls, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.addEventListener('click', action);
    return b;
  }

  function addEvent(e) {
    const list = $('events');
    if (!list || list.querySelector('[data-sequence="' + e.sequence + '"]')) { return; }
    const li = document.createElement('li');
    li.dataset.sequence = e.sequence;
    li.dataset.event = e.event;
    li.textContent = new Date(e.at).toLocaleString(document.documentElement.lang || undefined,
      { dateStyle: 'medium', timeStyle: 'short' }) + ' · ' + t('js.event.' + e.event)
      + (e.role ? ' · ' + t('js.role.' + e.role) : '') + (e.detail ? ' · ' + e.detail : '');
    list.appendChild(li);
    const state = $('visitState');
    if (state && e.event === 'CONNECTED' && state.dataset.state === 'SCHEDULED') {
      state.dataset.state = 'IN_PROGRESS';
      state.textContent = t('js.visitState.IN_PROGRESS');
    }
    if (state && e.event === 'VISIT_ENDED') { state.dataset.state = 'ENDED'; state.textContent = t('js.visitState.ENDED'); }
  }

  // ---- buttons ----------------------------------------------------------------------------
  document.querySelectorAll('[data-copy]').forEach(b => b.addEventListener('click', async () => {
    const input = $(b.dataset.copy);
    try { await navigator.clipboard.writeText(input.value); } catch (e) { input.select(); document.execCommand('copy'); }
    const text = b.textContent;
    b.textContent = t('js.copied');
    setTimeout(() => { b.textContent = text; }, 1500);
  }));
  if ($('joinCall')) { $('joinCall').addEventListener('click', enterCall); }
  if ($('admitAll')) { $('admitAll').addEventListener('click', () => send({ type: 'admit-all' })); }
  if ($('mute')) { $('mute').addEventListener('click', e => toggle('audio', e.target, t('js.mute'), t('js.unmute'))); }
  if ($('camera')) { $('camera').addEventListener('click', e => toggle('video', e.target, t('js.cameraOff'), t('js.cameraOn'))); }
  if ($('share')) { $('share').addEventListener('click', shareScreen); }
  if ($('leave')) {
    $('leave').addEventListener('click', () => {
      if (!window.confirm(t('js.leaveConfirm'))) { return; }
      leaveCall(true);
      if (!clinician) {
        room.final = true;
        if (room.socket) { room.socket.close(1000); }
        $('call').hidden = true;
        $('lobby').hidden = false;
        $('lobbyMessage').textContent = t('js.leftLobby');
        status('');
      } else {
        status(t('js.leftCall'));
      }
    });
  }
  // "Send patient link by SMS": the server checks the number and answers in the viewer's words (#smsResult is a
  // live region); the header tells the server this is the page's own request, which a cross-site form cannot send
  if ($('smsForm')) {
    $('smsForm').addEventListener('submit', async e => {
      e.preventDefault();
      const form = e.target;
      const input = $('smsNumber');
      const button = $('smsSend');
      const result = $('smsResult');
      button.disabled = true;
      result.textContent = t('js.smsSending');
      try {
        const response = await fetch(form.action, {
          method: 'POST', credentials: 'same-origin',
          headers: { 'X-OpenVisit-Request': 'sms', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ number: input.value })
        });
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        const answer = await response.json();
        result.textContent = answer.message;
        result.dataset.result = answer.result;
        if (answer.field === 'number') {
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        } else {
          input.removeAttribute('aria-invalid');
        }
        if (answer.result === 'SENT') {
          input.value = '';
          if (answer.event) { addEvent(answer.event); }
        }
      } catch (err) {
        result.textContent = t('js.smsFailed');
        result.dataset.result = 'ERROR';
      } finally {
        button.disabled = room.final;
      }
    });
  }
  // an ended visit: the clinician may start it again (the server records VISIT_RESTARTED), then the page is the open
  // visit's page again, with its invitation links
  if ($('restartVisit')) {
    $('restartVisit').addEventListener('click', async e => {
      const button = e.target;
      const result = $('restartResult');
      button.disabled = true;
      result.textContent = t('js.restarting');
      try {
        const response = await fetch(contextPath + '/visit/' + visitId + '/restart', {
          method: 'POST', credentials: 'same-origin', headers: { 'X-OpenVisit-Request': 'restart' }
        });
        if (!response.ok && response.status !== 409) { throw new Error('HTTP ' + response.status); }
        location.reload(); // 409: another clinician started it again first; the page shows it open
      } catch (err) {
        result.textContent = t('js.restartFailed');
        button.disabled = false;
      }
    });
  }
  if ($('endVisit')) {
    $('endVisit').addEventListener('click', e => {
      if (e.target.dataset.confirm !== 'yes') {
        e.target.dataset.confirm = 'yes';
        e.target.textContent = t('js.endConfirm');
        return;
      }
      send({ type: 'end' });
    });
  }
  if (!clinician && window.OpenVisitDeviceTest) {
    room.deviceTest = window.OpenVisitDeviceTest.attach({
      signalRoundTrip: ping,
      iceServers: () => room.iceServers,
      onResult: result => send({ type: 'device-test', result })
    });
  }

  if (root.dataset.ended === 'true') {
    finish(t('js.ended'));
  } else {
    connect();
  }
})();
