import type { FeatureHandlers } from '../../contract/dispatch';
import type { mediaChannels } from '../../contract/media-channels';
import { toMediumCardView } from '../media-card';
import { toWriteJobView } from '../custody-views';
import type { StrongroomApp } from '../strongroom-app';

export function mediaHandlers(app: StrongroomApp): FeatureHandlers<typeof mediaChannels> {
  const { media, catalog, mediaFeed } = app;
  const card = async (devicePath: string) => toMediumCardView(await media.find(devicePath), media, catalog);
  // Anything that changes a stick moves the feed on, so every open Media screen refreshes.
  const changing = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      mediaFeed.bump();
    }
  };
  return {
    listMedia: async () => ({
      version: mediaFeed.currentVersion,
      practice: media.practice,
      allowances: media.allowances,
      media: (await media.inserted()).map((m) => toMediumCardView(m, media, catalog)),
      inService: media.inService(),
      keptGenerations: media.keptGenerations(),
    }),
    waitForMediaChange: async ({ sinceVersion, timeoutMs }) => ({ version: await mediaFeed.waitForChange(sinceVersion, timeoutMs ?? 25_000) }),
    labelMedium: ({ devicePath, role, mediumId, location }) =>
      changing(media.label({ devicePath, role, location, ...(mediumId ? { mediumId } : {}) }).then((m) => toMediumCardView(m, media, catalog))),
    wipeMedium: ({ devicePath, confirmMediumId }) => changing(media.wipe(devicePath, confirmMediumId).then(() => card(devicePath))),
    replicateMedium: ({ fromDevicePath, toDevicePath, role }) => changing(app.writeJobs.replicate(fromDevicePath, toDevicePath, role).then(toWriteJobView)),
    ejectMedium: ({ devicePath }) => changing(media.eject(devicePath).then((r) => ({ devicePath: r.devicePath, safeToRemove: r.safeToRemove, steps: r.steps }))),
  };
}
