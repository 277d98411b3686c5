// Copy buttons: <button class="ov-copy" data-copy="ID"> copies the text of element ID and says so, on the button
// and in the page's live region #copyStatus (its data-copied / data-failed texts are in the viewer's language).
(function () {
    function say(button, ok) {
        var status = document.getElementById('copyStatus');
        var text = status ? status.getAttribute(ok ? 'data-copied' : 'data-failed') : '';
        if (status) {
            status.textContent = '';
            status.textContent = text;
        }
        if (!button.hasAttribute('data-label')) {
            button.setAttribute('data-label', button.textContent);
        }
        button.textContent = text || button.getAttribute('data-label');
        window.setTimeout(function () {
            button.textContent = button.getAttribute('data-label');
        }, 2500);
    }

    function fallback(text) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'absolute';
        area.style.left = '-9999px';
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try {
            ok = document.execCommand('copy');
        } catch (e) {
            ok = false;
        }
        document.body.removeChild(area);
        return ok;
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('[data-copy]') : null;
        if (!button) {
            return;
        }
        var source = document.getElementById(button.getAttribute('data-copy'));
        var text = source ? source.textContent.trim() : '';
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                say(button, true);
            }, function () {
                say(button, fallback(text));
            });
        } else {
            say(button, fallback(text));
        }
    });
})();
