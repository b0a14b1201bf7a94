import { TEMPLATE_VARIABLES, type TemplateVariable } from '../config/policy/policy-vocabulary.js';
import { templateVariablesOf, type CustomerTemplate } from '../config/policy/templates-schema.js';
import { renderTemplate, type EmailMessage, type Lang, type PhoneScript, type TemplateVars } from './templates.js';

/** PLACEHOLDERS are what a script shows for a value nobody has given yet: visible, in the reader's language, for the agent to fill in. */
export const PLACEHOLDERS: Readonly<Record<Lang, Readonly<Record<TemplateVariable, string>>>> = {
  zh: { customer: '【客户称呼】', agent: '【客服姓名】', product: '【商品名称】', reason: '【延迟原因】', newDate: '【预计日期】', compensation: '【补偿金额】' },
  en: { customer: '[customer name]', agent: '[agent name]', product: '[product]', reason: '[reason]', newDate: '[new date]', compensation: '[compensation]' },
};

/**
 * DOMESTIC_SMS are the length rules of a text to a mainland number (Aliyun
 * SMS "短信发送规则", https://help.aliyun.com/zh/sms/user-guide/message-rules):
 * every character counts one, Chinese or not; the signature with its 【】
 * counts too; up to 70 is one message, longer is billed 67 a segment.
 */
export const DOMESTIC_SMS = { single: 70, perSegment: 67 } as const;

/** domesticSmsSegments is how many messages a text of `chars` characters is billed as in mainland China. */
export function domesticSmsSegments(chars: number): number {
  return chars <= DOMESTIC_SMS.single ? 1 : Math.ceil(chars / DOMESTIC_SMS.perSegment);
}

/** CustomerScript is a template rendered for one order, in every medium, with what is still missing. */
export interface CustomerScript {
  readonly template: string;
  readonly lang: Lang;
  readonly phone: PhoneScript;
  readonly sms: { readonly text: string; readonly chars: number; readonly signatureChars: number; readonly smsSegments: number };
  readonly email: Pick<EmailMessage, 'subject' | 'text' | 'html'>;
  /** The variables shown as placeholders: the agent fills them in (vars) before sending. */
  readonly missing: readonly TemplateVariable[];
  /** Counted over the SMS as it arrives (signature included). */
  readonly chars: number;
  readonly smsSegments: number;
}

function usedVariables(template: CustomerTemplate, lang: Lang): TemplateVariable[] {
  const texts = [template.subject[lang], template.apology[lang], template.reason[lang], template.remedy[lang], template.confirmation[lang], ...(template.sms ? [template.sms[lang]] : [])];
  const used = new Set(texts.flatMap(templateVariablesOf));
  return TEMPLATE_VARIABLES.filter((v) => used.has(v));
}

/**
 * renderScript renders a template for reading and copying: a phone script,
 * the SMS with its length and segments, the e-mail text. It never fails on
 * a value nobody has yet: that shows as a placeholder such as 【补偿金额】 and
 * is listed in `missing` (sending still needs it: renderTemplate refuses).
 * `signature` is the SMS signature the provider adds (counted with its 【】).
 */
export function renderScript(name: string, template: CustomerTemplate, vars: TemplateVars, lang: Lang = 'zh', signature?: string): CustomerScript {
  const missing = usedVariables(template, lang).filter((v) => (vars[v] ?? '').trim() === '');
  const filled: TemplateVars = { ...vars, ...Object.fromEntries(missing.map((v) => [v, PLACEHOLDERS[lang][v]])) };
  const phone = renderTemplate(template, filled, 'phone', lang);
  const sms = renderTemplate(template, filled, 'sms', lang);
  const email = renderTemplate(template, filled, 'email', lang);
  const signatureChars = signature ? [...signature].length + 2 : 0;
  const chars = sms.characters + signatureChars;
  const segments = domesticSmsSegments(chars);
  return {
    template: name,
    lang,
    phone,
    sms: { text: sms.text, chars, signatureChars, smsSegments: segments },
    email: { subject: email.subject, text: email.text, html: email.html },
    missing,
    chars,
    smsSegments: segments,
  };
}
