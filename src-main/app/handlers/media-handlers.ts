import type { FeatureHandlers } from '../../contract/dispatch';
import type { mediaChannels } from '../../contract/media-channels';
import { toWriteJobView } from '../custody-views';
import type { StrongroomApp } from '../strongroom-app';

export function mediaHandlers(app: StrongroomApp): FeatureHandlers<typeof mediaChannels> {
  const { media, mediaFeed } = app;
  // Anything that changes a stick moves the feed on, so every open Media screen refreshes.
  const changing = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      mediaFeed.bump();
    }
  };
  return {
    listMedia: async () => ({ version: mediaFeed.currentVersion, ...(await media.overview()) }),
    waitForMediaChange: async ({ sinceVersion, timeoutMs }) => ({ version: await mediaFeed.waitForChange(sinceVersion, timeoutMs ?? 25_000) }),
    labelMedium: ({ devicePath, role, mediumId, location }) =>
      changing(media.label({ devicePath, role, location, ...(mediumId ? { mediumId } : {}) }).then((m) => media.card(m))),
    wipeMedium: ({ devicePath, confirmMediumId }) => changing(media.wipe(devicePath, confirmMediumId).then((m) => media.card(m))),
    replicateMedium: ({ fromDevicePath, toDevicePath, role }) => changing(app.writeJobs.replicate(fromDevicePath, toDevicePath, role).then(toWriteJobView)),
    ejectMedium: ({ devicePath }) => changing(media.eject(devicePath).then((r) => ({ devicePath: r.devicePath, safeToRemove: r.safeToRemove, steps: r.steps }))),
  };
}
