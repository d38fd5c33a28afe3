import type { MedallionBridge } from '../../preload/bridge';
import type { ApiResult } from '../../shared/errors';
import type { Transport } from './transport';

export function ipcTransport(bridge: MedallionBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (method, input, callId) => bridge.invoke(method, input, callId) as Promise<ApiResult<unknown>>,
    on: (event, listener) => bridge.on(event, listener),
  };
}
