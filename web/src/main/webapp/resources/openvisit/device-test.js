/*
 * OpenVisit device test: camera preview, microphone level, a test sound and a connection check
 * (signalling round trip, whether a WebRTC peer connection can be set up). Results are said in plain
 * words; the lobby records them as a visit event (only "works / does not work" per check).
 * No build step: plain browser JavaScript.
 */
(function () {
  'use strict';

  const t = window.OpenVisitTexts || (key => key); // the page's words in the viewer's language (texts.js)
  const WORDS = {};
  [['camera', ['ok', 'failed', 'blocked']], ['microphone', ['ok', 'failed', 'blocked']], ['speaker', ['ok', 'failed', 'notHeard']],
    ['connection', ['ok', 'failed']], ['relay', ['ok', 'failed']]].forEach(([check, outcomes]) => {
    WORDS[check] = {};
    outcomes.forEach(o => { WORDS[check][o] = t('js.dt.' + check + '.' + o); });
  });

  function el(id) { return document.getElementById(id); }
  const devices = window.OpenVisitDevices; // the chosen camera, microphone and speaker (devices.js)

  /** Sets up two local peer connections and waits until they connect: can WebRTC work here at all? */
  async function peerConnectionCheck(iceServers) {
    const a = new RTCPeerConnection({ iceServers: iceServers || [] });
    const b = new RTCPeerConnection({ iceServers: iceServers || [] });
    try {
      a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate).catch(() => {});
      b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate).catch(() => {});
      a.createDataChannel('check');
      const connected = new Promise(resolve => {
        const t = setTimeout(() => resolve(false), 6000);
        a.onconnectionstatechange = () => {
          if (a.connectionState === 'connected') { clearTimeout(t); resolve(true); }
          if (a.connectionState === 'failed') { clearTimeout(t); resolve(false); }
        };
      });
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription);
      return await connected;
    } catch (e) {
      return false;
    } finally {
      a.close();
      b.close();
    }
  }

  /** Whether the page was given a TURN relay (turn: or turns: address). */
  function offersRelay(iceServers) {
    return (iceServers || []).some(s => [].concat(s.urls || []).some(u => /^turns?:/i.test(u)));
  }

  /**
   * Can this network reach the TURN relay? Gathers candidates through the relay only: a relay candidate means an
   * allocation succeeded, so a call can get through even where a direct path cannot (strict NAT, firewalls).
   */
  async function relayCheck(iceServers) {
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
    try {
      pc.createDataChannel('relay-check');
      const found = new Promise(resolve => {
        const t = setTimeout(() => resolve(false), 8000);
        pc.onicecandidate = e => {
          if (e.candidate && / typ relay /.test(e.candidate.candidate)) { clearTimeout(t); resolve(true); }
          if (!e.candidate) { clearTimeout(t); resolve(false); }
        };
      });
      await pc.setLocalDescription(await pc.createOffer());
      return await found;
    } catch (e) {
      return false;
    } finally {
      pc.close();
    }
  }

  function attach(options) {
    const opts = options || {};
    const start = el('dtStart');
    if (!start) { return null; }
    const results = el('dtResults');
    const preview = el('dtPreview');
    const level = el('dtLevel');
    const outcome = {};
    const api = { outcome, stream: null, done: null, stop };
    let audio = null;

    function show() {
      results.innerHTML = '';
      for (const check of ['camera', 'microphone', 'speaker', 'connection', 'relay']) {
        if (!outcome[check]) { continue; }
        const li = document.createElement('li');
        li.dataset.check = check;
        li.dataset.outcome = outcome[check];
        li.className = outcome[check] === 'ok' ? 'ok' : 'bad';
        li.textContent = WORDS[check][outcome[check]] || WORDS[check].failed;
        results.appendChild(li);
      }
    }

    function stop() {
      if (api.stream) { api.stream.getTracks().forEach(t => t.stop()); api.stream = null; }
      if (audio) { audio.close().catch(() => {}); audio = null; }
      if (preview) { preview.srcObject = null; }
    }

    function playTone() {
      try {
        const ctx = new (window.AudioContext || window.webkitAudioContext)();
        const sink = devices ? devices.chosen('audiooutput') : '';
        if (sink && devices.sinkSupported && typeof ctx.setSinkId === 'function') { ctx.setSinkId(sink).catch(() => {}); }
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        gain.gain.value = 0.2;
        osc.frequency.value = 440;
        osc.connect(gain).connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + 0.8);
        osc.onended = () => ctx.close().catch(() => {});
        // only the person can tell whether a sound came out: ask, and record only the answer
        delete outcome.speaker;
        const question = el('dtHeard');
        if (question) { question.hidden = false; }
      } catch (e) {
        outcome.speaker = 'failed';
      }
      show();
    }

    function heard(yes) {
      outcome.speaker = yes ? 'ok' : 'notHeard';
      const question = el('dtHeard');
      if (question) { question.hidden = true; }
      show();
      if (api.ran && opts.onResult) { opts.onResult(forServer()); }
    }

    /** The outcome as the server records it: a speaker not heard is a speaker that does not work. */
    function forServer() {
      const result = Object.assign({}, outcome);
      if (result.speaker === 'notHeard') { result.speaker = 'failed'; }
      return result;
    }

    async function run() {
      start.disabled = true;
      start.textContent = t('js.dt.testing');
      let peak = 0;
      try {
        api.stream = devices ? await devices.getUserMedia() : await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        preview.srcObject = api.stream;
        if (devices) { devices.fill(); } // with permission given, the lists show the devices' names
        audio = new (window.AudioContext || window.webkitAudioContext)();
        const analyser = audio.createAnalyser();
        analyser.fftSize = 512;
        audio.createMediaStreamSource(api.stream).connect(analyser);
        const data = new Uint8Array(analyser.fftSize);
        const until = Date.now() + 2500;
        await new Promise(resolve => {
          (function sample() {
            analyser.getByteTimeDomainData(data);
            let max = 0;
            for (const v of data) { max = Math.max(max, Math.abs(v - 128)); }
            peak = Math.max(peak, max);
            if (level) { level.style.width = Math.min(100, max * 2) + '%'; }
            if (Date.now() < until) { setTimeout(sample, 50); } else { resolve(); }
          })();
        });
        const video = api.stream.getVideoTracks()[0];
        outcome.camera = video && video.readyState === 'live' && preview.videoWidth > 0 ? 'ok' : 'failed';
        outcome.microphone = peak > 2 ? 'ok' : 'failed';
      } catch (e) {
        const blocked = e && (e.name === 'NotAllowedError' || e.name === 'SecurityError');
        outcome.camera = blocked ? 'blocked' : 'failed';
        outcome.microphone = blocked ? 'blocked' : 'failed';
      }
      if (!outcome.speaker) { playTone(); }
      let rtt = null;
      try { rtt = opts.signalRoundTrip ? await opts.signalRoundTrip() : await httpRoundTrip(); } catch (e) { rtt = null; }
      const iceServers = opts.iceServers ? opts.iceServers() : [];
      const pcOk = await peerConnectionCheck(iceServers);
      outcome.connection = rtt !== null && pcOk ? 'ok' : 'failed';
      if (offersRelay(iceServers)) { outcome.relay = await relayCheck(iceServers) ? 'ok' : 'failed'; }
      api.roundTripMs = rtt;
      show();
      if (rtt !== null) {
        const li = document.createElement('li');
        li.className = 'note';
        li.textContent = t('js.dt.rtt', Math.round(rtt));
        results.appendChild(li);
      }
      start.disabled = false;
      start.textContent = t('js.dt.testAgain');
      api.ran = true;
      if (opts.onResult) { opts.onResult(forServer()); }
      return outcome;
    }

    async function httpRoundTrip() {
      const t0 = performance.now();
      const r = await fetch(location.pathname, { method: 'HEAD', cache: 'no-store' });
      return r.ok || r.status ? performance.now() - t0 : null;
    }

    start.addEventListener('click', () => { api.done = run(); });
    // another camera or microphone chosen while the test shows the picture: show that one
    if (devices) {
      devices.onChange(async kind => {
        if (!api.stream || kind === 'audiooutput') { return; }
        try {
          const fresh = await devices.getUserMedia();
          api.stream.getTracks().forEach(t => t.stop());
          api.stream = fresh;
          preview.srcObject = fresh;
        } catch (e) {
          console.warn('device test: the chosen device could not be opened', e.name);
        }
      });
    }
    const speaker = el('dtSpeaker');
    if (speaker) { speaker.addEventListener('click', playTone); }
    if (el('dtHeardYes')) { el('dtHeardYes').addEventListener('click', () => heard(true)); }
    if (el('dtHeardNo')) { el('dtHeardNo').addEventListener('click', () => heard(false)); }
    window.OpenVisitDeviceTestInstance = api;
    return api;
  }

  window.OpenVisitDeviceTest = { attach, peerConnectionCheck, relayCheck, WORDS };
})();
