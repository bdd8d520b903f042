import { createStore, type StoreApi } from 'zustand/vanilla';

/** UI-only state: what is open where. Nothing here is persisted or enforced by the core. */
export interface UiState {
  /** The case open in each domain tab. */
  openCase: Readonly<Record<string, string | null>>;
  /**
   * A case opened from outside the window (a notification's click): its heading takes the
   * focus once it is shown, then this is cleared.
   */
  caseFocusRequest: { domain: string; name: string } | null;
  /** Incremented by Ctrl/Cmd+F; the keyword field focuses itself when it changes. */
  searchFocusRequest: number;
  dialog:
    | { kind: 'none' }
    | { kind: 'add-domain'; domain?: string; email?: string }
    | { kind: 'sign-out'; domain: string }
    | { kind: 'settings' }
    | { kind: 'new-case'; domain: string }
    | { kind: 'drafts'; domain: string }
    /** `queued`: opened because a submission was just queued, which it says first. */
    | { kind: 'outbox'; domain: string; queued?: boolean }
    | { kind: 'diagnostics'; domain: string };
  openCaseIn(domain: string, name: string | null): void;
  /** Opens the case and asks for the focus on its heading. */
  showCaseFrom(domain: string, name: string): void;
  /** The heading took the focus (or the case was closed): the request is done. */
  caseFocusDone(): void;
  requestSearchFocus(): void;
  showDialog(dialog: UiState['dialog']): void;
  closeDialog(): void;
}

export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>((set) => ({
    openCase: {},
    caseFocusRequest: null,
    searchFocusRequest: 0,
    dialog: { kind: 'none' },
    openCaseIn(domain, name) {
      set((state) => ({ openCase: { ...state.openCase, [domain]: name } }));
    },
    showCaseFrom(domain, name) {
      set((state) => ({ openCase: { ...state.openCase, [domain]: name }, caseFocusRequest: { domain, name } }));
    },
    caseFocusDone() {
      set({ caseFocusRequest: null });
    },
    requestSearchFocus() {
      set((state) => ({ searchFocusRequest: state.searchFocusRequest + 1 }));
    },
    showDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: { kind: 'none' } });
    },
  }));
}
