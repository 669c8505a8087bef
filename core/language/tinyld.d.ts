/**
 * tinyld declares its types through package.json "exports", which this project's module resolution
 * ("node") does not read; these are the two functions language identification uses.
 */
declare module 'tinyld' {
  export interface LanguageScore {
    /** ISO 639-1 code, e.g. "es". */
    lang: string;
    accuracy: number;
  }
  export function detectAll(text: string, options?: { only?: string[] }): LanguageScore[];
  export function detect(text: string, options?: { only?: string[] }): string;
}
