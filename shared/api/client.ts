import { ApiError, type CallResult } from './errors';
import type { CallInput, CallName, CallOutput } from './contract';

/** One round trip over whatever carries calls: Electron IPC, HTTP on loopback, or in-process. */
export type Transport = (name: CallName, input: unknown) => Promise<CallResult>;

export interface ApiClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(name, input) {
      const res = await transport(name, input);
      if (!res.ok) throw ApiError.from(res.error);
      return res.result as never;
    },
  };
}
