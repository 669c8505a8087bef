import { z } from 'zod';
import type { ClinicDetails } from '../conversation/template';
import { readValidatedYaml } from '../knowledge/loader';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';

/**
 * The short reply to a message in another language (knowledge/languages.yaml): this helper reads
 * English; if you feel unwell, call the emergency number or the clinic. Said in the parent's language
 * when it is listed, in English otherwise.
 */

/** Languages the product promises a reply in (issue 10); the file must have each, plus "en". */
export const REQUIRED_LANGUAGES = ['en', 'es', 'fr', 'pt', 'ar', 'zh', 'vi', 'tl', 'pl', 'ur', 'bn'] as const;

const text = z.string().trim().min(1, 'must not be empty');
const PLACEHOLDERS = ['emergencyNumber', 'clinicPhone'];

const noticeSchema = z
  .object({
    /** The language's English name, for people reading the file and the logs. */
    name: text,
    reply: text.refine((t) => t.includes('{emergencyNumber}') && t.includes('{clinicPhone}'), 'must name {emergencyNumber} and {clinicPhone}'),
    replyNoPhone: text.refine((t) => t.includes('{emergencyNumber}') && !t.includes('{clinicPhone}'), 'must name {emergencyNumber} and not {clinicPhone}'),
    emergencyNumber: text,
  })
  .strict()
  .superRefine((notice, ctx) => {
    for (const field of ['reply', 'replyNoPhone'] as const) {
      for (const [, name] of notice[field].matchAll(/\{([a-zA-Z]+)\}/g)) {
        if (!PLACEHOLDERS.includes(name)) ctx.addIssue({ code: 'custom', path: [field], message: `unknown placeholder {${name}}` });
      }
    }
  });

export const languagesFileSchema = z
  .object({ languages: z.record(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code'), noticeSchema) })
  .strict()
  .superRefine((file, ctx) => {
    for (const code of REQUIRED_LANGUAGES) {
      if (!file.languages[code]) ctx.addIssue({ code: 'custom', path: ['languages', code], message: 'is required' });
    }
  });

export type LanguageNotice = z.infer<typeof noticeSchema>;

export class LanguageNotices {
  constructor(private readonly notices: Readonly<Record<string, LanguageNotice>>) {}

  /** The languages a reply exists for, English included. */
  languages(): string[] {
    return Object.keys(this.notices);
  }

  /** Whether the reply can be given in this language (otherwise it is given in English). */
  has(language: string): boolean {
    return Object.hasOwn(this.notices, language);
  }

  /** The reply for a message in `language`, with the clinic's numbers filled in. */
  textFor(language: string, clinic: Pick<ClinicDetails, 'phone' | 'emergencyNumber'>): string {
    const notice = this.notices[this.has(language) ? language : 'en'];
    // A configured emergency number has digits; the default ("your local emergency number") is English words.
    const emergency = /\d/.test(clinic.emergencyNumber) ? clinic.emergencyNumber : notice.emergencyNumber;
    const template = clinic.phone ? notice.reply : notice.replyNoPhone;
    return template.replace('{emergencyNumber}', emergency).replace('{clinicPhone}', clinic.phone ?? '');
  }
}

/** Reads and validates knowledge/languages.yaml (problems name the file and the field). */
export function loadLanguageNotices(file: string, validation: KnowledgeValidation = plainValidation): LanguageNotices {
  return new LanguageNotices(readValidatedYaml(file, languagesFileSchema, 'languages', validation).languages);
}
