import { z } from 'zod';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { TEMPLATE_VARIABLES } from './policy-vocabulary.js';
import { NameSchema } from './value-schemas.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** templateVariablesOf lists the `{{name}}` placeholders of a text, in order of first use. */
export function templateVariablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** A template text: every `{{…}}` must name a known variable, and no brace may be left unpaired. */
const templateText = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    for (const name of templateVariablesOf(text)) {
      if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', message: `unknown variable {{${name}}} (known: ${TEMPLATE_VARIABLES.join(', ')})` });
      }
    }
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) ctx.addIssue({ code: 'custom', message: 'unpaired "{{" or "}}"' });
  });

const bilingualText = z.object({ zh: templateText, en: templateText }).strict();

/**
 * TemplateSchema is a customer message in four parts (apology, reason,
 * remedy, confirmation), each in Chinese and English, with an e-mail subject
 * and an optional short `sms` form (otherwise the SMS is the four parts run
 * together).
 */
export const TemplateSchema = z
  .object({
    subject: bilingualText,
    apology: bilingualText,
    reason: bilingualText,
    remedy: bilingualText,
    confirmation: bilingualText,
    sms: bilingualText.optional(),
  })
  .strict();

/** CustomerTemplate is a parsed template. */
export type CustomerTemplate = z.infer<typeof TemplateSchema>;

/** TemplatesSchema is the `templates` section, keyed by id and merged over the shipped templates like playbooks. */
export const TemplatesSchema = z
  .record(NameSchema, TemplateSchema)
  .default({})
  .transform((given): Readonly<Record<string, CustomerTemplate>> => ({ ...DEFAULT_TEMPLATES, ...given }));
