import { DEFAULT_SETTINGS, type Settings } from '../config/settings.js';

/** POLICY_SECTIONS are the sections of the `--config` file the response engine reads. */
export const POLICY_SECTIONS = [
  'receivers',
  'routes',
  'customerTiers',
  'grading',
  'grouping',
  'fixList',
  'escalation',
  'reminders',
  'onCall',
  'playbooks',
  'templates',
  'compensation',
  'rootCauses',
] as const;

/** PolicySection names one of them. */
export type PolicySection = (typeof POLICY_SECTIONS)[number];

/**
 * ResponsePolicy is the parsed response policy: the policy sections of the
 * validated config file, defaults filled in (its type comes from the zod
 * schema in src/config, so the two cannot drift).
 */
export type ResponsePolicy = Pick<Settings, PolicySection>;

/** policyOf takes the response policy out of validated settings. */
export function policyOf(settings: Settings): ResponsePolicy {
  return Object.fromEntries(POLICY_SECTIONS.map((s) => [s, settings[s]])) as ResponsePolicy;
}

/** DEFAULT_POLICY is the shipped policy: what runs when the file leaves every section out. */
export const DEFAULT_POLICY: ResponsePolicy = policyOf(DEFAULT_SETTINGS);
