/**
 * CloudTrail log documents in, root activity out.
 *
 * Two shapes reach the kiosk: the files CloudTrail delivers to S3 (`{"Records": [...]}`) and what
 * `aws cloudtrail lookup-events` prints (`{"Events": [{"CloudTrailEvent": "<the record as a JSON string>"}]}`).
 * Both are untrusted: they come on a stick from an AWS account whose root credentials are the very thing being
 * checked. So the document's nesting depth and record count are bounded before and while it is read, every
 * record is checked on its own, and a record that is not what AWS documents is reported and skipped — it never
 * stops the rest from being read.
 *
 * Root activity is what CloudTrail attributes to `userIdentity.type: "Root"`, plus `sts:AssumeRoot`, which a
 * management-account principal calls to get a short root session in a member account (centralized root access).
 */

/** Deeper than any record AWS writes (a few levels), shallow enough that no parser recursion is at risk. */
export const MAX_JSON_DEPTH = 64;
/** Records kept from one import; CloudTrail writes far fewer root events than this in a quarter. */
export const MAX_RECORDS_PER_IMPORT = 1_000_000;
/** A lookup-events entry carries its record as a string; a record is a few kilobytes. */
const MAX_EMBEDDED_RECORD_CHARS = 1024 * 1024;
/** Problems listed one by one; past this only their number is kept, so a hostile file cannot flood the report. */
export const MAX_PROBLEMS_LISTED = 200;

export type RootActivityKind = 'sign-in' | 'credential-change' | 'api-call' | 'assume-root';

/**
 * Calls that change how the root user signs in: its password, its MFA devices, its access keys and signing
 * certificates. A rotation or an enrolment in Strongroom explains them; nothing else does.
 */
export const ROOT_CREDENTIAL_EVENTS: Readonly<Record<string, 'password' | 'mfa' | 'access-key' | 'certificate'>> = {
  ChangePassword: 'password',
  PasswordUpdated: 'password',
  PasswordRecoveryRequested: 'password',
  PasswordRecoveryCompleted: 'password',
  CreateLoginProfile: 'password',
  UpdateLoginProfile: 'password',
  DeleteLoginProfile: 'password',
  CreateVirtualMFADevice: 'mfa',
  EnableMFADevice: 'mfa',
  DeactivateMFADevice: 'mfa',
  DeleteVirtualMFADevice: 'mfa',
  ResyncMFADevice: 'mfa',
  CreateAccessKey: 'access-key',
  UpdateAccessKey: 'access-key',
  DeleteAccessKey: 'access-key',
  UploadSigningCertificate: 'certificate',
  UpdateSigningCertificate: 'certificate',
  DeleteSigningCertificate: 'certificate',
};

export interface RootActivity {
  readonly kind: RootActivityKind;
  /** The member account whose root user acted (for AssumeRoot: the account the session was for). */
  readonly accountId: string;
  /** ISO 8601 as CloudTrail wrote it, normalised to UTC milliseconds. */
  readonly at: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventId: string | null;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly region: string | null;
  /** False when CloudTrail recorded an error (a failed sign-in, a refused call). */
  readonly succeeded: boolean;
  readonly errorMessage: string | null;
  /** Sign-ins: additionalEventData.MFAUsed; API calls: sessionContext mfaAuthenticated; null when not recorded. */
  readonly mfaUsed: boolean | null;
  /** Credential changes: what changed. */
  readonly credential: 'password' | 'mfa' | 'access-key' | 'certificate' | null;
  /** The root session came from sts:AssumeRoot (centralized root access), not from the root password. */
  readonly viaAssumeRoot: boolean;
  /** AssumeRoot: who asked for the session, which task policy scoped it, and the session's access key. */
  readonly caller: string | null;
  readonly taskPolicy: string | null;
  readonly sessionAccessKey: string | null;
  /** Root API calls: the access key used, so calls in an AssumeRoot session can be tied to it. */
  readonly accessKeyId: string | null;
  /** Which file and which record in it, for the report. */
  readonly file: string;
  readonly recordIndex: number;
}

export interface RecordProblem {
  readonly file: string;
  /** 1-based record number inside the file, or null when the whole file was refused. */
  readonly record: number | null;
  readonly reason: string;
}

/** Every record's account and time, root or not, so the report can say what the logs cover. */
export interface CoveragePoint {
  readonly accountId: string;
  readonly atMs: number;
}

