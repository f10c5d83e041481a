import { DEFAULT_KEPT_GENERATIONS } from '../core/artefact-files';
import type { CatalogDb } from './catalog-database';

/** Kiosk settings that are not secrets and must survive a restart. */
export interface KioskSettings {
  /** Minutes without keyboard or mouse input before the kiosk locks and asks who is there. */
  readonly idleLockMinutes: number;
  /** Days from a passed verification of a medium until the next is due (quarterly by default). */
  readonly verificationIntervalDays: number;
  /** Generations of each artefact every stick keeps (the current one included). */
  readonly keptGenerations: number;
  /** A root password shown by break-glass flags its account "rotate after use" until a rotation clears it. */
  readonly flagRevealedPasswords: boolean;
}

export const DEFAULT_SETTINGS: KioskSettings = { idleLockMinutes: 5, verificationIntervalDays: 90, keptGenerations: DEFAULT_KEPT_GENERATIONS, flagRevealedPasswords: true };

type NumericSetting = 'idleLockMinutes' | 'verificationIntervalDays' | 'keptGenerations';

export class SettingsStore {
  constructor(private readonly db: CatalogDb) {}

  read(): KioskSettings {
    const rows = this.db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
    const stored: Record<string, unknown> = {};
    for (const row of rows) stored[row.key] = JSON.parse(row.value_json);
    const number = (key: NumericSetting): number => {
      const value = stored[key];
      return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_SETTINGS[key];
    };
    const flag = stored['flagRevealedPasswords'];
    return {
      idleLockMinutes: number('idleLockMinutes'),
      verificationIntervalDays: number('verificationIntervalDays'),
      keptGenerations: number('keptGenerations'),
      flagRevealedPasswords: typeof flag === 'boolean' ? flag : DEFAULT_SETTINGS.flagRevealedPasswords,
    };
  }

  write<K extends keyof KioskSettings>(key: K, value: KioskSettings[K]): void {
    this.db
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json')
      .run(key, JSON.stringify(value));
  }

  /** Bookkeeping values that are not user settings (e.g. the verification run in progress). */
  readValue<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  writeValue(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json')
      .run(key, JSON.stringify(value));
  }

  deleteValue(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
