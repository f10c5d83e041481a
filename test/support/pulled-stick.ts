import { nodeStickFiles, type StickFiles, type StickPlace } from '../../src-main/platform/stick-folder';

/**
 * The real stick file operations, with a stick pulled out at an exact step: before the chosen operation runs on
 * a place whose folder matches, `pull` runs (remove a practice folder, kill a FUSE daemon), and the real
 * operation then meets what a custodian's yank leaves. Armed once; `rearm()` for another go.
 */
export function stickPulledAt(step: 'write' | 'promote', matches: (place: StickPlace, name: string) => boolean, pull: () => void | Promise<void>) {
  let armed = true;
  let pulls = 0;
  const trip = async (place: StickPlace, name: string) => {
    if (armed && matches(place, name)) {
      armed = false;
      pulls += 1;
      await pull();
    }
  };
  const files: StickFiles = {
    ...nodeStickFiles,
    write: async (place, name, bytes) => {
      if (step === 'write') await trip(place, name);
      return nodeStickFiles.write(place, name, bytes);
    },
    promote: async (place, names) => {
      if (step === 'promote') await trip(place, names.staged);
      return nodeStickFiles.promote(place, names);
    },
  };
  return {
    files,
    get pulls() {
      return pulls;
    },
    rearm: () => {
      armed = true;
    },
  };
}
