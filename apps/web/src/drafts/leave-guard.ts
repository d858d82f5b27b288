import { createContext, useContext } from 'react';

/** What a form with changes tells the diary, so leaving it asks first. */
export interface LeaveGuard {
  /** "incident", "person": named in the question. */
  readonly noun: string;
  dirty(): boolean;
  /**
   * Nothing of it can be kept as a draft (an import's chosen files): leaving only asks
   * whether to stay or to leave without it.
   */
  readonly draftless?: true;
  /** Writes the draft now (it is kept for later). */
  keep(): Promise<void>;
  /** Drops the draft and anything made only for it (a person added from the form). */
  discard(): Promise<void>;
}

export interface LeaveGuards {
  /** Sets the guard of the form on screen; returns the function that removes it. */
  register(guard: LeaveGuard): () => void;
  /** Runs `leave` at once if nothing would be lost, otherwise after asking. */
  request(leave: () => void): void;
}

const NONE: LeaveGuards = {
  register: () => () => undefined,
  request: (leave) => leave(),
};

export const LeaveGuardContext = createContext<LeaveGuards>(NONE);

export function useLeaveGuards(): LeaveGuards {
  return useContext(LeaveGuardContext);
}
