// The strength meter of the static account pages (sign-up, invitation, reset, change password).
// A hint while typing, nothing more: the server decides (Hesh.Core PasswordRules refuses the 30,000 most common
// passwords, the person's name, email and company, and guessable patterns). This file only weighs length and
// variety, with a few of the very commonest passwords so "Password1!" never shows as good.
// Loaded once as a module from App.razor; listening on the document keeps working after enhanced navigation
// swaps the page. Under the CSP: no inline script, no eval.

const MIN = 8;
const RECOMMENDED = 15;
const MAX = 128;

// The words of Hesh.Core's PasswordStrength (Label, Hint), so both meters speak alike.
const LEVELS = [
    { name: "too-short", label: "Too short", hint: `At least ${MIN} characters.` },
    { name: "weak", label: "Weak", hint: "Add another word or two." },
    { name: "good", label: "Good", hint: `${RECOMMENDED} or more characters make it strong.` },
    { name: "strong", label: "Strong", hint: "" },
];

const COMMONEST = new Set(["password", "passw0rd", "p@ssw0rd", "qwerty", "qwertyuiop", "azerty", "letmein", "welcome",
    "iloveyou", "admin", "administrator", "dragon", "monkey", "football", "baseball", "sunshine", "princess", "master",
    "shadow", "superman", "trustno", "starwars", "freedom", "whatever", "login", "qazwsx", "zaq1xsw2", "abc", "abcd",
    "hello", "secret", "changeme", "default"]);

/** Words of the other fields of the same form (names, email, company), 3 characters or more, lower-cased. */
function contextWords(form) {
    if (!form) return [];
    return [...form.querySelectorAll("[data-password-context]")]
        .flatMap(input => {
            const value = input.value.trim().toLowerCase();
            const local = input.type === "email" || value.includes("@") ? value.split("@")[0] : value;
            return [local, ...local.split(/[\s.\-_+'’,&()/@]+/)];
        })
        .filter(word => word.length >= 3);
}

function level(value, words) {
    if (value.length < MIN) return 0;
    const lower = value.toLowerCase();
    const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
    const repeated = /^(.)\1*$/u.test(value) || /^(\d+)$/.test(value);
    if (COMMONEST.has(lower) || COMMONEST.has(core) || repeated || words.some(w => lower.includes(w))) return 1;
    const variety = [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\d]/u].filter(r => r.test(value)).length;
    if (value.length >= RECOMMENDED) return variety >= 2 || value.length >= 20 ? 3 : 2;
    return value.length >= 12 || variety >= 3 ? 2 : 1;
}

/** "Strength: Good — hint", the level word emphasised; an empty label when nothing is typed. */
function show(meter, index, hint) {
    meter.dataset.level = index === null ? "none" : LEVELS[index].name;
    const label = meter.querySelector(".password-meter-label");
    if (!label) return;
    const text = index === null ? "" : `Strength: ${LEVELS[index].label}${hint ? ` — ${hint}` : ""}`;
    // Rewritten only when it changes: the label is a polite live region, read out on each change.
    if (label.textContent === text) return;
    label.replaceChildren();
    if (index === null) return;
    const level = document.createElement("strong");
    level.className = "password-meter-level";
    level.textContent = LEVELS[index].label;
    label.append("Strength: ", level, hint ? ` — ${hint}` : "");
}

function update(input, cut = false) {
    const meter = document.getElementById(input.dataset.passwordMeter);
    if (!meter) return;
    if (input.value.length === 0) return show(meter, null, "");
    if (cut) return show(meter, 1, `At most ${MAX} characters: what you pasted was cut to ${MAX}. Choose a shorter one.`);
    const index = level(input.value, contextWords(input.form));
    show(meter, index, LEVELS[index].hint);
}

document.addEventListener("input", event => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.passwordMeter) update(input);
});

// maxlength cuts a longer paste silently; the person would then not know their own password. Say so.
document.addEventListener("paste", event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.passwordMeter) return;
    const pasted = event.clipboardData?.getData("text") ?? "";
    const kept = input.value.length - (input.selectionEnd - input.selectionStart);
    if (kept + pasted.length > MAX) setTimeout(() => update(input, true));
});
