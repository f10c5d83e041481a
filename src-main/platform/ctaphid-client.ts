import {
  CTAPHID_BROADCAST_CHANNEL,
  CtaphidCommand,
  CtaphidMessageAssembler,
  ctaphidErrorWords,
  ctaphidProtocolError,
  encodeCtaphidMessage,
  equalBytes,
  INIT_NONCE_SIZE,
  parseInitResponse,
  type CtaphidInitResponse,
  type CtaphidMessage,
} from '../core/ctaphid';
import { CTAP2_GET_INFO, parseGetInfoResponse, type FidoInfo } from '../core/fido-get-info';
import type { Random } from '../core/random';
import type { HidConnection } from './hid-port';

export interface FidoProbe {
  readonly init: CtaphidInitResponse;
  /** null for a key that speaks only U2F (CTAP1): it has no GetInfo and no AAGUID. */
  readonly info: FidoInfo | null;
}

export interface CtaphidOptions {
  /** The whole exchange, however the key behaves. */
  readonly timeoutMs?: number;
  /** Reports read before giving up: a device that floods the channel cannot keep Strongroom reading. */
  readonly maxReports?: number;
}

/**
 * Asks a FIDO key who it is: CTAPHID_INIT on the broadcast channel with a fresh nonce (an answer carrying another
 * nonce belongs to another program and is skipped), then authenticatorGetInfo on the channel the key allocated.
 * Neither needs a touch or a PIN, and neither changes anything on the key.
 */
export async function probeFidoKey(connection: HidConnection, random: Random, options: CtaphidOptions = {}): Promise<FidoProbe> {
  const budget = new ReadBudget(options.timeoutMs ?? 2000, options.maxReports ?? 512);
  const nonce = random.bytes(INIT_NONCE_SIZE);
  for (const report of encodeCtaphidMessage(CTAPHID_BROADCAST_CHANNEL, CtaphidCommand.Init, nonce)) await connection.write(report);
  let init: CtaphidInitResponse | null = null;
  while (!init) {
    const message = await readMessage(connection, CTAPHID_BROADCAST_CHANNEL, budget);
    if (message.command !== CtaphidCommand.Init) throw ctaphidProtocolError(`command 0x${message.command.toString(16)} in answer to INIT`);
    const answer = parseInitResponse(message.payload);
    if (equalBytes(answer.nonce, nonce)) init = answer;
  }
  if (!init.capabilities.cbor) return { init, info: null };

  for (const report of encodeCtaphidMessage(init.channel, CtaphidCommand.Cbor, Uint8Array.of(CTAP2_GET_INFO))) await connection.write(report);
  const answer = await readMessage(connection, init.channel, budget);
  if (answer.command !== CtaphidCommand.Cbor) throw ctaphidProtocolError(`command 0x${answer.command.toString(16)} in answer to GetInfo`);
  return { init, info: parseGetInfoResponse(answer.payload) };
}

class ReadBudget {
  private readonly deadline: number;
  private reports = 0;

  constructor(
    timeoutMs: number,
    private readonly maxReports: number,
  ) {
    this.deadline = performance.now() + timeoutMs;
  }

  /** Milliseconds left for the next read; throws once time or reports are used up. */
  nextRead(): number {
    this.reports += 1;
    const left = Math.ceil(this.deadline - performance.now());
    if (left <= 0) throw ctaphidProtocolError('no answer in time');
    if (this.reports > this.maxReports) throw ctaphidProtocolError('too many reports');
    return Math.min(left, 500);
  }
}

async function readMessage(connection: HidConnection, channel: number, budget: ReadBudget): Promise<CtaphidMessage> {
  const assembler = new CtaphidMessageAssembler(channel);
  for (;;) {
    const report = await connection.read(budget.nextRead());
    if (!report) continue;
    const message = assembler.accept(report);
    if (!message || message.command === CtaphidCommand.Keepalive) continue;
    if (message.command === CtaphidCommand.Error) throw ctaphidProtocolError(`the key reported ${ctaphidErrorWords(message.payload[0])}`);
    return message;
  }
}
