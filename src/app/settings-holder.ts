import { watchFile, unwatchFile } from 'node:fs';
import { loadSettings } from '../config/load-settings.js';
import type { Settings } from '../config/settings.js';

/**
 * SettingsHolder keeps the policy in effect and reloads it when its file
 * changes (or on SIGHUP). A file that fails validation is reported and
 * ignored: the running policy stays, so a typo never silences the pager.
 */
export class SettingsHolder {
  private current: Settings;

  constructor(
    initial: Settings,
    private readonly file: string | undefined,
    private readonly say: (line: string) => void = () => undefined,
  ) {
    this.current = initial;
  }

  get(): Settings {
    return this.current;
  }

  /** reload reads the file again; returns whether the new policy took effect. */
  reload(): boolean {
    if (!this.file) return false;
    try {
      this.current = loadSettings(this.file);
      this.say(`policy reloaded from ${this.file}`);
      return true;
    } catch (error) {
      this.say(`policy reload failed, keeping the running policy: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  /** watch reloads on every change of the file and on SIGHUP until `stop`. */
  watch(): () => void {
    if (!this.file) return () => undefined;
    const file = this.file;
    const onChange = (): void => void this.reload();
    watchFile(file, { interval: 2000 }, onChange);
    process.on('SIGHUP', onChange);
    return () => {
      unwatchFile(file, onChange);
      process.off('SIGHUP', onChange);
    };
  }
}
