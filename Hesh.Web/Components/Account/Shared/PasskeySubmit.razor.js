// <passkey-submit>: the .NET template's element, loaded as a module from App.razor (script-src 'self' allows it; no
// inline script). It asks the server for WebAuthn options, lets the browser create or find a passkey, and submits the
// surrounding static form with the credential JSON, or with an error code the page turns into its own message.
// Account pages are reached by Blazor's enhanced navigation too, so the element may be connected more than once.
// Unlike the template, no conditional mediation (passkeys offered in the email field's autofill): it opens a ceremony on
// every visit of the sign-in page, and an authenticator that answers it at once signs the person straight back in
// after they signed out. The button is the one way to use a passkey.

const browserSupportsPasskeys =
    typeof navigator.credentials !== 'undefined' &&
    typeof window.PublicKeyCredential !== 'undefined' &&
    typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

class PasskeyError extends Error {
    constructor(code) {
        super(code);
        this.code = code;
    }
}

async function fetchOptions(url, headers, signal) {
    const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, signal });
    if (response.status === 403) {
        throw new PasskeyError('confirm');
    }
    if (!response.ok) {
        throw new PasskeyError('failed');
    }
    return await response.json();
}

async function createCredential(headers, signal) {
    const options = PublicKeyCredential.parseCreationOptionsFromJSON(await fetchOptions('/Account/PasskeyCreationOptions', headers, signal));
    return await navigator.credentials.create({ publicKey: options, signal });
}

async function requestCredential(headers, signal) {
    // No user name is sent: the options never list an account's credentials, so they tell nothing about who has an account.
    const options = PublicKeyCredential.parseRequestOptionsFromJSON(await fetchOptions('/Account/PasskeyRequestOptions', headers, signal));
    return await navigator.credentials.get({ publicKey: options, signal });
}

function codeOf(error) {
    if (error instanceof PasskeyError) {
        return error.code;
    }
    switch (error?.name) {
        case 'NotAllowedError': return 'cancelled';
        case 'InvalidStateError': return 'exists';
        case 'SecurityError': return 'security';
        case 'NotSupportedError': return 'unsupported';
        default: return 'failed';
    }
}

customElements.define('passkey-submit', class extends HTMLElement {
    static formAssociated = true;

    connectedCallback() {
        this.internals ??= this.attachInternals();
        this.attrs = {
            operation: this.getAttribute('operation'),
            name: this.getAttribute('name'),
            requestTokenName: this.getAttribute('request-token-name'),
            requestTokenValue: this.getAttribute('request-token-value'),
        };
        this.form = this.internals.form;
        this.onSubmit = (event) => {
            if (event.submitter?.name === '__passkeySubmit') {
                event.preventDefault();
                this.obtainAndSubmitCredential();
            }
        };
        this.form?.addEventListener('submit', this.onSubmit);
    }

    disconnectedCallback() {
        this.form?.removeEventListener('submit', this.onSubmit);
        this.abortController?.abort();
    }

    async obtainCredential(signal) {
        if (!browserSupportsPasskeys) {
            throw new PasskeyError('unsupported');
        }
        const headers = { [this.attrs.requestTokenName]: this.attrs.requestTokenValue };
        if (this.attrs.operation === 'Create') {
            return await createCredential(headers, signal);
        }
        return await requestCredential(headers, signal);
    }

    async obtainAndSubmitCredential() {
        this.abortController?.abort();
        this.abortController = new AbortController();
        const signal = this.abortController.signal;
        const button = this.form?.querySelector('button[name="__passkeySubmit"]');
        const formData = new FormData();
        try {
            button?.setAttribute('aria-busy', 'true');
            const credential = await this.obtainCredential(signal);
            formData.append(`${this.attrs.name}.CredentialJson`, JSON.stringify(credential));
        } catch (error) {
            button?.removeAttribute('aria-busy');
            if (error?.name === 'AbortError' || signal.aborted) {
                // A second press replaced this request, or the page is going away.
                return;
            }
            formData.append(`${this.attrs.name}.Error`, codeOf(error));
        }
        this.internals.setFormValue(formData);
        this.form.submit();
    }

});
