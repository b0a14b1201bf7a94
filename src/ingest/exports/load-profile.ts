import { readFile } from 'node:fs/promises';
import douyin from './douyin.json' with { type: 'json' };
import jd from './jd.json' with { type: 'json' };
import shopify from './shopify.json' with { type: 'json' };
import taobao from './taobao.json' with { type: 'json' };
import youzan from './youzan.json' with { type: 'json' };
import { parseExportProfile, type ExportProfile, type ProfileParse } from './profile.js';

/** BUILT_IN_PROFILE_CHANNELS are the channels orderwatch ships an export profile for. */
export const BUILT_IN_PROFILE_CHANNELS = ['taobao', 'jd', 'douyin', 'youzan', 'shopify'] as const;

/** BuiltInProfileChannel is a channel with a built-in export profile. */
export type BuiltInProfileChannel = (typeof BUILT_IN_PROFILE_CHANNELS)[number];

const SOURCES: Readonly<Record<BuiltInProfileChannel, unknown>> = { taobao, jd, douyin, youzan, shopify };

/**
 * builtInProfile returns the shipped profile for a channel's seller-centre
 * export. The JSON files are validated like a user's; a broken one is a
 * programming error and throws at first use, which the test suite catches.
 */
export function builtInProfile(channel: BuiltInProfileChannel): ExportProfile {
  const parsed = parseExportProfile(SOURCES[channel]);
  if (!parsed.ok) {
    throw new Error(`built-in ${channel} export profile is invalid: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
  return parsed.profile;
}

/**
 * loadProfileFile reads and validates a profile a user wrote (typically a
 * copy of a built-in one, adjusted). It never throws: an unreadable file, bad
 * JSON and every schema problem come back as errors with their path.
 */
export async function loadProfileFile(path: string): Promise<ProfileParse> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { ok: false, errors: [{ field: '(file)', message: `cannot read profile ${path}: ${reason}` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch (error) {
    return { ok: false, errors: [{ field: '(file)', message: `profile ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseExportProfile(value);
}
