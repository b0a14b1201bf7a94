import { z } from 'zod';
import { DEFAULT_PLAYBOOKS } from './default-playbooks.js';
import { PLAYBOOK_ITEM_KINDS } from './policy-vocabulary.js';
import { NameSchema } from './value-schemas.js';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

/** PlaybookItemSchema is one checklist step: a stable id (ticks are stored by it), a kind, labels and, for calls and SMS, the template to use. */
export const PlaybookItemSchema = z
  .object({ id: NameSchema, kind: z.enum(PLAYBOOK_ITEM_KINDS), zh: z.string().min(1), en: z.string().min(1), template: NameSchema.optional() })
  .strict();

/** PlaybookSchema is a checklist ticked off in an incident. */
export const PlaybookSchema = z
  .object({ title: bilingual, items: z.array(PlaybookItemSchema).min(1) })
  .strict()
  .superRefine((p, ctx) => {
    p.items.forEach((item, i) => {
      if (p.items.findIndex((x) => x.id === item.id) !== i) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate item id "${item.id}"` });
    });
  });

/** Playbook is a parsed playbook. */
export type Playbook = z.infer<typeof PlaybookSchema>;

/** PlaybookItem is a parsed checklist step. */
export type PlaybookItem = Playbook['items'][number];

/**
 * PlaybooksSchema is the `playbooks` section, keyed by playbook id; the file's
 * playbooks are added to the shipped ones and replace those of the same id,
 * so the default grading rules keep finding theirs.
 */
export const PlaybooksSchema = z
  .record(NameSchema, PlaybookSchema)
  .default({})
  .transform((given): Readonly<Record<string, Playbook>> => ({ ...DEFAULT_PLAYBOOKS, ...given }));
