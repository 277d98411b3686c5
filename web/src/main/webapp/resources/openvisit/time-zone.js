// Tells the server the browser's time zone (e.g. Asia/Taipei) so that pages write times in it; nothing else.
(function () {
    try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
            document.cookie = 'openvisit-tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax'
                + (location.protocol === 'https:' ? '; Secure' : '');
        }
    } catch (e) {
        // an old browser: times stay in UTC
    }
})();
