// When the server refuses a tab's live connection (beyond Hesh:Circuits, the cap of open tabs), Blazor gives up
// without a word and the page looks alive but never answers. Say why instead. The refusal carries this text both
// when negotiating (HTTP 429) and when a connection is closed as it opens (a hub error).
(() => {
    const refusal = "Too many open Hesh tabs";

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
        if (String(reason?.message ?? reason ?? "").includes(refusal)) {
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
