/** What the preload script exposes to the renderer as `window.medallion`: nothing but these two. */
export interface MedallionBridge {
  invoke(method: string, input: unknown, callId?: string): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    medallion?: MedallionBridge;
  }
}
