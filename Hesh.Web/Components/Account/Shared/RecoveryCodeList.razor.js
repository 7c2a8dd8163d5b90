// <hesh-copy data-text="…">: copies its text on click or Enter/Space. A custom element, so it works on static pages
// after enhanced navigation too, and needs no inline script under the content security policy.
class HeshCopy extends HTMLElement {
    connectedCallback() {
        this.addEventListener('click', () => this.copy());
        this.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.copy(); } });
    }

    async copy() {
        const label = this.textContent;
        try {
            await navigator.clipboard.writeText(this.dataset.text ?? '');
            this.textContent = this.dataset.done ?? 'Copied';
        } catch {
            this.textContent = 'Select and copy the codes above';
        }
        setTimeout(() => { this.textContent = label; }, 2500);
    }
}

if (!customElements.get('hesh-copy')) {
    customElements.define('hesh-copy', HeshCopy);
}