export interface ParsedLogDocument {
  readonly shape: 'records' | 'lookup-events' | 'digest' | 'unrecognised';
  readonly recordCount: number;
  readonly activities: readonly RootActivity[];
  readonly coverage: readonly CoveragePoint[];
  /** The first MAX_PROBLEMS_LISTED problems; `problemCount` has them all. */
  readonly problems: readonly RecordProblem[];
  readonly problemCount: number;
  /** Records beyond the import's cap, counted but not read. */
  readonly skippedOverCap: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ACCOUNT_ID = /^\d{12}$/;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: Json | undefined, max = 2048): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
}

/**
 * The deepest nesting of arrays and objects, counted without parsing, so a document of a million `[` is refused
 * before JSON.parse recurses into it. Brackets inside strings do not count.
 */
export function jsonNestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

function parseBounded(source: string): { ok: true; value: Json } | { ok: false; reason: string } {
  const depth = jsonNestingDepth(source);
  if (depth > MAX_JSON_DEPTH) return { ok: false, reason: `it is nested ${depth} levels deep; CloudTrail records are never deeper than ${MAX_JSON_DEPTH}` };
  try {
    return { ok: true, value: JSON.parse(source) as Json };
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${(error as Error).message.slice(0, 120)})` };
  }
}

/** CloudTrail times are ISO 8601 in UTC ("2026-03-02T09:14:07Z"); anything else is refused, not guessed. */
function parseEventTime(value: Json | undefined): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function accountOf(record: JsonObject): string | null {
  const recipient = text(record['recipientAccountId']);
  if (recipient && ACCOUNT_ID.test(recipient)) return recipient;
  const identity = record['userIdentity'];
  const own = isObject(identity) ? text(identity['accountId']) : null;
  return own && ACCOUNT_ID.test(own) ? own : null;
}

/** AssumeRoot's targetPrincipal is the member account id or its root ARN. */
function targetAccount(value: Json | undefined): string | null {
  const target = text(value);
  if (!target) return null;
  if (ACCOUNT_ID.test(target)) return target;
  const arn = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(target);
  return arn ? arn[1]! : null;
}

function yesNo(value: Json | undefined): boolean | null {
  if (value === 'Yes' || value === 'true' || value === true) return true;
  if (value === 'No' || value === 'false' || value === false) return false;
  return null;
}

type RecordVerdict = { ok: true; activity: RootActivity | null; coverage: CoveragePoint } | { ok: false; reason: string };

/** One record, as AWS documents it. Returns the root activity it holds, if any. */
export function readRecord(record: Json, file: string, recordIndex: number): RecordVerdict {
  if (!isObject(record)) return { ok: false, reason: 'it is not a JSON object' };
  const eventName = text(record['eventName'], 128);
  if (!eventName) return { ok: false, reason: 'it has no eventName' };
  const atMs = parseEventTime(record['eventTime']);
  if (atMs === null) return { ok: false, reason: 'its eventTime is missing or not an ISO 8601 UTC time' };
  const accountId = accountOf(record);
  if (!accountId) return { ok: false, reason: 'it names no 12-digit account (recipientAccountId or userIdentity.accountId)' };
  const identity = record['userIdentity'];
  if (!isObject(identity)) return { ok: false, reason: 'it has no userIdentity' };
  const coverage = { accountId, atMs };
  const eventSource = text(record['eventSource'], 256) ?? '';
  const errorCode = text(record['errorCode'], 256);
  const errorMessage = text(record['errorMessage'], 512);
  const session = isObject(identity['sessionContext']) ? identity['sessionContext'] : null;
  const attributes = session && isObject(session['attributes']) ? session['attributes'] : null;
  const common = {
    at: new Date(atMs).toISOString(),
    eventName,
    eventSource,
    eventId: text(record['eventID'], 128),
    sourceIp: text(record['sourceIPAddress'], 256),
    userAgent: text(record['userAgent'], 512),
    region: text(record['awsRegion'], 64),
    errorMessage: errorMessage ?? errorCode,
    file,
    recordIndex,
  };

  if (eventName === 'AssumeRoot' && eventSource.startsWith('sts.')) {
    const params = isObject(record['requestParameters']) ? record['requestParameters'] : {};
    const target = targetAccount(params['targetPrincipal']);
    if (!target) return { ok: false, reason: 'it is an AssumeRoot call without a 12-digit targetPrincipal' };
    const policy = isObject(params['taskPolicyArn']) ? text(params['taskPolicyArn']['arn']) : text(params['taskPolicyArn']);
    const response = isObject(record['responseElements']) ? record['responseElements'] : {};
    const credentials = isObject(response['credentials']) ? response['credentials'] : {};
    return {
      ok: true,
      coverage,
      activity: {
        ...common,
        kind: 'assume-root',
        accountId: target,
        succeeded: errorCode === null && errorMessage === null,
        mfaUsed: attributes ? yesNo(attributes['mfaAuthenticated']) : null,
        credential: null,
        viaAssumeRoot: true,
        caller: text(identity['arn'], 512),
        taskPolicy: policy,
        sessionAccessKey: text(credentials['accessKeyId'], 128),
        accessKeyId: text(identity['accessKeyId'], 128),
      },
    };
  }

  if (identity['type'] !== 'Root') return { ok: true, activity: null, coverage };

  const viaAssumeRoot = session ? yesNo(session['assumedRoot']) === true : false;
  const accessKeyId = text(identity['accessKeyId'], 128);
  const base = { ...common, accountId, viaAssumeRoot, caller: null, taskPolicy: null, sessionAccessKey: null, accessKeyId };

  if (eventName === 'ConsoleLogin') {
    const response = isObject(record['responseElements']) ? record['responseElements'] : {};
    const extra = isObject(record['additionalEventData']) ? record['additionalEventData'] : {};
    const outcome = response['ConsoleLogin'];
    const succeeded = outcome === 'Success' ? true : outcome === 'Failure' ? false : errorMessage === null && errorCode === null;
    return { ok: true, coverage, activity: { ...base, kind: 'sign-in', succeeded, mfaUsed: yesNo(extra['MFAUsed']), credential: null } };
  }
  const credential = ROOT_CREDENTIAL_EVENTS[eventName] ?? null;
  return {
    ok: true,
    coverage,
    activity: {
      ...base,
      kind: credential ? 'credential-change' : 'api-call',
      succeeded: errorCode === null && errorMessage === null,
      mfaUsed: attributes ? yesNo(attributes['mfaAuthenticated']) : null,
      credential,
    },
  };
}

/**
 * Reads one log document. `remainingRecords` is what is left of the import's record cap; records past it are
 * counted, not read.
 */
export function parseLogDocument(source: string, file: string, remainingRecords: number = MAX_RECORDS_PER_IMPORT): ParsedLogDocument {
  const problems: RecordProblem[] = [];
  let problemCount = 0;
  const problem = (record: number | null, reason: string) => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS_LISTED) problems.push({ file, record, reason });
  };
  const empty = (shape: ParsedLogDocument['shape']): ParsedLogDocument => ({
    shape,
    recordCount: 0,
    activities: [],
    coverage: [],
    problems,
    problemCount,
    skippedOverCap: 0,
  });
  const parsed = parseBounded(source);
  if (!parsed.ok) {
    problem(null, `The file was skipped: ${parsed.reason}.`);
    return empty('unrecognised');
  }
  const document = parsed.value;
  let entries: { value: Json; embedded: boolean }[];
  let shape: ParsedLogDocument['shape'];
  if (isObject(document) && Array.isArray(document['Records'])) {
    shape = 'records';
    entries = document['Records'].map((value) => ({ value, embedded: false }));
  } else if (isObject(document) && Array.isArray(document['Events'])) {
    shape = 'lookup-events';
    entries = document['Events'].map((value) => ({ value, embedded: true }));
  } else if (isObject(document) && typeof document['digestStartTime'] === 'string' && Array.isArray(document['logFiles'])) {
    // Digest files prove log integrity; they hold no events. Not an error, but nothing to read either.
    return empty('digest');
  } else {
    problem(null, 'The file was skipped: it is neither CloudTrail log records ({"Records": [...]}) nor lookup-events output ({"Events": [...]}).');
    return empty('unrecognised');
  }

  const activities: RootActivity[] = [];
  const coverage: CoveragePoint[] = [];
  const limit = Math.max(0, remainingRecords);
  const readable = entries.slice(0, limit);
  readable.forEach((entry, index) => {
    const number = index + 1;
    let record: Json = entry.value;
    if (entry.embedded) {
      const embedded = isObject(entry.value) ? entry.value['CloudTrailEvent'] : undefined;
      if (typeof embedded !== 'string') {
        problem(number, 'Event has no CloudTrailEvent string.');
        return;
      }
      if (embedded.length > MAX_EMBEDDED_RECORD_CHARS) {
        problem(number, `Its CloudTrailEvent is ${embedded.length} characters, far larger than any CloudTrail record.`);
        return;
      }
      const inner = parseBounded(embedded);
      if (!inner.ok) {
        problem(number, `Its CloudTrailEvent was skipped: ${inner.reason}.`);
        return;
      }
      record = inner.value;
    }
    const verdict = readRecord(record, file, number);
    if (!verdict.ok) {
      problem(number, `Record skipped: ${verdict.reason}.`);
      return;
    }
    coverage.push(verdict.coverage);
    if (verdict.activity) activities.push(verdict.activity);
  });
  return { shape, recordCount: readable.length, activities, coverage, problems, problemCount, skippedOverCap: entries.length - readable.length };
}
