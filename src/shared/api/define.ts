import type { z } from 'zod';

/** One API method: its input and output schemas and a line saying what it does. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  description: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, description: string): MethodDef<I, O> {
  return { input, output, description };
}

/** One pushed event: its payload schema. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
  description: string;
}

export function event<P extends z.ZodType>(payload: P, description: string): EventDef<P> {
  return { payload, description };
}
