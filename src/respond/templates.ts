import { TEMPLATE_PARTS, type TemplatePart, type TemplateVariable } from '../config/policy/policy-vocabulary.js';
import { templateVariablesOf, type CustomerTemplate } from '../config/policy/templates-schema.js';

export { DEFAULT_TEMPLATES } from '../config/policy/default-templates.js';
export type { CustomerTemplate };

/** TemplateVars are the values of a message's variables (customer, agent, product, reason, newDate, compensation). */
export type TemplateVars = Readonly<Partial<Record<TemplateVariable, string>>>;

/** Medium is how a message reaches the customer. */
export type Medium = 'phone' | 'sms' | 'email';

/** Lang is the language of a message: Simplified Chinese by default, English available. */
export type Lang = 'zh' | 'en';

/** PhoneScript is what the agent reads on the call: the four parts as labelled steps. */
export interface PhoneScript {
  readonly medium: 'phone';
  readonly steps: readonly { readonly part: TemplatePart; readonly label: string; readonly text: string }[];
  readonly text: string;
}

/**
 * SmsMessage is a short text with its length: `characters` as the operator
 * counts them, `segments` the messages it is billed as (70 characters in one
 * segment, 67 per segment when split, as Chinese text is sent in UCS-2; 160
 * and 153 for plain GSM text). The provider adds the signature 【…】 on top.
 */
export interface SmsMessage {
  readonly medium: 'sms';
  readonly text: string;
  readonly characters: number;
  readonly segments: number;
}

/** EmailMessage is a subject with an HTML body (every value escaped) and the same text in plain form. */
export interface EmailMessage {
  readonly medium: 'email';
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** RenderedMessage is a message ready for its medium. */
export type RenderedMessage = PhoneScript | SmsMessage | EmailMessage;

/** TemplateError is a template that cannot be rendered with the values given; `missing` lists the variables without a value. */
export class TemplateError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`the template needs values for: ${missing.join(', ')}`);
  }
}

const PART_LABELS: Readonly<Record<Lang, Readonly<Record<TemplatePart, string>>>> = {
  zh: { apology: '致歉', reason: '说明原因', remedy: '解决方案', confirmation: '确认' },
  en: { apology: 'Apology', reason: 'Reason', remedy: 'Remedy', confirmation: 'Confirmation' },
};

const GSM_7 = /^[\n\r A-Za-z0-9@£$¥!"#%&'()*+,\-./:;<=>?¡¿§ÄÖÑÜäöñüàèéùìòÇØøÅåÆæßÉΔΦΓΛΩΠΨΣΘΞ_]*$/;

/** smsSegments counts the segments an SMS text is sent as. */
export function smsSegments(text: string): number {
  const chars = [...text].length;
  const [single, multi] = GSM_7.test(text) ? [160, 153] : [70, 67];
  return chars <= single ? 1 : Math.ceil(chars / multi);
}

/** escapeHtml makes text safe inside HTML: a customer named `<script>` stays a name. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function fill(text: string, vars: TemplateVars): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => vars[name as TemplateVariable] ?? '');
}

function missingVariables(texts: readonly string[], vars: TemplateVars): string[] {
  const used = [...new Set(texts.flatMap(templateVariablesOf))];
  return used.filter((name) => {
    const v = vars[name as TemplateVariable];
    return v === undefined || v.trim() === '';
  });
}

/**
 * renderTemplate renders a four-part customer template for a medium and a
 * language: a phone script with labelled steps, an SMS (the template's short
 * form, else the four parts run together) with its segment count, or an
 * e-mail with subject, escaped HTML and plain text. A variable the texts use
 * without a value given throws a TemplateError naming all of them, so no
 * customer gets "尊敬的{{customer}}" or an empty name.
 */
export function renderTemplate(template: CustomerTemplate, vars: TemplateVars, medium: 'phone', lang?: Lang): PhoneScript;
export function renderTemplate(template: CustomerTemplate, vars: TemplateVars, medium: 'sms', lang?: Lang): SmsMessage;
export function renderTemplate(template: CustomerTemplate, vars: TemplateVars, medium: 'email', lang?: Lang): EmailMessage;
export function renderTemplate(template: CustomerTemplate, vars: TemplateVars, medium: Medium, lang?: Lang): RenderedMessage;
export function renderTemplate(template: CustomerTemplate, vars: TemplateVars, medium: Medium, lang: Lang = 'zh'): RenderedMessage {
  const parts = TEMPLATE_PARTS.map((part) => ({ part, source: template[part][lang] }));
  const sep = lang === 'zh' ? '' : ' ';
  if (medium === 'sms') {
    const sources = template.sms ? [template.sms[lang]] : parts.map((p) => p.source);
    const missing = missingVariables(sources, vars);
    if (missing.length > 0) throw new TemplateError(missing);
    const text = sources.map((s) => fill(s, vars)).join(sep);
    return { medium, text, characters: [...text].length, segments: smsSegments(text) };
  }
  const sources = medium === 'email' ? [template.subject[lang], ...parts.map((p) => p.source)] : parts.map((p) => p.source);
  const missing = missingVariables(sources, vars);
  if (missing.length > 0) throw new TemplateError(missing);
  const filled = parts.map((p) => ({ part: p.part, label: PART_LABELS[lang][p.part], text: fill(p.source, vars) }));
  if (medium === 'phone') {
    return { medium, steps: filled, text: filled.map((s, i) => `${i + 1}. 【${s.label}】${s.text}`).join('\n') };
  }
  const subject = fill(template.subject[lang], vars);
  const html = [
    `<!DOCTYPE html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...filled.map((s) => `<p>${escapeHtml(s.text).replace(/\n/g, '<br>')}</p>`),
    '</body></html>',
  ].join('\n');
  return { medium, subject, html, text: filled.map((s) => s.text).join('\n\n') };
}
