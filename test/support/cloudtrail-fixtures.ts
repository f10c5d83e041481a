import type { StrongroomApp } from '../../src-main/app/strongroom-app';
import { enrolAndWrite, SEED_PASSPHRASE, VAULT_PASSPHRASE } from './custody-fixture';
import type { FakeClock } from './fake-clock';
import { registerAndSignIn, registerCustodians } from './custodians';

/**
 * CloudTrail records built to AWS's documented record format (userIdentity, eventTime, eventSource, eventName,
 * awsRegion, sourceIPAddress, responseElements, additionalEventData, recipientAccountId, …), so each test says
 * only what differs: which account, when, from where, whether MFA was used, whether it failed.
 */

export type CloudTrailRecord = Record<string, unknown>;

let counter = 0;
function eventId(): string {
  counter += 1;
  return `5c1a4b5e-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

function rootIdentity(accountId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Root', principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId, accessKeyId: '', ...extra };
}

export function rootSignIn(options: { accountId: string; at: string; ip?: string; mfa?: boolean; failed?: boolean }): CloudTrailRecord {
  const failed = options.failed === true;
  return {
    eventVersion: '1.09',
    userIdentity: rootIdentity(options.accountId),
    eventTime: options.at,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: options.ip ?? '198.51.100.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
    ...(failed ? { errorMessage: 'Failed authentication' } : {}),
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      MobileVersion: 'No',
      MFAUsed: options.mfa === false || failed ? 'No' : 'Yes',
      ...(options.mfa === false || failed ? {} : { MFAIdentifier: `arn:aws:iam::${options.accountId}:mfa/root-account-mfa-device` }),
    },
    eventID: eventId(),
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: options.accountId,
    eventCategory: 'Management',
  };
}

export function rootCall(options: { accountId: string; at: string; eventName: string; eventSource?: string; ip?: string; accessKeyId?: string; assumedRoot?: boolean; error?: string }): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    userIdentity: rootIdentity(options.accountId, {
      accessKeyId: options.accessKeyId ?? 'ASIAEXAMPLEROOTKEY01',
      sessionContext: {
        attributes: { creationDate: options.at, mfaAuthenticated: options.assumedRoot ? 'false' : 'true' },
        ...(options.assumedRoot ? { assumedRoot: 'true' } : {}),
      },
    }),
    eventTime: options.at,
    eventSource: options.eventSource ?? 'iam.amazonaws.com',
    eventName: options.eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: options.ip ?? '198.51.100.7',
    userAgent: 'AWS Internal',
    requestParameters: {},
    responseElements: null,
    ...(options.error ? { errorCode: 'AccessDenied', errorMessage: options.error } : {}),
    eventID: eventId(),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: options.accountId,
    eventCategory: 'Management',
  };
}

/** An ordinary IAM user's call: not root activity, but it tells the report the logs cover that account then. */
export function iamUserCall(options: { accountId: string; at: string }): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEUSER00001', arn: `arn:aws:iam::${options.accountId}:user/ops`, accountId: options.accountId, userName: 'ops' },
    eventTime: options.at,
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '192.0.2.44',
    eventID: eventId(),
    eventType: 'AwsApiCall',
    recipientAccountId: options.accountId,
  };
}

/** sts:AssumeRoot as the management account logs it: the caller's identity, the target member account, the task. */
export function assumeRoot(options: { managementAccountId: string; targetAccountId: string; at: string; taskPolicy: string; sessionKey?: string }): CloudTrailRecord {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEADMIN0001:admin-session',
      arn: `arn:aws:sts::${options.managementAccountId}:assumed-role/RootTaskAdmin/admin-session`,
      accountId: options.managementAccountId,
      accessKeyId: 'ASIAEXAMPLECALLER001',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEADMIN0001', arn: `arn:aws:iam::${options.managementAccountId}:role/RootTaskAdmin`, accountId: options.managementAccountId, userName: 'RootTaskAdmin' },
        attributes: { creationDate: options.at, mfaAuthenticated: 'false' },
      },
    },
    eventTime: options.at,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRoot',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.50',
    userAgent: 'aws-cli/2.22.0',
    requestParameters: { targetPrincipal: options.targetAccountId, taskPolicyArn: { arn: `arn:aws:iam::aws:policy/root-task/${options.taskPolicy}` }, durationSeconds: 900 },
    responseElements: {
      credentials: { accessKeyId: options.sessionKey ?? 'ASIAEXAMPLESESSION01', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: 'Mar 2, 2026, 10:29:00 AM' },
    },
    eventID: eventId(),
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: options.managementAccountId,
    eventCategory: 'Management',
  };
}

/** A file as CloudTrail delivers it to S3. */
export function s3LogFile(records: readonly unknown[]): string {
  return JSON.stringify({ Records: records });
}

/** What `aws cloudtrail lookup-events` prints: each record as a JSON string inside its event summary. */
export function lookupEventsOutput(records: readonly CloudTrailRecord[]): string {
  return JSON.stringify(
    {
      Events: records.map((r) => ({
        EventId: r['eventID'],
        EventName: r['eventName'],
        ReadOnly: 'false',
        EventTime: r['eventTime'],
        EventSource: r['eventSource'],
        Username: 'root',
        Resources: [],
        CloudTrailEvent: JSON.stringify(r),
      })),
    },
    null,
    4,
  );
}

/** The S3 key CloudTrail gives a delivery file, so folder fixtures look like a synced bucket. */
export function s3Key(accountId: string, at: string): string {
  const d = at.slice(0, 10).split('-');
  const stamp = at.replace(/[-:]/g, '').slice(0, 13) + 'Z';
  return `AWSLogs/o-exampleorg1/${accountId}/CloudTrail/us-east-1/${d[0]}/${d[1]}/${d[2]}/${accountId}_CloudTrail_us-east-1_${stamp}_AbCdEfGh12345678.json.gz`;
}

/**
 * The custody history the reconciliation tests start from: both fixture accounts enrolled at the clock's time,
 * then a day later (so the enrolment no longer explains anything) a break-glass of 222222222222 by two
 * custodians. The clock is left at the break-glass.
 */
export async function enrolThenBreakGlass(app: StrongroomApp, clock: FakeClock, sticks: { vault1: string; seed1: string }): Promise<void> {
  await enrolAndWrite(app);
  clock.advanceMinutes(25 * 60);
  registerCustodians(app, 'Sam Okafor');
  registerAndSignIn(app, 'Dana Whitfield');
  await app.breakGlass.openFor({
    accountId: '222222222222',
    reason: 'Quarterly check of the billing contact',
    vaultDevicePath: sticks.vault1,
    seedDevicePath: sticks.seed1,
    vaultPassphrase: VAULT_PASSPHRASE,
    seedPassphrase: SEED_PASSPHRASE,
    vaultCustodian: 'Dana Whitfield',
    seedCustodian: 'Sam Okafor',
  });
}
