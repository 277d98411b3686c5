/*
 * OpenVisit device choice: which camera, microphone and speaker to use, in the device test and in the call. The
 * lists (every <select data-device-kind>) are filled from enumerateDevices(); the choice is remembered in this
 * browser only (localStorage, per kind: a device id, never a name) and used by getUserMedia (deviceId) and, where the
 * browser can, HTMLMediaElement.setSinkId for the speaker. Where it cannot, the speaker list is disabled and the
 * page's note says so. Plain browser JavaScript, no build step.
 */
(function () {
  'use strict';

  const t = window.OpenVisitTexts || (key => key);
  const KEY = 'openvisit.device.';
  const KINDS = ['videoinput', 'audioinput', 'audiooutput'];
  const sinkSupported = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  const listeners = [];

  function chosen(kind) {
    try { return localStorage.getItem(KEY + kind) || ''; } catch (e) { return ''; }
  }

  function remember(kind, id) {
    try { if (id) { localStorage.setItem(KEY + kind, id); } else { localStorage.removeItem(KEY + kind); } } catch (e) { /* private mode */ }
  }

  /** getUserMedia constraints for the chosen camera and microphone (the default device when none was chosen). */
  function constraints(wantVideo, wantAudio) {
    const camera = chosen('videoinput');
    const microphone = chosen('audioinput');
    return {
      video: wantVideo === false ? false : (camera ? { deviceId: { exact: camera } } : true),
      audio: wantAudio === false ? false : (microphone ? { deviceId: { exact: microphone } } : true)
    };
  }

  /** getUserMedia with the chosen devices; a chosen device that is gone (unplugged) falls back to the default. */
  async function getUserMedia(wantVideo, wantAudio) {
    try {
      return await navigator.mediaDevices.getUserMedia(constraints(wantVideo, wantAudio));
    } catch (e) {
      if (e && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError' || e.name === 'NotReadableError')
          && (chosen('videoinput') || chosen('audioinput'))) {
        return navigator.mediaDevices.getUserMedia({ video: wantVideo !== false, audio: wantAudio !== false });
      }
      throw e;
    }
  }

  /** Plays {@code element} on the chosen speaker, where the browser can choose one. */
  function applySpeaker(element) {
    const id = chosen('audiooutput');
    if (!sinkSupported || !element || !id) { return Promise.resolve(false); }
    return element.setSinkId(id).then(() => true).catch(() => false);
  }

  /** Fills every device list on the page; called again when devices come and go or permission gives names. */
  async function fill() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) { return; }
    let devices = [];
    try { devices = await navigator.mediaDevices.enumerateDevices(); } catch (e) { devices = []; }
    document.querySelectorAll('select[data-device-kind]').forEach(select => {
      const kind = select.dataset.deviceKind;
      const mine = devices.filter(d => d.kind === kind && d.deviceId !== 'communications');
      const keep = select.value || chosen(kind);
      select.innerHTML = '';
      const fallback = document.createElement('option');
      fallback.value = '';
      fallback.textContent = t('js.device.default');
      select.appendChild(fallback);
      let n = 0;
      mine.filter(d => d.deviceId && d.deviceId !== 'default').forEach(d => {
        const o = document.createElement('option');
        o.value = d.deviceId;
        o.textContent = d.label || t('js.device.' + kind, ++n);
        select.appendChild(o);
      });
      select.value = Array.from(select.options).some(o => o.value === keep) ? keep : '';
      if (kind === 'audiooutput') {
        select.disabled = !sinkSupported;
        document.querySelectorAll('[data-sink-note]').forEach(note => { note.hidden = sinkSupported; });
        if (!sinkSupported) {
          const described = select.closest('.choices').querySelector('[data-sink-note]');
          if (described && described.id) { select.setAttribute('aria-describedby', described.id); }
        }
      }
    });
  }

  /** {@code listener(kind, deviceId)} hears a choice made in any list on the page (after it is remembered). */
  function onChange(listener) { listeners.push(listener); }

  document.querySelectorAll('select[data-device-kind]').forEach(select => {
    select.addEventListener('change', () => {
      const kind = select.dataset.deviceKind;
      remember(kind, select.value);
      // the same kind's other lists on the page (device test and call) show the same choice
      document.querySelectorAll('select[data-device-kind="' + kind + '"]').forEach(s => { if (s !== select) { s.value = select.value; } });
      listeners.forEach(l => { try { l(kind, select.value); } catch (e) { console.warn('device choice', e); } });
    });
  });
  if (navigator.mediaDevices && navigator.mediaDevices.addEventListener) {
    navigator.mediaDevices.addEventListener('devicechange', () => { fill(); });
  }
  fill();

  window.OpenVisitDevices = { chosen, constraints, getUserMedia, applySpeaker, fill, onChange, sinkSupported, KINDS };
})();
