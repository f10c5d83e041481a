import { useCallback, useEffect, useState } from 'react';
import type { OutOfServiceView, WriteJobView } from '../../src-main/contract/transaction-views';
import { api, type Result } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Notice } from '../components/Notice';
import { useInsertedMedia } from '../components/use-inserted-media';
import { useRequest } from '../components/use-request';
import { PendingWrites, WriteJobStatus } from '../components/WriteJobStatus';
import { ChangePassphrase } from './media/ChangePassphrase';
import type { MediaAction } from './media/media-action';
import { MediumCard } from './media/MediumCard';
import { InService, KeptGenerations, OutOfService } from './media/StickRecords';

const isWriteJob = (value: unknown): value is WriteJobView => typeof value === 'object' && value !== null && 'sticks' in value;

export function MediaScreen() {
  const { overview, error, reload } = useInsertedMedia();
  const request = useRequest();
  const [notice, setNotice] = useState<string | null>(null);
  const [job, setJob] = useState<WriteJobView | null>(null);
  const [pendingJobs, setPendingJobs] = useState<readonly WriteJobView[]>([]);
  const [outOfService, setOutOfService] = useState<readonly OutOfServiceView[]>([]);

  const reloadRecords = useCallback(async () => {
    const [jobs, retired] = await Promise.all([api().listWriteJobs({}), api().outOfServiceMedia({})]);
    if (jobs.ok) setPendingJobs(jobs.value.pending);
    if (retired.ok) setOutOfService(retired.value);
  }, []);
  useEffect(() => void reloadRecords(), [reloadRecords, overview?.version]);

  const act: MediaAction = async (work: () => Promise<Result<unknown>>, success: string) => {
    setNotice(null);
    setJob(null);
    let ok = false;
    await request.run(work, (value) => {
      ok = true;
      if (isWriteJob(value)) setJob(value);
      else setNotice(success);
    });
    await reload();
    await reloadRecords();
    return ok;
  };

  return (
    <section className="screen" aria-labelledby="media-title">
      <h1 id="media-title">Media</h1>
      <p className="lead">
        Every inserted USB stick, as one physical device with all of its partitions. A stick is either a vault medium or a
        seed medium, never both. Sticks appear here as soon as they are plugged in.
      </p>
      {overview?.practice ? (
        <Notice tone="info" title="Practice mode.">
          These are practice folders, not USB sticks. Nothing written here is real custody, and every audit entry says so.
        </Notice>
      ) : null}
      {overview?.allowances.includes('loop-devices') ? (
        <Notice tone="info" title="Test allowance in force:">
          disk images (loop devices) are offered as sticks. Every audit entry records this.
        </Notice>
      ) : null}
      <ErrorNotice error={error} />
      {request.notice}
      {notice ? <Notice tone="ok">{notice}</Notice> : null}
      {job ? <WriteJobStatus job={job} onChanged={(next) => (setJob(next), void reload(), void reloadRecords())} /> : null}
      <PendingWrites jobs={pendingJobs.filter((j) => j.jobId !== job?.jobId)} onChanged={() => (void reload(), void reloadRecords())} />
      {overview && overview.media.length === 0 ? <p className="empty">No stick is inserted. Plug one in; it shows here within a second or two.</p> : null}
      <div className="cards">
        {overview?.media.map((medium) => (
          <MediumCard key={medium.devicePath} medium={medium} all={overview.media} inService={overview.inService} act={act} />
        ))}
      </div>
      {overview ? <InService overview={overview} act={act} /> : null}
      {outOfService.length > 0 ? <OutOfService media={outOfService} /> : null}
      <ChangePassphrase act={act} />
      {overview ? <KeptGenerations kept={overview.keptGenerations} act={act} /> : null}
    </section>
  );
}
