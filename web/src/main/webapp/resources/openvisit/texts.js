// The page's words for its scripts: the JSON block #pageTexts that the server wrote in the viewer's language.
// OpenVisitTexts('js.key') gives a text, OpenVisitTexts('js.key', 12) with {0} filled in; an unknown key gives itself.
(function () {
  'use strict';
  let texts = {};
  const block = document.getElementById('pageTexts');
  try { texts = block ? JSON.parse(block.textContent) : {}; } catch (e) { texts = {}; }
  window.OpenVisitTexts = function (key, value) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return value === undefined ? text : text.replace('{0}', String(value));
  };
})();
