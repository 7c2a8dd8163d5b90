// When the server refuses a tab's live connection (beyond Hesh:Circuits, the cap of open tabs), Blazor gives up
// without a word and the page looks alive but never answers. Say why instead. The refusal carries its text both
// when negotiating (HTTP 429) and when a connection is closed as it opens (a hub error), in the request's language:
// the panel's own paragraph has the same words in the page's language (Resources/Live/LiveRefusals.resx); the English
// start is known here as well, for a page rendered before a change of language.
(() => {
    const english = "Too many open Hesh tabs";

    function isRefusal(text) {
        const worded = document.getElementById("hesh-too-many-tabs-text")?.textContent?.trim();
        return text.includes(english) || (!!worded && text.includes(worded));
    }

    function show() {
        const panel = document.getElementById("hesh-too-many-tabs");
        if (!panel || panel.open) {
            return;
        }
        document.getElementById("components-reconnect-modal")?.close?.();
        panel.showModal();
    }

    window.addEventListener("unhandledrejection", event => {
        const reason = event.reason;
        if (isRefusal(String(reason?.message ?? reason ?? ""))) {
            event.preventDefault();
            show();
        }
    });

    document.addEventListener("click", event => {
        if (event.target?.id === "hesh-too-many-tabs-reload") {
            location.reload();
        }
    });
})();
