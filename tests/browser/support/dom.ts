/**
 * The little of the DOM that page functions (run in Chromium by Playwright) touch. The project
 * compiles without TypeScript's DOM library, so each file declares `document` and friends locally
 * with these types, instead of the whole DOM joining every file's globals.
 */
export interface PageElement {
  textContent: string | null;
  className: string;
  nonce?: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  readonly shadowRoot: PageRoot | null;
  getAnimations(): Array<{ finished: Promise<unknown> }>;
}

export interface PageRoot {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  readonly activeElement: PageElement | null;
}

export interface CspViolationEvent {
  violatedDirective: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
  columnNumber: number;
}

export interface PageDocument extends PageRoot {
  addEventListener(type: 'securitypolicyviolation', listener: (event: CspViolationEvent) => void): void;
}
